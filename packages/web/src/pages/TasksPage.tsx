// 我的任务: the open rounds, what I owe in the chosen one (due date, status, return comments), a town's
// own annual targets (本镇（街道）年度目标), my notices.
import { useMemo } from 'react';
import { Badge, Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, EditOutlined, NotificationOutlined } from '@ant-design/icons';
import { api } from '../api/endpoints.ts';
import type { Id, RoundTask, TaskStatus } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoundSelect, useRoundChoice } from '../components/selectors.tsx';
import { TaskStatusTag } from '../components/tags.tsx';
import { useI18n } from '../i18n/language.tsx';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { localizedText, noticesSorted } from '../lib/notices.ts';
import { periodLabel } from '../lib/periods.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { LinkButton } from '../router/router.tsx';
import { useUser } from '../session/session.tsx';
import { TownTargetsCard } from './tasks/TownTargetsCard.tsx';

const DONE: ReadonlySet<TaskStatus> = new Set(['submitted', 'approved', 'published']);

export default function TasksPage() {
  const { t, lang } = useI18n();
  const { labels } = usePlan();
  const user = useUser();
  const choice = useRoundChoice(true);
  const round = choice.round;
  const tasks = useAsync(() => api.rounds.tasks(round!.id), [round?.id], round !== undefined);
  const notices = useAsync(() => api.notices.list(), []);

  const today = new Date().toISOString().slice(0, 10);
  // A unit's own deadline (a per-unit exception) wins over the round's.
  const dueDate = tasks.data?.find((x) => x.dueDate)?.dueDate ?? round?.dueDate;
  const overdue = dueDate !== undefined && dueDate < today;
  const done = tasks.data?.filter((x) => DONE.has(x.status)).length ?? 0;
  const submitters = useMemo(
    () => [...new Set((tasks.data ?? []).map((x) => x.submitter).filter((s): s is string => !!s))],
    [tasks.data],
  );
  const decimals = (r: RoundTask) => r.decimals ?? labels.indicator(r.indicator)?.decimals ?? 2;

  const columns = [
    {
      title: t('common.indicator'),
      key: 'indicator',
      render: (_: unknown, r: RoundTask) => (
        <Space orientation="vertical" size={0}>
          <span>{r.indicatorName ?? labels.indicatorName(r.indicator)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.indicator}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('common.region'),
      key: 'region',
      render: (_: unknown, r: RoundTask) => (
        <span className="ding-nowrap">{r.regionName ?? labels.regionName(r.region)}</span>
      ),
    },
    ...(user.role === 'admin'
      ? [
          {
            title: t('common.submitter'),
            key: 'submitter',
            filters: submitters.map((s) => ({ text: labels.submitterName(s), value: s })),
            onFilter: (value: unknown, r: RoundTask) => r.submitter === value,
            render: (_: unknown, r: RoundTask) =>
              r.submitterName ?? (r.submitter ? labels.submitterName(r.submitter) : '—'),
          },
        ]
      : []),
    {
      title: t('common.unit'),
      key: 'unit',
      render: (_: unknown, r: RoundTask) => <span className="ding-nowrap">{r.unit}</span>,
    },
    {
      title: t('common.lastPeriod'),
      key: 'lastPeriod',
      align: 'right' as const,
      render: (_: unknown, r: RoundTask) => formatNumber(r.lastPeriod, decimals(r), lang),
    },
    {
      title: t('common.lastYear'),
      key: 'lastYear',
      align: 'right' as const,
      render: (_: unknown, r: RoundTask) => formatNumber(r.lastYear, decimals(r), lang),
    },
    {
      title: t('common.value'),
      key: 'value',
      align: 'right' as const,
      render: (_: unknown, r: RoundTask) => formatNumber(r.value, decimals(r), lang),
    },
    {
      title: t('common.status'),
      key: 'status',
      filters: (['pending', 'returned', 'submitted', 'approved', 'published'] as const).map((s) => ({
        text: t(`task.${s}`),
        value: s,
      })),
      onFilter: (value: unknown, r: RoundTask) => r.status === value,
      render: (_: unknown, r: RoundTask) => (
        <Space orientation="vertical" size={0}>
          <TaskStatusTag status={r.status} />
          {r.comment && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('common.comment')}：{r.comment}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.submittedAt'),
      key: 'submittedAt',
      render: (_: unknown, r: RoundTask) => formatDateTime(r.submittedAt),
    },
  ];

  const noticeList = notices.data ? noticesSorted(notices.data) : [];
  const markRead = async (id: Id) => {
    await api.notices.read(id).catch(() => undefined); // a read mark is a courtesy: never block on it
    notices.setData(
      (notices.data ?? []).map((n) => (n.id === id ? { ...n, readAt: new Date().toISOString() } : n)),
    );
  };
  const unread = noticeList.filter((n) => !n.readAt).length;

  return (
    <>
      <PageHeader title={t('tasks.title')} extra={<RoundSelect choice={choice} />} />
      <ErrorAlert error={choice.error} onRetry={choice.reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card
            title={round ? periodLabel(round.period, lang) : t('tasks.rounds')}
            extra={
              round && (
                <Space>
                  <LinkButton
                    to={`/entry?round=${encodeURIComponent(String(round.id))}`}
                    icon={<EditOutlined />}
                    data-testid="tasks-go-entry"
                  >
                    {t('tasks.goEntry')}
                  </LinkButton>
                  <LinkButton
                    to={`/import?round=${encodeURIComponent(String(round.id))}`}
                    type="primary"
                    icon={<CloudUploadOutlined />}
                    data-testid="tasks-go-import"
                  >
                    {t('tasks.goImport')}
                  </LinkButton>
                </Space>
              )
            }
          >
            {!round && !choice.loading && <Empty description={t('common.noOpenRound')} />}
            {round && (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <span>
                    {t('common.dueDate')}：<strong data-testid="round-due">{dueDate ?? round.dueDate}</strong>
                  </span>
                  {overdue && <Tag color="error">{t('tasks.overdue')}</Tag>}
                  {tasks.data && (
                    <span data-testid="tasks-summary">
                      {t('tasks.owed', { total: tasks.data.length, done })}
                    </span>
                  )}
                </Space>
                <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
                <Table<RoundTask>
                  size="small"
                  rowKey={(r) => `${r.indicator}|${r.region}|${r.period}`}
                  loading={tasks.loading}
                  dataSource={tasks.data}
                  columns={columns}
                  pagination={{
                    pageSize: 50,
                    hideOnSinglePage: true,
                    showTotal: (n) => t('common.total', { n }),
                  }}
                  locale={{ emptyText: t('tasks.empty') }}
                  data-testid="tasks-table"
                />
              </>
            )}
          </Card>
          {user.region && (
            <div style={{ marginTop: 16 }}>
              <TownTargetsCard region={user.region} />
            </div>
          )}
        </Col>
        <Col xs={24} xl={7}>
          <Card
            title={
              <Space>
                <NotificationOutlined />
                {t('tasks.notices')}
                {unread > 0 && <Badge count={unread} />}
              </Space>
            }
          >
            <ErrorAlert error={notices.error} onRetry={notices.reload} />
            <List
              loading={notices.loading}
              dataSource={noticeList}
              locale={{ emptyText: t('tasks.noNotices') }}
              data-testid="notices"
              renderItem={(n) => (
                <List.Item
                  key={String(n.id)}
                  data-testid="notice"
                  actions={
                    n.readAt
                      ? []
                      : [
                          <a key="read" onClick={() => void markRead(n.id)} data-testid="notice-read">
                            {t('tasks.markRead')}
                          </a>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={
                      <span style={{ fontWeight: n.readAt ? 'normal' : 600 }}>
                        {localizedText(n.message, lang)}
                      </span>
                    }
                    description={
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.createdAt)}
                        {n.createdBy ? ` · ${n.createdBy}` : ''}
                      </Typography.Text>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
