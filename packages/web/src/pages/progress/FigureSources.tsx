// 可溯: the records behind a figure. A reported figure shows its own history; an aggregate expands into
// what it was computed from — member regions of a sum, numerator and denominator of a ratio, this and
// last year's totals of a growth rate — each again traceable, loaded only when opened.
import { Collapse, Space, Typography } from 'antd';
import {
  periodEndDate,
  periodParse,
  periodSameLastYear,
  regionMembersOn,
  type Period,
  type RegionCode,
  type ValueRule,
} from '@ding/core';
import { api } from '../../api/endpoints.ts';
import type { ObservationVersion } from '../../api/types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { periodLabel } from '../../lib/periods.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { HistoryTable } from './HistoryTable.tsx';

/** How deep the expansion goes (全市 → 市级 → town is three). */
const MAX_DEPTH = 4;

interface Figure {
  indicator: string;
  region: string;
  period: string;
}

/**
 * Where a year-end figure's records are stored (values.ts): a year's row reads Q4 when only Q4 was reported,
 * and an annual indicator's Q4 row reads the year (1—12月 is the year).
 */
async function historyOf(f: Figure): Promise<{ versions: ObservationVersion[]; storedAs?: string }> {
  const versions = await api.observations.history(f.indicator, f.region, f.period);
  const { year, quarter } = periodParse(f.period);
  const other = quarter === undefined ? `${year}Q4` : quarter === 4 ? String(year) : undefined;
  if (versions.length > 0 || other === undefined) return { versions };
  const stored = await api.observations.history(f.indicator, f.region, other);
  return stored.length > 0 ? { versions: stored, storedAs: other } : { versions };
}

export function FigureSources({
  figure,
  rule,
  members,
  depth = 0,
  onRevised,
}: {
  figure: Figure;
  /** The rule the engine used, when known (the row itself); nested figures infer it from their records. */
  rule?: ValueRule;
  members?: string[];
  depth?: number;
  onRevised: () => void;
}) {
  const { t, lang } = useI18n();
  const { plan, labels } = usePlan();
  const ind = labels.indicator(figure.indicator);
  const history = useAsync(() => historyOf(figure), [figure.indicator, figure.region, figure.period]);
  const versions = history.data?.versions;
  const reported = rule ? rule === 'reported' : (versions ?? []).some((v) => v.current);

  const children: { key: string; label: string; figure: Figure; members?: string[] }[] = [];
  if (ind && !reported && !history.loading && depth < MAX_DEPTH) {
    switch (ind.aggregation) {
      case 'sum': {
        const list =
          members ??
          regionMembersOn(plan, figure.region as RegionCode, periodEndDate(figure.period as Period));
        for (const m of list)
          children.push({ key: m, label: labels.regionName(m), figure: { ...figure, region: m } });
        break;
      }
      case 'ratio_of_sums':
        if (ind.ratio) {
          const { numerator, denominator } = ind.ratio;
          children.push(
            {
              key: 'num',
              label: t('drawer.numerator', { name: labels.indicatorName(numerator) }),
              figure: { ...figure, indicator: numerator },
            },
            {
              key: 'den',
              label: t('drawer.denominator', { name: labels.indicatorName(denominator) }),
              figure: { ...figure, indicator: denominator },
            },
          );
        }
        break;
      case 'growth_of_sums':
        if (ind.growthOf) {
          const name = labels.indicatorName(ind.growthOf);
          const previous = periodSameLastYear(figure.period as Period);
          children.push(
            {
              key: 'current',
              label: `${t('drawer.growthCurrent', { name })} · ${periodLabel(figure.period, lang)}`,
              figure: { ...figure, indicator: ind.growthOf },
            },
            {
              key: 'previous',
              label: `${t('drawer.growthPrevious', { name })} · ${periodLabel(previous, lang)}`,
              figure: { ...figure, indicator: ind.growthOf, period: previous },
            },
          );
        }
        break;
      case 'none':
        break;
    }
  }

  return (
    <Space
      orientation="vertical"
      style={{ width: '100%' }}
      data-testid={`sources-${figure.indicator}-${figure.region}`}
    >
      <ErrorAlert error={history.error} onRetry={history.reload} />
      {(reported || (versions?.length ?? 0) > 0 || history.loading) && (
        <>
          {history.data?.storedAs && (
            <Typography.Text type="secondary">
              {t(periodParse(history.data.storedAs).quarter ? 'drawer.yearEndFromQ4' : 'drawer.q4FromYear')}
            </Typography.Text>
          )}
          <HistoryTable
            versions={versions}
            decimals={ind?.decimals ?? 2}
            loading={history.loading}
            onRevised={() => {
              history.reload();
              onRevised();
            }}
          />
        </>
      )}
      {!reported && !history.loading && children.length > 0 && (
        <>
          <Typography.Text type="secondary">
            {ind?.aggregation === 'sum'
              ? t('drawer.members', { n: children.length })
              : t('drawer.noOwnRecords')}
          </Typography.Text>
          <Collapse
            size="small"
            items={children.map((c) => ({
              key: c.key,
              label: (
                <span data-testid={`source-expand-${c.figure.indicator}-${c.figure.region}`}>{c.label}</span>
              ),
              children: <FigureSources figure={c.figure} depth={depth + 1} onRevised={onRevised} />,
            }))}
          />
        </>
      )}
    </Space>
  );
}
