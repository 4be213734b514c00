// 审核 (admin): the queue of submitted figures — approve, or return with a comment; publish a period's
// approved figures; lock or unlock a period with a reason.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import {
  CheckOutlined,
  LockOutlined,
  RollbackOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useDataStatus } from '../app/data-status.tsx';
import { api } from '../api/endpoints.ts';
import type { Id, ReviewRow, SubmissionStatus } from '../api/types.ts';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PeriodSelect } from '../components/selectors.tsx';
import { useI18n } from '../i18n/language.tsx';
import { testIdProps } from '../lib/test-id.ts';
import { formatDateTime, formatExact, formatSigned } from '../lib/format.ts';
import { periodLabel } from '../lib/periods.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';

type LockAction = 'lock' | 'unlock';

export default function ReviewPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { labels } = usePlan();
  const { currentPeriod, reload: reloadDataStatus } = useDataStatus();
  const [status, setStatus] = useState<SubmissionStatus>('submitted');
  const queue = useAsync(() => api.review.list(status), [status]);
  const locks = useAsync(() => api.periods.locks(), []);
  const [selected, setSelected] = useState<Id[]>([]);
  const [busy, setBusy] = useState<string>();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [period, setPeriod] = useState<string>();
  const [lockAction, setLockAction] = useState<LockAction>();
  const [lockReason, setLockReason] = useState('');
  // Default: the current period (GET /periods/current), the same as every other page's.
  const chosenPeriod = period ?? currentPeriod;
  const lockedPeriods = (locks.data ?? []).filter((l) => l.locked);
  // Until the locks are known (or if they cannot be read) both buttons stay usable; the server decides.
  const chosenLocked = locks.data ? lockedPeriods.some((l) => l.period === chosenPeriod) : undefined;

  const run = async (what: string, action: () => Promise<string>) => {
    setBusy(what);
    try {
      void message.success(await action());
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const approve = () =>
    run('approve', async () => {
      const r = await api.review.approve(selected);
      setSelected([]);
      queue.reload();
      return t('review.approved', { n: r.approved });
    });

  const sendBack = async () => {
    const ok = await run('return', async () => {
      const r = await api.review.return(selected, comment.trim());
      setSelected([]);
      queue.reload();
      return t('review.returned', { n: r.returned });
    });
    if (ok) {
      setReturning(false);
      setComment('');
    }
  };

  const publish = () =>
    chosenPeriod &&
    run('publish', async () => {
      const r = await api.review.publish(chosenPeriod);
      queue.reload();
      reloadDataStatus(); // the current period, the quarter being collected and the badge may move
      return t('review.published', {
        n: r.published,
        created: r.created ?? '—',
        revised: r.revised ?? '—',
        unchanged: r.unchanged ?? '—',
      });
    });

  const changeLock = async () => {
    if (!chosenPeriod || !lockAction) return;
    const ok = await run(lockAction, async () => {
      const call = lockAction === 'lock' ? api.periods.lock : api.periods.unlock;
      const r = await call(chosenPeriod, lockReason.trim());
      locks.reload();
      return t(r.locked ? 'review.locked' : 'review.unlocked', { period: periodLabel(r.period, lang) });
    });
    if (ok) {
      setLockAction(undefined);
      setLockReason('');
    }
  };

  const decimals = (code: string) => labels.indicator(code)?.decimals ?? 2;
  const columns = [
    {
      title: t('common.indicator'),
      key: 'indicator',
      render: (_: unknown, r: ReviewRow) => (
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
      render: (_: unknown, r: ReviewRow) => r.regionName ?? labels.regionName(r.region),
    },
    { title: t('common.period'), dataIndex: 'period', key: 'period' },
    {
      title: t('common.value'),
      key: 'value',
      align: 'right' as const,
      render: (_: unknown, r: ReviewRow) => (
        <span className="ding-num" data-testid={`review-value-${r.indicator}-${r.region}`}>
          {formatExact(r.value, decimals(r.indicator), lang)} {r.unit}
        </span>
      ),
    },
    {
      title: t('review.previous'),
      key: 'previous',
      align: 'right' as const,
      // Both exact: the reviewer compares what was typed with what is in force, neither rounded.
      render: (_: unknown, r: ReviewRow) => formatExact(r.previous, decimals(r.indicator), lang),
    },
    {
      title: t('review.yoy'),
      key: 'yoy',
      align: 'right' as const,
      render: (_: unknown, r: ReviewRow) =>
        r.yoy === undefined ? '—' : `${formatSigned(r.yoy, 1)}${r.yoyMeasure === 'points' ? 'pp' : '%'}`,
    },
    {
      title: t('common.reason'),
      key: 'reason',
      render: (_: unknown, r: ReviewRow) => (
        <Space orientation="vertical" size={0}>
          {r.reason && <span>{r.reason}</span>}
          {r.note && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.note}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('review.by'),
      key: 'by',
      render: (_: unknown, r: ReviewRow) => (
        <Space orientation="vertical" size={0}>
          <span>{r.submitterName ?? (r.submitter ? labels.submitterName(r.submitter) : r.submittedBy)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.submittedBy} · {formatDateTime(r.submittedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('history.source'), key: 'source', render: (_: unknown, r: ReviewRow) => r.source ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('review.title')} />
      <Card
        title={t('review.queue')}
        className="ding-gap"
        extra={
          <Space>
            <Segmented<SubmissionStatus>
              value={status}
              onChange={(s) => {
                setStatus(s);
                setSelected([]);
              }}
              options={(['submitted', 'approved', 'returned'] as const).map((s) => ({
                value: s,
                label: <span data-testid={`review-status-${s}`}>{t(`task.${s}`)}</span>,
              }))}
            />
            {selected.length > 0 && <span>{t('review.selected', { n: selected.length })}</span>}
            <Button
              type="primary"
              icon={<CheckOutlined />}
              disabled={selected.length === 0 || status !== 'submitted'}
              loading={busy === 'approve'}
              onClick={() => void approve()}
              data-testid="review-approve"
            >
              {t('review.approve')}
            </Button>
            <Button
              danger
              icon={<RollbackOutlined />}
              disabled={selected.length === 0 || status === 'returned'}
              onClick={() => setReturning(true)}
              data-testid="review-return"
            >
              {t('review.return')}
            </Button>
          </Space>
        }
      >
        <ErrorAlert error={queue.error} onRetry={queue.reload} />
        <Table<ReviewRow>
          size="small"
          rowKey={(r) => String(r.id)}
          loading={queue.loading}
          dataSource={queue.data}
          columns={columns}
          rowSelection={{
            selectedRowKeys: selected.map(String),
            onChange: (_keys, rows) => setSelected(rows.map((r) => r.id)),
            getCheckboxProps: (r) => ({ 'aria-label': `${r.indicator} ${r.region}` }),
          }}
          onRow={(r) => testIdProps(`review-row-${r.indicator}-${r.region}`)}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
          locale={{ emptyText: t('review.empty') }}
          data-testid="review-table"
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('review.publishTitle')}>
            <Typography.Paragraph type="secondary">{t('review.publishText')}</Typography.Paragraph>
            <Space wrap>
              <PeriodSelect value={chosenPeriod} onChange={setPeriod} testId="publish-period" />
              <Popconfirm
                title={t('review.publishConfirm', {
                  period: chosenPeriod ? periodLabel(chosenPeriod, lang) : '',
                })}
                onConfirm={() => void publish()}
                okButtonProps={{ 'data-testid': 'publish-confirm' }}
              >
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={!chosenPeriod}
                  loading={busy === 'publish'}
                  data-testid="review-publish"
                >
                  {t('review.publish')}
                </Button>
              </Popconfirm>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('review.lockTitle')}>
            <Typography.Paragraph type="secondary">{t('review.lockText')}</Typography.Paragraph>
            <Typography.Paragraph data-testid="locked-periods">
              {lockedPeriods.length === 0 ? (
                <Typography.Text type="secondary">{t('review.noLocks')}</Typography.Text>
              ) : (
                <>
                  {t('review.lockedPeriods')}
                  {lockedPeriods.map((l) => (
                    <Tag key={l.period} icon={<LockOutlined />} title={`${l.changedBy} · ${l.reason}`}>
                      {periodLabel(l.period, lang)}
                    </Tag>
                  ))}
                </>
              )}
            </Typography.Paragraph>
            <Space wrap>
              <PeriodSelect value={chosenPeriod} onChange={setPeriod} testId="lock-period" />
              <Button
                icon={<LockOutlined />}
                disabled={!chosenPeriod || chosenLocked === true}
                onClick={() => setLockAction('lock')}
                data-testid="period-lock"
              >
                {t('review.lock')}
              </Button>
              <Button
                icon={<UnlockOutlined />}
                disabled={!chosenPeriod || chosenLocked === false}
                onClick={() => setLockAction('unlock')}
                data-testid="period-unlock"
              >
                {t('review.unlock')}
              </Button>
            </Space>
          </Card>
        </Col>
      </Row>

      <Modal
        open={returning}
        title={t('review.returnTitle', { n: selected.length })}
        onCancel={() => setReturning(false)}
        onOk={() => void sendBack()}
        okText={t('review.return')}
        okButtonProps={{ danger: true, disabled: !comment.trim(), loading: busy === 'return' }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t('review.returnComment')}
            required
            help={!comment.trim() && t('review.returnRequired')}
          >
            <Input.TextArea
              rows={3}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="return-comment"
            />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={lockAction !== undefined}
        title={
          chosenPeriod &&
          t(lockAction === 'unlock' ? 'review.unlockConfirm' : 'review.lockConfirm', {
            period: periodLabel(chosenPeriod, lang),
          })
        }
        onCancel={() => setLockAction(undefined)}
        onOk={() => void changeLock()}
        okButtonProps={{ disabled: !lockReason.trim(), loading: busy === lockAction }}
        destroyOnHidden
      >
        {lockAction === 'lock' && (
          <Alert type="warning" showIcon title={t('review.lockText')} className="ding-gap" />
        )}
        <Form layout="vertical">
          <Form.Item
            label={t('common.reason')}
            required
            help={!lockReason.trim() && t('common.reasonRequired')}
          >
            <Input.TextArea
              rows={3}
              value={lockReason}
              onChange={(e) => setLockReason(e.target.value)}
              data-testid="lock-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
