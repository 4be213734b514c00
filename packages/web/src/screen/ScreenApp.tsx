// The wall: which screen (city or a town) from the path, its settings from the query, the fixed-size stage
// scaled to the viewport, the live payload, the carousel, and the trace panel over everything.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LocalizedName, ScreenPayload, TraceKey } from '@ding/core';
import { CityScreen } from './CityScreen.tsx';
import { TownScreen } from './TownScreen.tsx';
import { ScreenContext, type ScreenContextValue } from './components/context.ts';
import { TitleBar } from './components/TitleBar.tsx';
import { TracePanel } from './components/TracePanel.tsx';
import { geojsonFetch } from './live/api.ts';
import { screenNavigate, useScreenLocation } from './live/location.ts';
import { useScreenData } from './live/use-screen-data.ts';
import { SCREEN_WORDS } from './i18n.ts';
import { carouselNext, carouselOrder } from './lib/carousel.ts';
import type { ScreenLang } from './lib/format.ts';
import { geoJoin, type GeoJoin } from './lib/geo.ts';
import { screenQueryParse } from './lib/query.ts';
import { metricChoose, payloadTowns, regionNames } from './lib/regions.ts';
import { screenRouteKey, screenRouteParse, type ScreenRoute } from './lib/route.ts';
import { STAGE_HEIGHT, STAGE_WIDTH, stageFit, stageLayoutFor, stagePixelRatio } from './lib/stage.ts';

/** The carousel fetches the next page this long before showing it. */
const CAROUSEL_PREFETCH_MS = 5000;

