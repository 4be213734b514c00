// One town's 科技创新杯 points: every item with its formula and inputs (an engine figure opens the same
// trace drawer as the progress page), bonus/deductions with caps and evidence, and the what-if gains.
import { useState } from 'react';
import { Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import {
  cupRankChangeText,
  progressRecords,
  type CupAdjustmentScore,
  type CupItemScore,
  type CupTownResult,
  type ProgressRecord,
  type ProgressRow,
} from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';
import {
  cupGrowthText,
  cupItemTraceable,
  cupPointsText as pts,
  cupRankText,
  cupTownBreakdown,
} from '../../lib/cup-view.ts';
import { formatNumber, formatSigned } from '../../lib/format.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { ValueDrawer } from '../progress/ValueDrawer.tsx';
import { CupTableSection } from './CupTableSection.tsx';

export function CupBreakdownDrawer({
  town,
  year,
  onClose,
  onRevised,
}: {
  town: CupTownResult | undefined;
  year: number;
  onClose: () => void;
  /** A figure corrected in the trace drawer: the results are scored again. */
  onRevised: () => void;
}) {
  const { t, lang, name } = useI18n();
  const { plan, labels } = usePlan();
  const [trace, setTrace] = useState<{ row: ProgressRow; record: ProgressRecord }>();
  const [traceError, setTraceError] = useState<unknown>();

  const openTrace = async (item: CupItemScore) => {
    setTraceError(undefined);
    try {
      const rows = await api.progress.rows({
        period: item.inputs.period,
        regions: [item.inputs.region],
        lang,
      });
      const row = rows.find((x) => x.indicator === item.inputs.indicator && x.region === item.inputs.region);
      if (row) setTrace({ row, record: progressRecords(plan, [row], lang)[0]! });
    } catch (e) {
      setTraceError(e);
    }
  };

  const input = (item: CupItemScore) => {
    const i = item.inputs;
    const d = i.indicator ? (labels.indicator(i.indicator)?.decimals ?? 2) : 2;
    const parts: string[] = [];
    if (i.value !== undefined) parts.push(`${t('cup.in.value')} ${formatNumber(i.value, d, lang)}`);
    if (i.target !== undefined) parts.push(`${t('cup.in.target')} ${formatNumber(i.target, d, lang)}`);
    if (i.completion !== undefined)
      parts.push(`${t('cup.in.completion')} ${formatNumber(i.completion, 1, lang)}%`);
    if (i.growth !== undefined)
      parts.push(`${t('cup.in.growth')} ${cupGrowthText(i.growth, i.growthKind, lang)}`);
    if (i.rank !== undefined) parts.push(`${t('cup.in.rank')} ${cupRankText(i.rank, i.of)}`);
    if (i.index !== undefined) parts.push(`${t('cup.in.index')} ${formatNumber(i.index, 2, lang)}`);
    return parts.join(' · ') || '—';
  };

  const itemColumns = [
    { title: t('cup.item'), key: 'item', render: (_: unknown, x: CupItemScore) => name(x.name) },
    {
      title: t('cup.points'),
      key: 'points',
      align: 'right' as const,
      render: (_: unknown, x: CupItemScore) => (
        <span className="ding-num" data-testid={`cup-item-${x.item}`}>
          {pts(x.points)} / {x.max}
        </span>
      ),
    },
    {
      title: t('cup.formula'),
      key: 'formula',
      render: (_: unknown, x: CupItemScore) => (
        <Space orientation="vertical" size={0}>
          <span>{name(x.formula)}</span>
          {x.missing && <Typography.Text type="warning">{t(`cup.missing.${x.missing}`)}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('cup.inputs'),
      key: 'inputs',
      render: (_: unknown, x: CupItemScore) => (
        <Space size={4} wrap>
          <span className="ding-num" style={{ textAlign: 'left' }}>
            {input(x)}
          </span>
          {cupItemTraceable(x) && (
            <Button
              size="small"
              type="link"
              onClick={() => void openTrace(x)}
              data-testid={`cup-trace-${x.item}`}
            >
              {t('cup.trace')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  const adjustmentColumns = [
    { title: t('cup.item'), key: 'item', render: (_: unknown, a: CupAdjustmentScore) => name(a.name) },
    {
      title: t('cup.points'),
      key: 'points',
      align: 'right' as const,
      render: (_: unknown, a: CupAdjustmentScore) => (
        <span className="ding-num">
          {formatSigned(a.points, 2)}{' '}
          {a.capped && <Tag color="orange">{t('cup.capped', { cap: a.cap })}</Tag>}
        </span>
      ),
    },
    {
      title: t('cup.formula'),
      key: 'formula',
      render: (_: unknown, a: CupAdjustmentScore) => name(a.formula),
    },
    {
      title: t('cup.evidence'),
      key: 'evidence',
      render: (_: unknown, a: CupAdjustmentScore) => t('cup.evidenceCount', { n: a.evidence.length }),
    },
  ];

  const change = town && cupRankChangeText(town.rankChange, lang);
  return (
    <>
      <Drawer
        open={!!town}
        onClose={onClose}
        size={960}
        title={town && `${name(town.name)} · ${year} ${t('cup.title')}`}
        data-testid="cup-drawer"
        destroyOnHidden
      >
        {town && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {traceError !== undefined && <ErrorAlert error={traceError} />}
            <Descriptions
              size="small"
              column={3}
              items={[
                {
                  key: 'total',
                  label: t('cup.total'),
                  children: <strong data-testid="cup-drawer-total">{pts(town.total)}</strong>,
                },
                { key: 'base', label: t('cup.base'), children: pts(town.base) },
                {
                  key: 'adj',
                  label: t('cup.adjust'),
                  children: `${formatSigned(town.bonus, 2)} / ${formatSigned(town.deduction, 2)}`,
                },
                {
                  key: 'rank',
                  label: t('cup.rank'),
                  children: `${town.rankInGroup}/${town.groupSize}（${t('cup.overall')} ${town.rankOverall}）`,
                },
                {
                  key: 'change',
                  label: t('cup.rankChange'),
                  children: `${change?.text ?? ''}${town.lastYear ? `（${t('cup.lastYear', { rank: town.lastYear.rankInGroup, total: pts(town.lastYear.total) })}）` : ''}`,
                },
                {
                  key: 'awards',
                  label: t('cup.awards'),
                  children: town.awards.map((a) => name(a)).join('、') || '—',
                },
              ]}
            />
            {cupTownBreakdown(town).map((d) => (
              <CupTableSection<CupItemScore>
                key={d.code}
                title={`${name(d.name)}：${pts(d.points)} / ${d.max}`}
                rows={d.items}
                rowKey="item"
                columns={itemColumns}
              />
            ))}
            {town.adjustments.length > 0 && (
              <CupTableSection<CupAdjustmentScore>
                title={t('cup.adjustments')}
                rows={town.adjustments}
                rowKey="item"
                columns={adjustmentColumns}
              />
            )}
            {town.whatIf.length > 0 && (
              <div data-testid="cup-whatif">
                <Typography.Text strong>{t('cup.whatIf')}</Typography.Text>
                <ul>
                  {town.whatIf.map((w) => {
                    const d = labels.indicator(w.indicator)?.decimals ?? 2;
                    return (
                      <li key={w.item}>
                        {t('cup.whatIfLine', {
                          indicator: labels.indicatorName(w.indicator),
                          value: formatNumber(w.value, d, lang),
                          target: formatNumber(w.target, d, lang),
                          gain: pts(w.gain),
                        })}
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
          </Space>
        )}
      </Drawer>
      <ValueDrawer
        row={trace?.row}
        record={trace?.record}
        onClose={() => setTrace(undefined)}
        onRevised={onRevised}
      />
    </>
  );
}
