// What every panel needs without passing it down: the words in the wall's language, opening the trace of a
// number, going to a town, and the canvas pixel ratio of the scaled stage.
import { createContext, useContext } from 'react';
import type { LocalizedName, TraceKey } from '@ding/core';
import type { ScreenLang } from '../lib/format.ts';
import type { ScreenRoute } from '../lib/route.ts';
import { SCREEN_WORDS, type ScreenWords } from '../i18n.ts';

export interface ScreenContextValue {
  lang: ScreenLang;
  w: ScreenWords;
  /** The name of a localized label in the wall's language. */
  name: (n: LocalizedName | undefined, fallback?: string) => string;
  openTrace: (key: TraceKey) => void;
  go: (route: ScreenRoute) => void;
  pixelRatio: number;
}

export const ScreenContext = createContext<ScreenContextValue>({
  lang: 'zh',
  w: SCREEN_WORDS.zh,
  name: (n, fallback = '') => n?.zh ?? fallback,
  openTrace: () => undefined,
  go: () => undefined,
  pixelRatio: 1,
});

export const useScreen = (): ScreenContextValue => useContext(ScreenContext);