function useViewport(): { width: number; height: number } {
  const read = () => ({ width: window.innerWidth, height: window.innerHeight });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/** The operator's GeoJSON (fetched once) joined to the towns, or null for the schematic tile map. */
function useGeo(payload: ScreenPayload | null, lang: ScreenLang): { geojson: unknown; join: GeoJoin } | null {
  const [geojson, setGeojson] = useState<unknown>(null);
  useEffect(() => {
    const controller = new AbortController();
    geojsonFetch(lang, controller.signal).then(setGeojson, () => setGeojson(null));
    return () => controller.abort();
  }, [lang]);
  const towns = payloadTowns(payload);
  const join = useMemo(() => (geojson ? geoJoin(geojson, towns) : null), [geojson, towns]);
  return geojson && join ? { geojson, join } : null;
}

export function ScreenApp() {
  const { pathname, search } = useScreenLocation();
  const parsed = screenRouteParse(pathname);
  const route: ScreenRoute = parsed ?? { kind: 'city' };
  const routeKey = screenRouteKey(route);
  const query = useMemo(() => screenQueryParse(search), [search]);
  const { lang } = query;
  const w = SCREEN_WORDS[lang];

  const viewport = useViewport();
  const layout = stageLayoutFor(viewport.width, viewport.height, query.wide);
  const stageWidth = STAGE_WIDTH[layout];
  const fit = stageFit(viewport.width, viewport.height, stageWidth, STAGE_HEIGHT);
  const pixelRatio = stagePixelRatio(window.devicePixelRatio, fit.scale);

  const data = useScreenData(route, query.period, lang);
  const { payload } = data;
  const [metricAsked, setMetric] = useState<string | undefined>(query.metric);
  const metric = metricChoose(payload, metricAsked);
  const [traces, setTraces] = useState<TraceKey[]>([]);
  const geo = useGeo(payload, lang);

  const names = useMemo(() => {
    const all = regionNames(data.city);
    for (const [k, v] of regionNames(payload)) all.set(k, v);
    return all;
  }, [data.city, payload]);
  const name = useCallback(
    (n: LocalizedName | undefined, fallback = '') => (n ? (lang === 'en' ? n.en : n.zh) || n.zh : fallback),
    [lang],
  );
  const regionName = useCallback((code: string) => name(names.get(code), code), [names, name]);

  const go = useCallback((r: ScreenRoute) => {
    setTraces([]);
    screenNavigate(r);
  }, []);
  const openTrace = useCallback((key: TraceKey) => setTraces([key]), []);
  const context = useMemo<ScreenContextValue>(
    () => ({ lang, w, name, openTrace, go, pixelRatio }),
    [lang, w, name, openTrace, go, pixelRatio],
  );

  // An unknown /screen/... path shows the city (and says so in the address bar).
  useEffect(() => {
    if (!parsed) screenNavigate({ kind: 'city' }, { replace: true });
  }, [parsed]);

  // The carousel: city → each town west → east → city …, paused while a trace is open.
  const order = useMemo(() => carouselOrder(payloadTowns(payload ?? data.city)), [payload, data.city]);
  const seconds = query.carousel;
  const { prefetch } = data;
  useEffect(() => {
    if (!seconds || traces.length) return;
    const next = carouselNext(order, route);
    const ahead = window.setTimeout(() => prefetch(next), Math.max(0, seconds * 1000 - CAROUSEL_PREFETCH_MS));
    const turn = window.setTimeout(() => screenNavigate(next), seconds * 1000);
    return () => {
      window.clearTimeout(ahead);
      window.clearTimeout(turn);
    };
    // `route` is described by `routeKey`.
  }, [seconds, traces.length, order, routeKey, prefetch]);

  const home = data.city?.regionName ?? (payload?.kind === 'city' ? payload.regionName : undefined);
  const title = home ? w.title(name(home)) : w.titleFallback;
  const subtitle = payload?.kind === 'town' ? w.townSubtitle(name(payload.regionName)) : undefined;
  useEffect(() => {
    document.title = subtitle ? `${subtitle} · ${title}` : title;
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  }, [title, subtitle, lang]);

  let body;
  if (payload) {
    body =
      payload.kind === 'city' ? (
        <CityScreen
          payload={payload}
          layout={layout}
          metric={metric}
          onMetric={setMetric}
          geo={geo}
          regionName={regionName}
        />
      ) : (
        <TownScreen payload={payload} layout={layout} metric={metric} onMetric={setMetric} geo={geo} />
      );
  } else if (data.error) {
    body = (
      <div className="screen-message bad-text" data-testid="screen-error">
        {data.error.status === 404 ? w.notFound : data.error.status === 401 ? w.signIn : w.failed}
        <small>{data.error.message}</small>
        {data.error.status === 401 && (
          <a href={`/login?next=${encodeURIComponent(pathname + search)}`}>{w.signInLink}</a>
        )}
      </div>
    );
  } else {
    body = <div className="screen-message">{data.offlineSince ? w.offlineHint : w.loading}</div>;
  }

  return (
    <ScreenContext.Provider value={context}>
      <div className="screen-viewport">
        <div
          className={`screen-stage layout-${layout}`}
          data-testid="screen-stage"
          data-layout={layout}
          data-kind={payload?.kind ?? route.kind}
          data-period={payload?.period ?? ''}
          data-scale={fit.scale.toFixed(4)}
          style={{
            width: stageWidth,
            height: STAGE_HEIGHT,
            transform: `translate(${fit.left}px, ${fit.top}px) scale(${fit.scale})`,
          }}
        >
          <TitleBar
            title={title}
            subtitle={subtitle}
            period={payload?.period ?? null}
            publishedAt={payload?.publishedAt ?? null}
            synthetic={payload?.synthetic ?? false}
            offlineSince={data.offlineSince}
            live={data.live && !data.offlineSince}
            carousel={seconds}
            onBack={route.kind === 'town' ? () => go({ kind: 'city' }) : undefined}
          />
          {body}
          {traces.length > 0 && (
            <TracePanel
              stack={traces}
              onOpen={(key) => setTraces((s) => [...s, key])}
              onBack={() => setTraces((s) => s.slice(0, -1))}
              onClose={() => setTraces([])}
              regionName={regionName}
            />
          )}
        </div>
      </div>
    </ScreenContext.Provider>
  );
}
