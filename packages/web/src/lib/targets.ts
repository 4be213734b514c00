// Targets as people read and edit them: a one-line summary per target type, and an edit applied to a
// target without changing what it is about (indicator, region, type, source).
import type { Target } from '@ding/core';

const fmt = (n: number) => String(n);

/** '2022: 3.3 · 2026: 4.35', '2022–2026 每年新增 ≥ 450', … (exhaustive over the target types). */
export function targetSummary(
  target: Target,
  lang: 'zh' | 'en',
  indicatorName: (code: string) => string,
): string {
  switch (target.type) {
    case 'path': {
      const years = Object.entries(target.values).sort(([a], [b]) => a.localeCompare(b));
      const path = years.map(([y, v]) => `${y}: ${fmt(v)}`).join(' · ');
      return target.comparator === '<=' ? `≤ ${path}` : path;
    }
    case 'annual_flow':
      return lang === 'zh'
        ? `${target.from}–${target.to} 每年新增 ≥ ${fmt(target.value)}`
        : `each year ${target.from}–${target.to}: ≥ ${fmt(target.value)}`;
    case 'cumulative':
      return lang === 'zh'
        ? `${target.from}–${target.to} 累计 ≥ ${fmt(target.value)}`
        : `${target.from}–${target.to} in total: ≥ ${fmt(target.value)}`;
    case 'multiple_of_base':
      return lang === 'zh'
        ? `${target.year} 年达到 ${target.baseYear} 年的 ${fmt(target.factor)} 倍`
        : `${target.year}: ${fmt(target.factor)} × ${target.baseYear}`;
    case 'average_growth':
      return lang === 'zh'
        ? `${target.baseYear}–${target.year} 年均增长 ≥ ${fmt(target.rate)}%`
        : `average growth ≥ ${fmt(target.rate)}% a year, ${target.baseYear}–${target.year}`;
    case 'relative_growth': {
      const other = indicatorName(target.exceeds);
      return lang === 'zh'
        ? `${target.from}–${target.to} 增速高于「${other}」增速${target.marginPp ? ` ${fmt(target.marginPp)} 个百分点以上` : ''}`
        : `growth above that of '${other}'${target.marginPp ? ` by ${fmt(target.marginPp)} pp` : ''}, ${target.from}–${target.to}`;
    }
  }
}

/** The editable numbers of a target, as a flat form. */
export interface TargetForm {
  comparator?: '>=' | '<=';
  /** Path values by year; a cleared year is null. */
  values?: Record<string, number | null | undefined>;
  value?: number;
  from?: number;
  to?: number;
  baseYear?: number;
  year?: number;
  factor?: number;
  rate?: number;
  marginPp?: number;
}

export function targetFormOf(target: Target): TargetForm {
  switch (target.type) {
    case 'path':
      return { comparator: target.comparator, values: { ...target.values } };
    case 'annual_flow':
    case 'cumulative':
      return { from: target.from, to: target.to, value: target.value };
    case 'multiple_of_base':
      return { baseYear: target.baseYear, year: target.year, factor: target.factor };
    case 'average_growth':
      return { baseYear: target.baseYear, year: target.year, rate: target.rate };
    case 'relative_growth':
      return { from: target.from, to: target.to, marginPp: target.marginPp };
  }
}

const pick = (x: number | undefined, fallback: number) =>
  typeof x === 'number' && Number.isFinite(x) ? x : fallback;

/** The target with the form's numbers; what it is about (indicator, region, type, source) stays. */
export function targetApplyForm(target: Target, form: TargetForm): Target {
  switch (target.type) {
    case 'path': {
      const values: Record<string, number> = {};
      for (const [y, v] of Object.entries(form.values ?? target.values))
        if (typeof v === 'number' && Number.isFinite(v)) values[y] = v;
      return { ...target, comparator: form.comparator ?? target.comparator, values };
    }
    case 'annual_flow':
    case 'cumulative':
      return {
        ...target,
        from: pick(form.from, target.from),
        to: pick(form.to, target.to),
        value: pick(form.value, target.value),
      };
    case 'multiple_of_base':
      return {
        ...target,
        baseYear: pick(form.baseYear, target.baseYear),
        year: pick(form.year, target.year),
        factor: pick(form.factor, target.factor),
      };
    case 'average_growth':
      return {
        ...target,
        baseYear: pick(form.baseYear, target.baseYear),
        year: pick(form.year, target.year),
        rate: pick(form.rate, target.rate),
      };
    case 'relative_growth':
      return {
        ...target,
        from: pick(form.from, target.from),
        to: pick(form.to, target.to),
        marginPp: pick(form.marginPp, target.marginPp),
      };
  }
}
