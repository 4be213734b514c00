// The supervised items in the server's order (red first): a table on a desk, a card per item on a phone
// (< 768 px). Each shows the light with the rule that made it, the deadline with the days left, the state,
// the progress (computed for indicator items, reported for milestone items) and the next report due.
import { Card, Empty, Grid, Progress, Space, Table, Tag, Typography } from 'antd';
import { SUPERVISION_TYPE_NAMES, type SupervisionItemView } from '@ding/core';
import { useI18n } from '../../i18n/language.tsx';
import {
  supervisionDaysLeftText,
  supervisionProgressPercent,
  supervisionRoleOf,
} from '../../lib/supervision-view.ts';
import { testIdProps } from '../../lib/test-id.ts';
import { useUser } from '../../session/session.tsx';
import { LightWithRule, StateTag } from './LightTag.tsx';

export function SupervisionList({
  items,
  loading,
  onOpen,
}: {
  items: SupervisionItemView[];
  loading: boolean;
  onOpen: (id: string) => void;
}) {
  const { t, lang, name } = useI18n();
  const user = useUser();
  const screens = Grid.useBreakpoint();
  // useBreakpoint is empty on the first render: treat "unknown" as a desk.
  const phone = screens.md === false;

  const title = (v: SupervisionItemView) => (
    <Typography.Link onClick={() => onOpen(v.item.id)} data-testid={`sv-open-${v.item.code}`}>
      {name(v.item.title)}
    </Typography.Link>
  );
  const roleTag = (v: SupervisionItemView) => {
    const role = supervisionRoleOf(v.item, user);
    return role ? <Tag color={role === 'lead' ? 'volcano' : 'gold'}>{t(`sv.role.${role}`)}</Tag> : null;
  };
  const deadline = (v: SupervisionItemView) => (
    <span className="ding-nowrap">
      {v.light.deadline}
      <br />
      <Typography.Text type={v.light.daysLeft < 0 && v.light.light !== 'done' ? 'danger' : 'secondary'}>
        {v.light.light === 'done' ? '—' : supervisionDaysLeftText(v.light.daysLeft, lang)}
      </Typography.Text>
    </span>
  );
  const progress = (v: SupervisionItemView) => {
    const p = supervisionProgressPercent(v);
    return (
      <div style={{ minWidth: 120 }} data-testid={`sv-progress-${v.item.code}`} data-value={p.toFixed(1)}>
        <Progress
          percent={Math.round(p * 10) / 10}
          size="small"
          status={v.light.light === 'red' ? 'exception' : 'normal'}
          format={(x) => `${(x ?? 0).toFixed(0)}%`}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {t(v.light.progress.source === 'indicators' ? 'sv.progress.indicators' : 'sv.progress.reported')}
        </Typography.Text>
      </div>
    );
  };
  const next = (v: SupervisionItemView) =>
    v.nextReport ? t('sv.nextReport', { period: v.nextReport.period, due: v.nextReport.dueOn }) : '—';

  if (phone)
    return items.length === 0 ? (
      <Empty description={t('sv.empty')} />
    ) : (
      <div data-testid="sv-cards">
        {items.map((v) => (
          <Card
            key={v.item.id}
            size="small"
            className="ding-sv-card"
            data-testid={`sv-row-${v.item.code}`}
            title={
              <Space size={4} wrap>
                <Typography.Text strong>{v.item.code}</Typography.Text>
                {title(v)}
              </Space>
            }
            extra={<StateTag state={v.light.state} />}
          >
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <LightWithRule result={v.light} code={v.item.code} />
              <span>
                {SUPERVISION_TYPE_NAMES[v.item.type][lang]} · {t('sv.col.lead')} {v.leadNames.join('、')}{' '}
                {roleTag(v)}
              </span>
              <span>
                {t('sv.col.deadline')} {v.light.deadline}（
                {v.light.light === 'done' ? '—' : supervisionDaysLeftText(v.light.daysLeft, lang)}）
              </span>
              {progress(v)}
              <span>
                {t('sv.col.nextReport')}：{next(v)}
              </span>
            </Space>
          </Card>
        ))}
      </div>
    );

  const columns = [
    {
      title: t('sv.col.code'),
      key: 'code',
      width: 72,
      render: (_: unknown, v: SupervisionItemView) => <span className="ding-nowrap">{v.item.code}</span>,
    },
    {
      title: t('sv.col.title'),
      key: 'title',
      render: (_: unknown, v: SupervisionItemView) => (
        <>
          {title(v)} {roleTag(v)}
        </>
      ),
    },
    {
      title: t('sv.col.type'),
      key: 'type',
      render: (_: unknown, v: SupervisionItemView) => (
        <span className="ding-nowrap">{SUPERVISION_TYPE_NAMES[v.item.type][lang]}</span>
      ),
    },
    {
      title: t('sv.col.lead'),
      key: 'lead',
      render: (_: unknown, v: SupervisionItemView) => v.leadNames.join('、'),
    },
    {
      title: t('sv.col.cooperating'),
      key: 'cooperating',
      render: (_: unknown, v: SupervisionItemView) => v.cooperatingNames.join('、') || '—',
    },
    {
      title: t('sv.col.deadline'),
      key: 'deadline',
      render: (_: unknown, v: SupervisionItemView) => deadline(v),
    },
    {
      title: t('sv.col.state'),
      key: 'state',
      render: (_: unknown, v: SupervisionItemView) => (
        <StateTag state={v.light.state} testId={`sv-state-${v.item.code}`} />
      ),
    },
    {
      title: t('sv.col.light'),
      key: 'light',
      render: (_: unknown, v: SupervisionItemView) => <LightWithRule result={v.light} code={v.item.code} />,
    },
    {
      title: t('sv.col.progress'),
      key: 'progress',
      render: (_: unknown, v: SupervisionItemView) => progress(v),
    },
    { title: t('sv.col.nextReport'), key: 'next', render: (_: unknown, v: SupervisionItemView) => next(v) },
  ];

  return (
    <Table<SupervisionItemView>
      size="small"
      rowKey={(v) => v.item.id}
      loading={loading}
      dataSource={items}
      columns={columns}
      pagination={false}
      locale={{ emptyText: <Empty description={t('sv.empty')} /> }}
      scroll={{ x: 1100 }}
      onRow={(v) => testIdProps(`sv-row-${v.item.code}`)}
      data-testid="sv-table"
    />
  );
}
