// 填报轮次 (admin): open a round for a period with a due date (the engine derives who owes what), and per
// round the reporting rate and on-time rate of every submitter, with in-app reminders to the late ones.
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Modal,
  Popconfirm,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { BellOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { periodCompare, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import type { Round, RoundRate } from '../api/types.ts';
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

  const remind = async (submitters?: string[]) => {
    if (!round) return;
    setBusy('remind');
    try {
      const r = await api.rounds.remind(round.id, submitters);
      void message.success(t('rounds.reminded', { n: r.sent }));
      setSelected([]);
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

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
        <Tag color={r.status === 'open' ? 'processing' : 'default'}>{t(`tasks.roundStatus.${r.status}`)}</Tag>
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
        const closing = r.status === 'open';
        const label = periodLabel(r.period, lang);
        return (
          <Popconfirm
            title={t(closing ? 'rounds.closeConfirm' : 'rounds.reopenConfirm', { period: label })}
            onConfirm={() => void setStatus(r, closing ? 'closed' : 'open')}
          >
            <Button
              size="small"
              onClick={(e) => e.stopPropagation()}
              data-testid={`round-status-${r.period}`}
            >
              {t(closing ? 'rounds.close' : 'rounds.reopen')}
            </Button>
          </Popconfirm>
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
      sorter: (a: RoundRate, b: RoundRate) => a.onTime / (a.total || 1) - b.onTime / (b.total || 1),
      render: (_: unknown, r: RoundRate) => (
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
                disabled={selected.length === 0}
                loading={busy === 'remind'}
                onClick={() => void remind(selected)}
                data-testid="remind-selected"
              >
                {t('rounds.remindSelected', { n: selected.length })}
              </Button>
              <Button
                icon={<BellOutlined />}
                disabled={late.length === 0}
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
