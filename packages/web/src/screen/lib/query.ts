// The wall's settings, all in the URL so that a meeting-room PC can be set up with a bookmark:
// ?period=2025Q3 &wide=1 &carousel=30 &metric=index &lang=en.
import { carouselSeconds } from './carousel.ts';
import type { ScreenLang } from './format.ts';

export interface ScreenQuery {
  /** The period to show; absent, the server's latest with published data. */
  period: string | undefined;
  /** ?wide= as given (stageLayoutFor reads it). */
  wide: string | null;
  /** Carousel interval in seconds; null for none. */
  carousel: number | null;
  /** The metric of the map and ranking at start. */
  metric: string | undefined;
  lang: ScreenLang;
}

export function screenQueryParse(search: string): ScreenQuery {
  const q = new URLSearchParams(search);
  const period = q.get('period')?.trim();
  const metric = q.get('metric')?.trim();
  const lang = q.get('lang')?.trim().toLowerCase();
  return {
    period: period && /^\d{4}(Q[1-4])?$/i.test(period) ? period.toUpperCase() : undefined,
    wide: q.get('wide'),
    carousel: carouselSeconds(q.get('carousel')),
    metric: metric || undefined,
    lang: lang === 'en' || lang === 'en-us' ? 'en' : 'zh',
  };
}
