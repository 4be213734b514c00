// The observations table as an export (`ding export`): headers match the import's, so an export can be edited and re-imported.
import { regionName, type Plan } from '@ding/core';
import type { ObservationRecord } from '../repositories/records.ts';
import type { ExportColumn, ExportTable } from './table.ts';

const VINTAGE_ZH = { flash: '快报', annual: '年报', revised: '修订' } as const;

export function observationExportTable(
  records: readonly ObservationRecord[],
  plan?: Plan,
): ExportTable<ObservationRecord> {
  const indicators = new Map(plan?.indicators.map((i) => [i.code, i]));
  const columns: ExportColumn<ObservationRecord>[] = [
    { key: 'indicator', header: { zh: '指标', en: 'indicator' }, type: 'text', value: (o) => o.indicator },
    {
      key: 'indicator_name',
      header: { zh: '指标名称', en: 'indicator_name' },
      type: 'text',
      value: (o) => indicators.get(o.indicator)?.name.zh ?? '',
    },
    { key: 'region', header: { zh: '地区', en: 'region' }, type: 'text', value: (o) => o.region },
    {
      key: 'region_name',
      header: { zh: '地区名称', en: 'region_name' },
      type: 'text',
      value: (o) => (plan ? regionName(plan, o.region) : ''),
    },
    { key: 'period', header: { zh: '期别', en: 'period' }, type: 'text', value: (o) => o.period },
    {
      key: 'value',
      header: { zh: '数值', en: 'value' },
      value: (o) => o.value,
      decimals: (o) => indicators.get(o.indicator)?.decimals,
    },
    {
      key: 'unit',
      header: { zh: '单位', en: 'unit' },
      type: 'text',
      value: (o) => indicators.get(o.indicator)?.unit,
    },
    {
      key: 'vintage',
      header: { zh: '版本', en: 'vintage' },
      type: 'text',
      value: (o) => VINTAGE_ZH[o.vintage],
    },
    {
      key: 'provenance',
      header: { zh: '数据性质', en: 'provenance' },
      type: 'text',
      value: (o) => (o.provenance === 'real' ? '真实' : '模拟'),
    },
    { key: 'citation', header: { zh: '出处', en: 'citation' }, type: 'text', value: (o) => o.citation },
    { key: 'source', header: { zh: '来源', en: 'source' }, type: 'text', value: (o) => o.source },
    { key: 'note', header: { zh: '备注', en: 'note' }, type: 'text', value: (o) => o.note },
    { key: 'revision', header: { zh: '修订次数', en: 'revision' }, value: (o) => o.revision, decimals: 0 },
    {
      key: 'created_at',
      header: { zh: '录入时间', en: 'created_at' },
      type: 'text',
      value: (o) => o.createdAt,
    },
    {
      key: 'created_by',
      header: { zh: '录入人', en: 'created_by' },
      type: 'text',
      value: (o) => o.createdBy,
    },
  ];
  return { name: { zh: '监测数据', en: 'observations' }, columns, rows: records };
}
