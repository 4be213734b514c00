// The progress table as people read it: one flat record per row, labelled columns in zh-CN or en-US,
// numbers rounded to each indicator's decimals. Shared by the CLI, the exports and the web pages.
import type { Plan } from '../plan/schema.ts';
import type { ProgressRow } from '../engine/progress.ts';
import type { Status } from '../engine/progress-rules.ts';
import { regionName } from '../regions.ts';
import type { RegionCode } from '../types.ts';

export type Lang = 'zh' | 'en';

export const STATUS_LABELS: Record<Status, Record<Lang, string>> = {
  met: { zh: '已完成', en: 'met' },
  on_track: { zh: '正常', en: 'on track' },
  watch: { zh: '关注', en: 'watch' },
  behind: { zh: '滞后', en: 'behind' },
  no_target: { zh: '无目标', en: 'no target' },
  no_data: { zh: '无数据', en: 'no data' },
  not_due: { zh: '未到报送期', en: 'not yet due' },
};

export interface TableColumn {
  key: keyof ProgressRecord;
  label: Record<Lang, string>;
  /** True for number columns (right-aligned, rounded to the indicator's decimals); absent for text. */
  numeric?: boolean;
}

export interface ProgressRecord {
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  value: number | null;
  unit: string;
  target: number | null;
  completion: number | null;
  expected: number | null;
  gapToExpected: number | null;
  yoy: string;
  rank: string;
  status: string;
  projection2026: number | null;
  target2026: number | null;
  requiredGrowth: string;
  provenance: string;
  rules: string;
}

export const PROGRESS_COLUMNS: TableColumn[] = [
  { key: 'indicatorName', label: { zh: '指标', en: 'Indicator' } },
  { key: 'regionName', label: { zh: '地区', en: 'Region' } },
  { key: 'period', label: { zh: '期别', en: 'Period' } },
  { key: 'value', label: { zh: '数值', en: 'Value' }, numeric: true },
  { key: 'unit', label: { zh: '单位', en: 'Unit' } },
  { key: 'target', label: { zh: '年度目标', en: 'Annual target' }, numeric: true },
  { key: 'completion', label: { zh: '完成率%', en: 'Completion %' }, numeric: true },
  { key: 'expected', label: { zh: '序时进度', en: 'Expected to date' }, numeric: true },
  { key: 'gapToExpected', label: { zh: '较序时差距', en: 'Gap to expected' }, numeric: true },
  { key: 'yoy', label: { zh: '同比', en: 'YoY' } },
  { key: 'rank', label: { zh: '排名', en: 'Rank' } },
  { key: 'status', label: { zh: '状态', en: 'Status' } },
  { key: 'projection2026', label: { zh: '趋势预计(终期)', en: 'Trend (final year)' }, numeric: true },
  { key: 'target2026', label: { zh: '终期目标', en: 'Final target' }, numeric: true },
  { key: 'requiredGrowth', label: { zh: '所需年均增长', en: 'Required annual growth' } },
  { key: 'provenance', label: { zh: '数据性质', en: 'Data' } },
  { key: 'rules', label: { zh: '计算规则', en: 'Rules' } },
];

const roundTo = (x: number | undefined, decimals: number): number | null =>
  x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** decimals) / 10 ** decimals;

const signed = (x: number, decimals: number) => `${x >= 0 ? '+' : ''}${x.toFixed(decimals)}`;

export function progressRecords(plan: Plan, rows: ProgressRow[], lang: Lang = 'zh'): ProgressRecord[] {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  return rows.map((row) => {
    const ind = indicators.get(row.indicator)!;
    const d = ind.decimals;
    // A change of a percentage is in percentage points; of another level (人年/万人, 元) in its own unit.
    const changeUnit = (kind: 'percent' | 'pp') =>
      kind === 'percent' ? '%' : ind.unit === '%' ? (lang === 'zh' ? '个百分点' : ' pp') : ` ${ind.unit}`;
    return {
      indicator: row.indicator,
      indicatorName: ind.name[lang],
      region: row.region,
      regionName: regionName(plan, row.region as RegionCode, lang),
      period: row.period,
      value: roundTo(row.value?.value, d),
      unit: row.unit,
      target: roundTo(row.target?.value, d),
      completion: roundTo(row.completion, 1),
      expected: roundTo(row.expected?.value, d),
      gapToExpected: roundTo(row.gapToExpected, d),
      yoy: row.yoy
        ? `${signed(row.yoy.change, row.yoy.kind === 'pp' ? d : 1)}${changeUnit(row.yoy.kind)}`
        : '',
      rank: row.rank ? `${row.rank.rank}/${row.rank.of}` : '',
      status: STATUS_LABELS[row.status][lang],
      projection2026: roundTo(row.projection?.value, d),
      target2026: roundTo(row.target?.finalValue, d),
      requiredGrowth: row.requiredGrowth
        ? `${row.requiredGrowth.value.toFixed(row.requiredGrowth.kind === 'pp' ? 2 : 1)}${changeUnit(row.requiredGrowth.kind)}`
        : '',
      provenance: row.value
        ? row.value.synthetic
          ? lang === 'zh'
            ? '合成'
            : 'synthetic'
          : lang === 'zh'
            ? '真实'
            : 'real'
        : '',
      rules: [row.value?.rule, row.target?.rule, row.expected?.rule].filter(Boolean).join(' · '),
    };
  });
}
