// 指标与目标: the plan's indicator registry (code, name, unit, measure, category, lead and cooperating
// units, source section) and its targets; an admin edits a target with a reason (audited).
import { useMemo, useState } from 'react';
import { Button, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { Indicator, Target } from '@ding/core';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/language.tsx';
import { targetSummary } from '../lib/targets.ts';
import { testIdProps } from '../lib/test-id.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { useQueryParam } from '../router/router.tsx';
import { useUser } from '../session/session.tsx';
import { AllocationTab } from './indicators/AllocationTab.tsx';
import { TargetEditModal } from './indicators/TargetEditModal.tsx';

interface TargetLine {
  index: number;
  target: Target;
}

export default function IndicatorsPage() {
  const { t, lang, name } = useI18n();
  const { plan, labels } = usePlan();
  const user = useUser();
  const [tab, setTab] = useQueryParam('tab');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<number>();

  const targetLines = useMemo(() => plan.targets.map((target, index) => ({ index, target })), [plan]);
  const targetsOf = useMemo(() => {
    const m = new Map<string, TargetLine[]>();
    for (const l of targetLines) m.set(l.target.indicator, [...(m.get(l.target.indicator) ?? []), l]);
    return m;
  }, [targetLines]);

  const q = search.trim().toLowerCase();
  const indicators = plan.indicators.filter(
    (i) =>
      !q || i.code.toLowerCase().includes(q) || i.name.zh.includes(q) || i.name.en.toLowerCase().includes(q),
  );
  const targets = targetLines.filter(
    (l) =>
      !q ||
      l.target.indicator.toLowerCase().includes(q) ||
      labels.indicatorName(l.target.indicator).toLowerCase().includes(q),
  );
  const units = (codes: string[]) => codes.map((c) => labels.departmentName(c)).join('、') || '—';
  const summary = (target: Target) => targetSummary(target, lang, labels.indicatorName);

  const indicatorColumns = [
    { title: t('indicators.code'), dataIndex: 'code', key: 'code', width: 200 },
    {
      title: t('indicators.name'),
      key: 'name',
      render: (_: unknown, i: Indicator) => (
        <Space size={4} wrap>
          <span>{name(i.name)}</span>
          {i.core && <Tag color="red">{t('indicators.core')}</Tag>}
          {i.component && <Tag>{t('indicators.component')}</Tag>}
        </Space>
      ),
    },
    { title: t('common.unit'), dataIndex: 'unit', key: 'unit' },
    {
      title: t('indicators.measure'),
      key: 'measure',
      filters: (['stock', 'flow', 'ratio', 'growth', 'index'] as const).map((m) => ({
        text: t(`measure.${m}`),
        value: m,
      })),
      onFilter: (v: unknown, i: Indicator) => i.measure === v,
      render: (_: unknown, i: Indicator) => t(`measure.${i.measure}`),
    },
    {
      title: t('indicators.category'),
      key: 'category',
      filters: (['scale', 'level'] as const).map((c) => ({ text: t(`category.${c}`), value: c })),
      onFilter: (v: unknown, i: Indicator) => i.category === v,
      render: (_: unknown, i: Indicator) => t(`category.${i.category}`),
    },
    {
      title: t('indicators.frequency'),
      key: 'frequency',
      render: (_: unknown, i: Indicator) => t(`frequency.${i.frequency}`),
    },
    { title: t('indicators.lead'), key: 'lead', render: (_: unknown, i: Indicator) => units(i.leadUnits) },
    {
      title: t('indicators.cooperating'),
      key: 'cooperating',
      render: (_: unknown, i: Indicator) => units(i.cooperatingUnits),
    },
    { title: t('indicators.source'), dataIndex: 'source', key: 'source' },
  ];

  const targetColumns = [
    { title: t('targets.index'), dataIndex: 'index', key: 'index', width: 60 },
    {
      title: t('common.indicator'),
      key: 'indicator',
      render: (_: unknown, l: TargetLine) => (
        <Space orientation="vertical" size={0}>
          <span>{labels.indicatorName(l.target.indicator)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.target.indicator}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.region'),
      key: 'region',
      render: (_: unknown, l: TargetLine) => labels.regionName(l.target.region),
    },
    {
      title: t('targets.type'),
      key: 'type',
      render: (_: unknown, l: TargetLine) => t(`targetType.${l.target.type}`),
    },
    {
      title: t('targets.summary'),
      key: 'summary',
      render: (_: unknown, l: TargetLine) => (
        <span className="ding-num" style={{ textAlign: 'left' }}>
          {summary(l.target)}
        </span>
      ),
    },
    { title: t('indicators.source'), key: 'source', render: (_: unknown, l: TargetLine) => l.target.source },
    ...(user.role === 'admin'
      ? [
          {
            title: t('common.actions'),
            key: 'edit',
            render: (_: unknown, l: TargetLine) => (
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(l.index)}
                data-testid={`target-edit-${l.index}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('indicators.title')}
        extra={
          <Input.Search
            allowClear
            placeholder={t('indicators.search')}
            style={{ width: 260 }}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="indicator-search"
          />
        }
      />
      <Tabs
        activeKey={tab === 'targets' || tab === 'allocation' ? tab : 'indicators'}
        onChange={(k) => setTab(k === 'targets' || k === 'allocation' ? k : undefined)}
        items={[
          {
            key: 'indicators',
            label: `${t('indicators.tab.indicators')} (${plan.indicators.length})`,
            children: (
              <Table<Indicator>
                size="small"
                rowKey="code"
                dataSource={indicators}
                columns={indicatorColumns}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                onRow={(i) => testIdProps(`indicator-row-${i.code}`)}
                expandable={{
                  rowExpandable: (i) => targetsOf.has(i.code) || !!i.note,
                  expandedRowRender: (i) => (
                    <Space orientation="vertical">
                      {i.note && <Typography.Text type="secondary">{i.note}</Typography.Text>}
                      {(targetsOf.get(i.code) ?? []).map((l) => (
                        <span key={l.index}>
                          #{l.index} · {labels.regionName(l.target.region)} ·{' '}
                          {t(`targetType.${l.target.type}`)} · {summary(l.target)}{' '}
                          <Typography.Text type="secondary">（{l.target.source}）</Typography.Text>
                        </span>
                      ))}
                    </Space>
                  ),
                }}
                data-testid="indicators-table"
              />
            ),
          },
          {
            key: 'targets',
            label: `${t('indicators.tab.targets')} (${plan.targets.length})`,
            children: (
              <Table<TargetLine>
                size="small"
                rowKey="index"
                dataSource={targets}
                columns={targetColumns}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                data-testid="targets-table"
              />
            ),
          },
          {
            key: 'allocation',
            label: t('indicators.tab.allocation'),
            children: <AllocationTab />,
          },
        ]}
      />
      <TargetEditModal index={editing} onClose={() => setEditing(undefined)} />
    </>
  );
}
