// An audit row's changes in words: the server names the fields and formats the values
// (packages/server/src/audit/present.ts); this only lays them out in the UI language.
import type { AuditChangeView } from '../api/types.ts';

export type AuditLang = 'zh' | 'en';

/** 数值：120家 → 125家; a value only after: 姓名：→ 王五; only before: 邮箱：a@b →（空）. */
export function auditChangeLine(c: AuditChangeView, lang: AuditLang): string {
  const none = lang === 'zh' ? '（空）' : '(none)';
  const value = c.old
    ? `${c.old[lang]} → ${c.new?.[lang] ?? none}`
    : c.new
      ? `→ ${c.new[lang]}`
      : `${none} → ${none}`;
  if (!c.label[lang]) return value;
  return `${c.label[lang]}${lang === 'zh' ? '：' : ': '}${value}`;
}

/** The first `max` changes as lines, and how many more there are. */
export function auditChangeLines(
  changes: readonly AuditChangeView[],
  lang: AuditLang,
  max = 4,
): { lines: string[]; more: number } {
  return {
    lines: changes.slice(0, max).map((c) => auditChangeLine(c, lang)),
    more: Math.max(0, changes.length - max),
  };
}
