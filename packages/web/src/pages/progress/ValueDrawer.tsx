// How a figure of the progress table was computed: the value's rule, the target's rule and derivation,
// the 序时进度 rule, YoY, rank, projection — and the source records with their full history (可溯).
import { Collapse, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import {
  progressRequiredGrowthText,
  progressYoyText,
  type ProgressRecord,
  type ProgressRow,
} from '@ding/core';
import { StatusTag } from '../../components/tags.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { formatNumber, formatSigned } from '../../lib/format.ts';
import { periodLabel, trendPointLabel } from '../../lib/periods.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { FigureSources } from './FigureSources.tsx';

export function ValueDrawer({
  row,
  record,
  onClose,
  onRevised,
}: {
  row: ProgressRow | undefined;
  record: ProgressRecord | undefined;
  onClose: () => void;
  onRevised: () => void;
}) {
  const { t, lang, name } = useI18n();
  const { plan, labels } = usePlan();
  const ind = row && labels.indicator(row.indicator);
  const d = ind?.decimals ?? 2;
  const num = (x: number | undefined) => formatNumber(x, d, lang);
  const unit = row?.unit ?? '';
  const peerSet = row?.rank && plan.peerSets.find((p) => p.code === row.rank!.peerSet);

  const items =
    row && record
      ? [
          {
            key: 'value',
            label: t('drawer.value'),
            children: row.value ? (
              <Space wrap>
                <strong className="ding-num">
                  {num(row.value.value)} {unit}
                </strong>
                <Tag color={row.value.synthetic ? 'warning' : 'blue'}>
                  {row.value.synthetic ? t('drawer.syntheticValue') : t('drawer.real')}
                </Tag>
              </Space>
            ) : (
              <StatusTag status={row.status} />
            ),
          },
          ...(row.value
            ? [{ key: 'rule', label: t('drawer.valueRule'), children: t(`rule.value.${row.value.rule}`) }]
            : []),
          ...(row.target
            ? [
                {
                  key: 'target',
                  label: t('drawer.target'),
                  children: (
                    <Space orientation="vertical" size={2}>
                      <span className="ding-num">
                        {row.target.comparator === '>=' ? '≥' : '≤'} {num(row.target.value)} {unit}
                      </span>
                      <span>{t(`rule.target.${row.target.rule}`)}</span>
                      <Typography.Text type="secondary">{name(row.target.explanation)}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t('drawer.targetSource')}：{row.target.source}
                        {row.target.finalYear !== undefined &&
                          ` · ${row.target.finalYear}: ${num(row.target.finalValue)} ${unit}`}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]
            : []),
          ...(row.expected
            ? [
                {
                  key: 'expected',
                  label: t('drawer.expected'),
                  children: (
                    <Space orientation="vertical" size={2}>
                      <span className="ding-num">
                        {num(row.expected.value)} {unit} ·{' '}
                        {t('drawer.shareOfTarget', { share: row.expected.shareOfTarget.toFixed(1) })}
                      </span>
                      <span>{t(`rule.expected.${row.expected.rule}`)}</span>
                      <Typography.Text type="secondary">{name(row.expected.explanation)}</Typography.Text>
                    </Space>
                  ),
                },
              ]
            : []),
          ...(row.completion !== undefined
            ? [
                {
                  key: 'completion',
                  label: t('drawer.completion'),
                  children: `${row.completion.toFixed(1)}%`,
                },
              ]
            : []),
          ...(row.gapToExpected !== undefined
            ? [
                {
                  key: 'gapToExpected',
                  label: t('drawer.gapToExpected'),
                  children: `${formatSigned(row.gapToExpected, d)} ${unit}`,
                },
              ]
            : []),
          ...(row.gapToTarget !== undefined
            ? [
                {
                  key: 'gapToTarget',
                  label: t('drawer.gapToTarget'),
                  children: `${formatSigned(row.gapToTarget, d)} ${unit}`,
                },
              ]
            : []),
          ...(row.yoy
            ? [
                {
                  key: 'yoy',
                  label: t('drawer.yoy'),
                  children: t('drawer.yoyDetail', {
                    last: `${num(row.yoy.lastYear)} ${unit}`,
                    change: progressYoyText(record),
                  }),
                },
              ]
            : []),
          ...(row.rank
            ? [
                {
                  key: 'rank',
                  label: t('drawer.rank'),
                  children: t('drawer.rankDetail', {
                    rank: row.rank.rank,
                    of: row.rank.of,
                    set: peerSet ? name(peerSet.name) : row.rank.peerSet,
                  }),
                },
              ]
            : []),
          { key: 'status', label: t('drawer.status'), children: <StatusTag status={row.status} /> },
          ...(row.projection
            ? [
                {
                  key: 'projection',
                  label: t('drawer.projection'),
                  children: (
                    <Space orientation="vertical" size={2}>
                      <span>
                        {t('drawer.projectionDetail', {
                          year: row.projection.year,
                          value: `${num(row.projection.value)} ${unit}`,
                          points: row.projection.points.length,
                        })}{' '}
                        <Tag color={row.projection.willMeet ? 'success' : 'error'}>
                          {row.projection.willMeet
                            ? t('progress.projectionMeets')
                            : t('progress.projectionMisses')}
                        </Tag>
                      </span>
                      <Typography.Text type="secondary">
                        {row.projection.points.map((p) => `${trendPointLabel(p.t)}: ${num(p.v)}`).join(' · ')}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]
            : []),
          ...(row.requiredGrowth
            ? [
                {
                  key: 'requiredGrowth',
                  label: t('drawer.requiredGrowth'),
                  children: t('drawer.requiredGrowthDetail', {
                    value: progressRequiredGrowthText(record),
                    years: Number.isInteger(row.requiredGrowth.years)
                      ? row.requiredGrowth.years
                      : row.requiredGrowth.years.toFixed(2),
                    from: `${num(row.requiredGrowth.from)} ${unit}`,
                  }),
                },
              ]
            : []),
        ]
      : [];

  return (
    <Drawer
      open={row !== undefined}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={
        row && (
          <Space orientation="vertical" size={0}>
            <span>
              {labels.indicatorName(row.indicator)} · {labels.regionName(row.region)}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              {periodLabel(row.period, lang)} · {row.indicator} · {row.region}
            </Typography.Text>
          </Space>
        )
      }
      data-testid="value-drawer"
    >
      {row && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <section>
            <Typography.Title level={5}>{t('drawer.computation')}</Typography.Title>
            <Descriptions size="small" bordered column={1} items={items} />
          </section>
          <section>
            <Typography.Title level={5}>{t('drawer.sources')}</Typography.Title>
            <FigureSources
              figure={{ indicator: row.indicator, region: row.region, period: row.period }}
              {...(row.value ? { rule: row.value.rule } : {})}
              {...(row.value?.members ? { members: row.value.members } : {})}
              onRevised={onRevised}
            />
          </section>
          {(row.value?.observationIds.length ?? 0) + (row.target?.observationIds.length ?? 0) > 0 && (
            <Collapse
              size="small"
              items={[
                ...(row.value && row.value.observationIds.length > 0
                  ? [
                      {
                        key: 'ids',
                        label: t('drawer.observationIds', { n: row.value.observationIds.length }),
                        children: <IdList ids={row.value.observationIds} />,
                      },
                    ]
                  : []),
                ...(row.target && row.target.observationIds.length > 0
                  ? [
                      {
                        key: 'target-ids',
                        label: t('drawer.targetInputs', { n: row.target.observationIds.length }),
                        children: <IdList ids={row.target.observationIds} />,
                      },
                    ]
                  : []),
              ]}
            />
          )}
        </Space>
      )}
    </Drawer>
  );
}

function IdList({ ids }: { ids: string[] }) {
  return (
    <Typography.Paragraph copyable={{ text: ids.join('\n') }} className="ding-json">
      {ids.join('  ')}
    </Typography.Paragraph>
  );
}
