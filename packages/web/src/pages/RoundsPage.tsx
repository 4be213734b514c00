// 填报轮次 (admin): open a round for a period with a due date (the engine derives who owes what), manage it
// (延期, 取消轮次, 单位例外), and per round the reporting and on-time rate of every submitter on its own due
// date, with 催报 previewed before it is sent and its history.
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { BellOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { periodCompare, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import { ApiError } from '../api/errors.ts';
import type { Reminder, ReminderPreview, Round, RoundRate } from '../api/types.ts';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PeriodSelect } from '../components/selectors.tsx';
import { useI18n } from '../i18n/language.tsx';
import { formatDateTime, formatShare } from '../lib/format.ts';
import { periodLabel, periodLastEnded } from '../lib/periods.ts';
import { testIdProps } from '../lib/test-id.ts';
import { useAsync } from '../lib/use-async.ts';
import { useQueryParam } from '../router/router.tsx';

export default function RoundsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const rounds = useAsync(() => api.rounds.list(), []);
  const [roundParam, setRoundParam] = useQueryParam('round');
  const sorted = useMemo(
    () => [...(rounds.data ?? [])].sort((a, b) => periodCompare(b.period as Period, a.period as Period)),
    [rounds.data],
  );
  const round = sorted.find((r) => String(r.id) === roundParam) ?? sorted[0];
  const rates = useAsync(() => api.rounds.rates(round!.id), [round?.id], round !== undefined);
  const [selected, setSelected] = useState<string[]>([]);
  const [opening, setOpening] = useState(false);
  const [period, setPeriod] = useState<string | undefined>(() => periodLastEnded(new Date()));
  const [due, setDue] = useState<Dayjs | null>(() => dayjs().add(14, 'day'));
  const [busy, setBusy] = useState<string>();
  const reminders = useAsync(() => api.rounds.reminders(round!.id), [round?.id], round !== undefined);
  const [extending, setExtending] = useState<Round>();
  const [newDue, setNewDue] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const [excepting, setExcepting] = useState<Round>();
  const [exUnit, setExUnit] = useState<string>();
  const [exDue, setExDue] = useState<Dayjs | null>(null);
  const [preview, setPreview] = useState<{ data: ReminderPreview; submitters?: string[] }>();

  const reloadAll = () => {
    rounds.reload();
    rates.reload();
    reminders.reload();
  };
  const withBusy = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    try {
      await fn();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const extend = () =>
    withBusy('extend', async () => {
      if (!extending || !newDue) return;
      const r = await api.rounds.extend(extending.id, newDue.format('YYYY-MM-DD'), reason.trim());
      void message.success(
        t('rounds.extended', {
          period: periodLabel(r.round.period, lang),
          due: r.round.dueDate,
          n: r.notified,
        }),
      );
      setExtending(undefined);
      reloadAll();
    });

  const cancelRound = (r: Round) =>
    withBusy('cancel', async () => {
      const res = await api.rounds.cancel(r.id, cancelReason.trim());
      void message.success(t('rounds.cancelled', { period: periodLabel(r.period, lang), n: res.withdrawn }));
      setCancelReason('');
      reloadAll();
    });

  const saveException = () =>
    withBusy('exception', async () => {
      if (!excepting || !exUnit || !exDue) return;
      const e = await api.rounds.exceptionSet(
        excepting.id,
        exUnit,
        exDue.format('YYYY-MM-DD'),
        reason.trim(),
      );
      const name = rates.data?.find((x) => x.submitter === e.submitter)?.name ?? e.submitter;
      void message.success(t('rounds.exceptionSaved', { name, due: e.dueDate }));
      setExUnit(undefined);
      setExDue(null);
      setReason('');
      reloadAll();
    });

  const clearException = (r: Round, submitter: string, name: string) =>
    withBusy('exception', async () => {
      await api.rounds.exceptionClear(r.id, submitter);
      void message.success(t('rounds.exceptionCleared', { name }));
      reloadAll();
    });

  const openRound = async () => {
    if (!period || !due) return;
    setBusy('open');
    try {
      const r = await api.rounds.open(period, due.format('YYYY-MM-DD'));
      void message.success(t('rounds.opened', { period: periodLabel(r.period, lang) }));
      setOpening(false);
      setRoundParam(String(r.id));
      rounds.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const setStatus = async (r: Round, status: 'open' | 'closed') => {
    try {
      await api.rounds.update(r.id, { status });
      const period = periodLabel(r.period, lang);
      void message.success(t(status === 'closed' ? 'rounds.closedMsg' : 'rounds.reopenedMsg', { period }));
      rounds.reload();
    } catch (e) {
      void message.error(errorText(e));
    }
  };

  /** 催报, step 1: preview what would be sent (nothing is sent). */
  const remind = (submitters?: string[]) =>
    withBusy('remind', async () => {
      if (!round) return;
      const data = await api.rounds.remindPreview(round.id, submitters);
      setPreview(submitters ? { data, submitters } : { data });
    });

  /** 催报, step 2: send what the preview showed; if it changed meanwhile, show the new one. */
  const remindConfirm = () =>
    withBusy('remind', async () => {
      if (!round || !preview) return;
      try {
        const r = await api.rounds.remind(round.id, preview.data.token, preview.submitters);
        void message.success(t('rounds.reminded', { n: r.sent }));
        setPreview(undefined);
        setSelected([]);
        reminders.reload();
      } catch (e) {
        const fresh =
          e instanceof ApiError && e.status === 409 ? (e.details as { preview?: ReminderPreview }) : {};
        if (!fresh?.preview) throw e;
        setPreview({ ...preview, data: fresh.preview });
        void message.warning(t('rounds.remindStale'));
      }
    });

  const total = (rates.data ?? []).reduce((s, r) => s + r.total, 0);
  const submitted = (rates.data ?? []).reduce((s, r) => s + r.submitted, 0);
  const late = (rates.data ?? []).filter((r) => r.submitted < r.total).map((r) => r.submitter);

  const roundColumns = [
    {
      title: t('common.period'),
      key: 'period',
      render: (_: unknown, r: Round) => <strong>{periodLabel(r.period, lang)}</strong>,
    },
    { title: t('common.dueDate'), dataIndex: 'dueDate', key: 'dueDate' },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, r: Round) => (
        <Tooltip
          title={
            r.status === 'cancelled'
              ? t('rounds.cancelledBy', {
                  by: r.cancelledBy ?? '',
                  at: formatDateTime(r.cancelledAt),
                  reason: r.cancelReason ?? '',
                })
              : undefined
          }
        >
          <Tag
            color={r.status === 'open' ? 'processing' : r.status === 'cancelled' ? 'error' : 'default'}
            data-testid={`round-state-${r.period}`}
          >
            {t(`rounds.status.${r.status}`)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('rounds.openedAt'),
      key: 'openedAt',
      render: (_: unknown, r: Round) => formatDateTime(r.openedAt),
    },
    { title: t('rounds.openedBy'), dataIndex: 'openedBy', key: 'openedBy' },
    {
      title: t('rounds.assignments'),
      key: 'assignments',
      align: 'right' as const,
      render: (_: unknown, r: Round) => r.assignments ?? '—',
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r: Round) => {
        if (r.status === 'cancelled') return null;
        const closing = r.status === 'open';
        const label = periodLabel(r.period, lang);
        return (
          <Space size="small" wrap onClick={(e) => e.stopPropagation()}>
            {closing && (
              <Button
                size="small"
                onClick={() => {
                  setExtending(r);
                  setNewDue(dayjs(r.dueDate).add(7, 'day'));
                  setReason('');
                }}
                data-testid={`round-extend-${r.period}`}
              >
                {t('rounds.extend')}
              </Button>
            )}
            {closing && (
              <Button
                size="small"
                onClick={() => {
                  setRoundParam(String(r.id));
                  setExcepting(r);
                  setExUnit(undefined);
                  setExDue(dayjs(r.dueDate).add(14, 'day'));
                  setReason('');
                }}
                data-testid={`round-exceptions-${r.period}`}
              >
                {t('rounds.exceptions')}
                {r.exceptions?.length ? ` (${r.exceptions.length})` : ''}
              </Button>
            )}
            <Popconfirm
              title={t(closing ? 'rounds.closeConfirm' : 'rounds.reopenConfirm', { period: label })}
              onConfirm={() => void setStatus(r, closing ? 'closed' : 'open')}
            >
              <Button size="small" data-testid={`round-status-${r.period}`}>
                {t(closing ? 'rounds.close' : 'rounds.reopen')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('rounds.cancel')}
              description={
                <Space direction="vertical" style={{ maxWidth: 360 }}>
                  <Typography.Text>{t('rounds.cancelConfirm', { period: label })}</Typography.Text>
                  <Input.TextArea
                    rows={2}
                    value={cancelReason}
                    placeholder={t('rounds.cancelReason')}
                    onChange={(e) => setCancelReason(e.target.value)}
                    data-testid={`round-cancel-reason-${r.period}`}
                  />
                </Space>
              }
              okButtonProps={{
                danger: true,
                disabled: !cancelReason.trim(),
                loading: busy === 'cancel',
                'data-testid': `round-cancel-confirm-${r.period}`,
              }}
              onConfirm={() => cancelRound(r)}
              onOpenChange={(open) => open && setCancelReason('')}
            >
              <Button size="small" danger data-testid={`round-cancel-${r.period}`}>
                {t('rounds.cancel')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    },
  ];

  const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
  const rateColumns = [
    { title: t('common.submitter'), dataIndex: 'name', key: 'name' },
    { title: t('rounds.total'), dataIndex: 'total', key: 'total', align: 'right' as const },
    { title: t('rounds.submitted'), dataIndex: 'submitted', key: 'submitted', align: 'right' as const },
    { title: t('rounds.approved'), dataIndex: 'approved', key: 'approved', align: 'right' as const },
    { title: t('rounds.onTime'), dataIndex: 'onTime', key: 'onTime', align: 'right' as const },
    {
      title: t('rounds.unitDue'),
      key: 'dueDate',
      render: (_: unknown, r: RoundRate) =>
        r.dueDate && round && r.dueDate !== round.dueDate ? (
          <Tooltip title={t('rounds.exceptions')}>
            <Tag color="gold">{r.dueDate}</Tag>
          </Tooltip>
        ) : (
          (r.dueDate ?? round?.dueDate)
        ),
    },
    {
      title: t('rounds.overdue'),
      key: 'overdue',
      align: 'right' as const,
      render: (_: unknown, r: RoundRate) =>
        r.due === false ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Typography.Text type={r.overdue ? 'danger' : undefined}>{r.overdue ?? 0}</Typography.Text>
        ),
    },
    {
      title: t('rounds.rate'),
      key: 'rate',
      width: 180,
      sorter: (a: RoundRate, b: RoundRate) => a.submitted / (a.total || 1) - b.submitted / (b.total || 1),
      render: (_: unknown, r: RoundRate) => (
        <Progress
          percent={percent(r.submitted, r.total)}
          size="small"
          format={() => formatShare(r.submitted, r.total)}
        />
      ),
    },
    {
      title: t('rounds.onTimeRate'),
      key: 'onTimeRate',
      width: 180,
      sorter: (a: RoundRate, b: RoundRate) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
      // Before the unit's due date there is no on-time rate yet: grey, not a red 0%.
      render: (_: unknown, r: RoundRate) =>
        r.onTimeRate === null ? (
          <Typography.Text type="secondary" data-testid={`ontime-notdue-${r.submitter}`}>
            {t('rounds.notDue')}
          </Typography.Text>
        ) : (
          <Progress
            percent={percent(r.onTime, r.total)}
            size="small"
            status={r.onTime < r.total ? 'exception' : 'success'}
            format={() => formatShare(r.onTime, r.total)}
          />
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('rounds.title')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpening(true)}
            data-testid="round-open"
          >
            {t('rounds.open')}
          </Button>
        }
      />
      <ErrorAlert error={rounds.error} onRetry={rounds.reload} />
      <Card className="ding-gap">
        <Table<Round>
          size="small"
          rowKey={(r) => String(r.id)}
          loading={rounds.loading}
          dataSource={sorted}
          columns={roundColumns}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          rowSelection={{
            type: 'radio',
            selectedRowKeys: round ? [String(round.id)] : [],
            onChange: (keys) => setRoundParam(keys[0] === undefined ? undefined : String(keys[0])),
          }}
          onRow={(r) => ({
            ...testIdProps(`round-row-${r.period}`),
            onClick: () => setRoundParam(String(r.id)),
          })}
          data-testid="rounds-table"
        />
      </Card>
      <Card
        title={
          round ? (
            <Space>
              {t('rounds.rates')} · {periodLabel(round.period, lang)}
              {rates.data && (
                <Typography.Text type="secondary">
                  {t('rounds.summary', { n: rates.data.length, rate: formatShare(submitted, total) })}
                </Typography.Text>
              )}
            </Space>
          ) : (
            t('rounds.rates')
          )
        }
        extra={
          round && (
            <Space>
              <Button
                icon={<BellOutlined />}
                disabled={selected.length === 0 || round.status !== 'open'}
                loading={busy === 'remind'}
                onClick={() => void remind(selected)}
                data-testid="remind-selected"
              >
                {t('rounds.remindSelected', { n: selected.length })}
              </Button>
              <Button
                icon={<BellOutlined />}
                disabled={late.length === 0 || round.status !== 'open'}
                loading={busy === 'remind'}
                onClick={() => void remind(late)}
                data-testid="remind-late"
              >
                {t('rounds.remindLate')}
              </Button>
            </Space>
          )
        }
      >
        {!round && <Typography.Text type="secondary">{t('rounds.selectHint')}</Typography.Text>}
        <ErrorAlert error={rates.error} onRetry={rates.reload} />
        {round && (
          <Table<RoundRate>
            size="small"
            rowKey="submitter"
            loading={rates.loading}
            dataSource={rates.data}
            columns={rateColumns}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="rates-table"
          />
        )}
      </Card>
      {round && (
        <Card className="ding-gap" title={t('rounds.remindHistory')}>
          <ErrorAlert error={reminders.error} onRetry={reminders.reload} />
          <Table<Reminder>
            size="small"
            rowKey="id"
            loading={reminders.loading}
            dataSource={reminders.data}
            locale={{ emptyText: t('rounds.remindHistoryEmpty') }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            expandable={{
              expandedRowRender: (h) => (
                <List
                  size="small"
                  dataSource={h.recipients}
                  renderItem={(x) => <List.Item>{x.message[lang === 'en' ? 'en' : 'zh']}</List.Item>}
                />
              ),
            }}
            columns={[
              {
                title: t('rounds.sentAt'),
                key: 'sentAt',
                render: (_: unknown, h: Reminder) => formatDateTime(h.sentAt),
              },
              { title: t('rounds.sentBy'), dataIndex: 'sentBy', key: 'sentBy' },
              {
                title: t('rounds.recipients'),
                key: 'recipients',
                render: (_: unknown, h: Reminder) => (
                  <Space size={[4, 4]} wrap>
                    {h.recipients.map((x) => (
                      <Tag key={x.submitter}>{x.name}</Tag>
                    ))}
                    {h.skipped.map((x) => (
                      <Tooltip key={x.submitter} title={t('rounds.noAccount')}>
                        <Tag color="default" style={{ textDecoration: 'line-through' }}>
                          {x.name} · {t('rounds.noAccount')}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
              },
            ]}
            data-testid="reminder-history"
          />
        </Card>
      )}
      <Modal
        open={preview !== undefined}
        title={preview && t('rounds.remindPreviewTitle', { period: periodLabel(preview.data.period, lang) })}
        width={760}
        onCancel={() => setPreview(undefined)}
        onOk={() => remindConfirm()}
        okText={t('rounds.remindConfirm')}
        okButtonProps={{
          disabled: !preview || preview.data.recipients.length === 0,
          loading: busy === 'remind',
          'data-testid': 'remind-confirm',
        }}
        destroyOnHidden
      >
        {preview && (
          <>
            <Typography.Paragraph>
              {preview.data.recipients.length
                ? t('rounds.remindPreviewHint', { n: preview.data.recipients.length })
                : t('rounds.remindNothing')}
            </Typography.Paragraph>
            <List
              size="small"
              bordered
              dataSource={preview.data.recipients}
              renderItem={(x) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Space>
                      <strong>{x.name}</strong>
                      <Typography.Text type="secondary">
                        {t('rounds.owing', { n: x.owing })} · {x.dueDate}
                      </Typography.Text>
                    </Space>
                    <Typography.Text>{x.message[lang === 'en' ? 'en' : 'zh']}</Typography.Text>
                  </Space>
                </List.Item>
              )}
              data-testid="remind-preview"
            />
            {preview.data.skipped.length > 0 && (
              <>
                <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>
                  {t('rounds.noAccountHint')}
                </Typography.Paragraph>
                <Space size={[4, 4]} wrap data-testid="remind-skipped">
                  {preview.data.skipped.map((x) => (
                    <Tag key={x.submitter} color="warning">
                      {x.name} · {t('rounds.noAccount')}
                    </Tag>
                  ))}
                </Space>
              </>
            )}
          </>
        )}
      </Modal>
      <Modal
        open={extending !== undefined}
        title={extending && t('rounds.extendTitle', { period: periodLabel(extending.period, lang) })}
        onCancel={() => setExtending(undefined)}
        onOk={() => extend()}
        okButtonProps={{
          disabled: !newDue || !reason.trim(),
          loading: busy === 'extend',
          'data-testid': 'round-extend-confirm',
        }}
        destroyOnHidden
      >
        {extending && (
          <>
            <Typography.Paragraph type="secondary">
              {t('rounds.extendHint', { due: extending.dueDate })}
            </Typography.Paragraph>
            <Form layout="vertical">
              <Form.Item label={t('rounds.newDueDate')} required>
                <DatePicker
                  value={newDue}
                  onChange={(d) => setNewDue(d)}
                  disabledDate={(d) =>
                    d.format('YYYY-MM-DD') <= extending.dueDate || d.isBefore(dayjs(), 'day')
                  }
                  data-testid="round-extend-due"
                />
              </Form.Item>
              <Form.Item label={t('rounds.reason')} required>
                <Input.TextArea
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder={t('rounds.reasonRequired')}
                  data-testid="round-extend-reason"
                />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
      <Modal
        open={excepting !== undefined}
        title={excepting && t('rounds.exceptionTitle', { period: periodLabel(excepting.period, lang) })}
        onCancel={() => setExcepting(undefined)}
        onOk={() => saveException()}
        okButtonProps={{
          disabled: !exUnit || !exDue || !reason.trim(),
          loading: busy === 'exception',
          'data-testid': 'round-exception-save',
        }}
        destroyOnHidden
      >
        {excepting && (
          <>
            <Typography.Paragraph type="secondary">{t('rounds.exceptionHint')}</Typography.Paragraph>
            <List
              size="small"
              dataSource={sorted.find((x) => x.id === excepting.id)?.exceptions ?? []}
              locale={{ emptyText: t('rounds.exceptionNone') }}
              renderItem={(e) => (
                <List.Item
                  actions={[
                    <Button
                      key="clear"
                      size="small"
                      type="link"
                      danger
                      onClick={() => clearException(excepting, e.submitter, e.name ?? e.submitter)}
                    >
                      {t('rounds.exceptionClear')}
                    </Button>,
                  ]}
                >
                  <Space>
                    <strong>{e.name ?? e.submitter}</strong>
                    <Tag color="gold">{e.dueDate}</Tag>
                    <Typography.Text type="secondary">{e.reason}</Typography.Text>
                  </Space>
                </List.Item>
              )}
              data-testid="round-exception-list"
            />
            <Form layout="vertical" style={{ marginTop: 12 }}>
              <Form.Item label={t('rounds.exceptionUnit')} required>
                <Select
                  showSearch
                  optionFilterProp="label"
                  value={exUnit}
                  onChange={setExUnit}
                  options={(rates.data ?? []).map((x) => ({ value: x.submitter, label: x.name }))}
                  style={{ width: 280 }}
                  data-testid="round-exception-unit"
                />
              </Form.Item>
              <Form.Item label={t('rounds.exceptionDue')} required>
                <DatePicker
                  value={exDue}
                  onChange={(d) => setExDue(d)}
                  disabledDate={(d) =>
                    d.format('YYYY-MM-DD') <= excepting.dueDate || d.isBefore(dayjs(), 'day')
                  }
                  data-testid="round-exception-due"
                />
              </Form.Item>
              <Form.Item label={t('rounds.reason')} required>
                <Input.TextArea
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder={t('rounds.reasonRequired')}
                  data-testid="round-exception-reason"
                />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
      <Modal
        open={opening}
        title={t('rounds.openTitle')}
        onCancel={() => setOpening(false)}
        onOk={() => void openRound()}
        okButtonProps={{
          disabled: !period || !due,
          loading: busy === 'open',
          'data-testid': 'round-open-confirm',
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('rounds.openHint')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('common.period')} required>
            <PeriodSelect value={period} onChange={setPeriod} testId="round-open-period" width={280} />
          </Form.Item>
          <Form.Item label={t('common.dueDate')} required>
            <DatePicker value={due} onChange={(d) => setDue(d)} data-testid="round-open-due" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
