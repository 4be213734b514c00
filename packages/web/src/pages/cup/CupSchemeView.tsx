// The 科技创新杯 scheme as configured: peer groups (each ranked on its own), dimensions with their items,
// points and rules, bonus/deduction items with caps — labelled 建议稿 while it is Ding's proposal.
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import type { CupAdjustment, CupItem, CupScheme } from '@ding/core';
import { useI18n } from '../../i18n/language.tsx';
import { cupRuleText, cupSchemeTotals } from '../../lib/cup-view.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { CupTableSection } from './CupTableSection.tsx';

export function CupSchemeView({ scheme }: { scheme: CupScheme }) {
  const { t, lang, name } = useI18n();
  const { labels } = usePlan();
  const totals = cupSchemeTotals(scheme);

  const itemColumns = [
    { title: t('cup.item'), key: 'name', render: (_: unknown, i: CupItem) => name(i.name) },
    {
      title: t('common.indicator'),
      key: 'indicator',
      render: (_: unknown, i: CupItem) =>
        i.indicator ? labels.indicatorName(i.indicator) : t('cup.indexScore'),
    },
    { title: t('cup.points'), dataIndex: 'points', key: 'points', align: 'right' as const },
    {
      title: t('cup.rule'),
      key: 'rule',
      render: (_: unknown, i: CupItem) => cupRuleText(i.rule, i.points, lang),
    },
    { title: t('indicators.source'), dataIndex: 'source', key: 'source' },
  ];
  const adjustmentColumns = [
    { title: t('cup.item'), key: 'name', render: (_: unknown, a: CupAdjustment) => name(a.name) },
    { title: t('cup.perUnit'), dataIndex: 'perUnit', key: 'perUnit', align: 'right' as const },
    { title: t('cup.cap'), dataIndex: 'cap', key: 'cap', align: 'right' as const },
    { title: t('indicators.source'), dataIndex: 'source', key: 'source' },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="cup-scheme">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {name(scheme.name)}{' '}
        <Tag color={scheme.status === 'proposal' ? 'orange' : 'green'} data-testid="cup-scheme-status">
          {t(`cup.status.${scheme.status}`)}
        </Tag>
      </Typography.Title>
      {scheme.status === 'proposal' && <Alert type="warning" showIcon title={t('cup.proposalHint')} />}
      {scheme.note && <Typography.Text type="secondary">{scheme.note}</Typography.Text>}
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'total', label: t('cup.totalPoints'), children: scheme.totalPoints },
          { key: 'bonus', label: t('cup.bonusMax'), children: `+${totals.bonusMax}` },
          { key: 'deduction', label: t('cup.deductionMax'), children: `−${totals.deductionMax}` },
          {
            key: 'advanced',
            label: t('cup.advancedMin'),
            children: scheme.awards.advancedMinTotal,
          },
          {
            key: 'groups',
            label: t('cup.groups'),
            span: 2,
            children: (
              <Space wrap>
                {scheme.groups.map((g) => (
                  <Tag key={g.code}>
                    {name(g.name)} · {t('cup.topN', { n: g.top })}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {scheme.dimensions.map((d) => (
        <CupTableSection<CupItem>
          key={d.code}
          title={`${name(d.name)}（${d.points} ${t('cup.pointsUnit')}）`}
          rows={d.items}
          rowKey="code"
          columns={itemColumns}
        />
      ))}
      {scheme.bonus.length > 0 && (
        <CupTableSection<CupAdjustment>
          title={t('cup.bonus')}
          rows={scheme.bonus}
          rowKey="code"
          columns={adjustmentColumns}
        />
      )}
      {scheme.deductions.length > 0 && (
        <CupTableSection<CupAdjustment>
          title={t('cup.deductions')}
          rows={scheme.deductions}
          rowKey="code"
          columns={adjustmentColumns}
        />
      )}
    </Space>
  );
}
