// The UI language: zh-CN by default, en-US on request, remembered in localStorage and sent to the API.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { LocalizedName } from '@ding/core';
import { apiSettings, type UiLanguage } from '../api/client.ts';
import { messageFormat, type MessageParams } from './format.ts';
import { en, zh, type MessageKey } from './messages.ts';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'ding.lang';

function languageStored(): UiLanguage {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage can be disabled by policy on government desktops
  }
}

function languageApply(ui: UiLanguage): void {
  apiSettings.language = ui;
  document.documentElement.lang = ui;
  dayjs.locale(ui === 'zh-CN' ? 'zh-cn' : 'en');
}

export interface I18n {
  ui: UiLanguage;
  lang: Lang;
  t: (key: MessageKey, params?: MessageParams) => string;
  /** The plan's name of something in the UI language. */
  name: (n: LocalizedName | undefined) => string;
  setLanguage: (ui: UiLanguage) => void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [ui, setUi] = useState<UiLanguage>(() => {
    const stored = languageStored();
    languageApply(stored);
    return stored;
  });
  const setLanguage = useCallback((next: UiLanguage) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered; still switched for this visit
    }
    languageApply(next);
    setUi(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const lang: Lang = ui === 'en-US' ? 'en' : 'zh';
    const dict = lang === 'en' ? en : zh;
    return {
      ui,
      lang,
      // A key the dictionary lacks (a rule name the server added later) shows as itself, never blank.
      t: (key, params) => messageFormat(dict[key] ?? key, params),
      name: (n) => (n ? n[lang] : ''),
      setLanguage,
    };
  }, [ui, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside LanguageProvider');
  return i18n;
}
