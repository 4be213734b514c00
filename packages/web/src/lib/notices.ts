// Notices (GET /notices): reminders and return notes, newest first, in the UI language.
import type { LocalizedName } from '@ding/core';
import type { Notice } from '../api/types.ts';

export function localizedText(x: string | LocalizedName | undefined, lang: 'zh' | 'en'): string {
  if (x === undefined) return '';
  return typeof x === 'string' ? x : x[lang];
}

export function noticesSorted(notices: readonly Notice[]): Notice[] {
  return [...notices].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
