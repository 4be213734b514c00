// 发送记录 (admin): the send log of the reminder digests, and 立即发送今日提醒 — first a dry run whose digests
// (recipient, channels, subject and the text as it will be sent) are previewed in a modal, then 确认发送 sends
// them and shows the dispatch summary. The send log's key makes a second run send nothing new.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Modal, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { api } from '../../api/endpoints.ts';
import type { SupervisionReminderRun, SupervisionSend } from '../../api/types.ts';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useI18n } from '../../i18n/language.tsx';
import { beijingDateTime, localizedText } from '../../lib/supervision-view.ts';
import { testIdProps } from '../../lib/test-id.ts';
import { useAsync } from '../../lib/use-async.ts';

const STATUS_COLORS: Record<SupervisionSend['status'], string> = {
  pending: 'processing',
  sent: 'success',
  failed: 'warning',
  dead: 'error',
};

export function SendLog({ onSent }: { onSent: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const sends = useAsync(() => api.supervision.sends(200), []);
  const [preview, setPreview] = useState<SupervisionReminderRun>();
  const [result, setResult] = useState<SupervisionReminderRun>();
  const [busy, setBusy] = useState<'preview' | 'send'>();
  const [failure, setFailure] = useState<unknown>();

  const channelName = (c: string) => {
    const key = `sv.channel.${c}` as MessageKey;
    const text = t(key);
    return text === key ? c : text;
  };

  const runPreview = async () => {
    setBusy('preview');
    setFailure(undefined);
    setResult(undefined);
    try {
      setPreview(await api.supervision.runReminders(true));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(undefined);
    }
  };

  const send = async () => {
    setBusy('send');
    try {
      const r = await api.supervision.runReminders(false);
      setResult(r);
      setPreview(undefined);
      sends.reload();
      onSent();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const columns = [
    {
      title: t('sv.sends.col.createdAt'),
      key: 'createdAt',
      render: (_: unknown, s: SupervisionSend) => (
        <span className="ding-nowrap">{beijingDateTime(s.createdAt)}</span>
      ),
    },
    {
      title: t('sv.sends.col.channel'),
      key: 'channel',
      render: (_: unknown, s: SupervisionSend) => <Tag>{channelName(s.channel)}</Tag>,
    },
    {
      title: t('sv.sends.col.address'),
      key: 'address',
      render: (_: unknown, s: SupervisionSend) => s.address,
    },
    {
      title: t('sv.sends.col.subject'),
      key: 'subject',
      render: (_: unknown, s: SupervisionSend) => s.subject,
    },
    {
      title: t('sv.sends.col.status'),
      key: 'status',
      render: (_: unknown, s: SupervisionSend) => (
        <Tag color={STATUS_COLORS[s.status]} data-testid={`sv-send-status-${s.id}`} data-status={s.status}>
          {t(`sv.sends.status.${s.status}`)}
        </Tag>
      ),
    },
    {
      title: t('sv.sends.col.attempts'),
      key: 'attempts',
      align: 'right' as const,
      render: (_: unknown, s: SupervisionSend) => s.attempts,
    },
    {
      title: t('sv.sends.col.sentAt'),
      key: 'sentAt',
      render: (_: unknown, s: SupervisionSend) => (s.sentAt ? beijingDateTime(s.sentAt) : '—'),
    },
    {
      title: t('sv.sends.col.nextAttempt'),
      key: 'next',
      render: (_: unknown, s: SupervisionSend) =>
        s.status === 'failed' && s.nextAttemptAt ? beijingDateTime(s.nextAttemptAt) : '—',
    },
    {
      title: t('sv.sends.col.lastError'),
      key: 'error',
      render: (_: unknown, s: SupervisionSend) =>
        s.lastError ? <Typography.Text type="danger">{s.lastError}</Typography.Text> : '—',
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="sv-sends">
      <Space wrap>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy === 'preview'}
          onClick={() => void runPreview()}
          data-testid="sv-reminders-run"
        >
          {t('sv.sends.run')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={sends.reload} data-testid="sv-sends-reload">
          {t('sv.sends.reload')}
        </Button>
      </Space>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {result?.dispatch && (
        <Alert
          type={result.dispatch.failed + result.dispatch.dead > 0 ? 'warning' : 'success'}
          showIcon
          closable
          title={t('sv.sends.result', { ...result.dispatch })}
          data-testid="sv-reminders-result"
          data-sent={result.dispatch.sent}
        />
      )}
      {sends.error !== undefined && <ErrorAlert error={sends.error} onRetry={sends.reload} />}
      <Table<SupervisionSend>
        size="small"
        rowKey="id"
        loading={sends.loading}
        dataSource={sends.data ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        onRow={(s) => testIdProps(`sv-send-${s.id}`)}
        data-testid="sv-sends-table"
      />
      <Modal
        open={preview !== undefined}
        width={760}
        title={preview && t('sv.sends.preview', { date: preview.date })}
        onCancel={() => setPreview(undefined)}
        footer={[
          <Button key="cancel" onClick={() => setPreview(undefined)}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="send"
            type="primary"
            icon={<SendOutlined />}
            loading={busy === 'send'}
            disabled={!preview || preview.digests.length === 0}
            onClick={() => void send()}
            data-testid="sv-reminders-confirm"
          >
            {t('sv.sends.confirm')}
          </Button>,
        ]}
        data-testid="sv-reminders-preview"
      >
        {preview && preview.digests.length === 0 && <Empty description={t('sv.sends.none')} />}
        {preview && preview.digests.length > 0 && (
          <>
            <Alert
              type="info"
              showIcon
              className="ding-gap"
              title={t('sv.sends.previewHint', { n: preview.digests.length })}
            />
            {preview.digests.map((d) => (
              <Card
                key={d.userId}
                size="small"
                className="ding-sv-card"
                data-testid={`sv-digest-${d.username}`}
                title={`${t('sv.sends.recipient')}：${d.displayName}（${d.username}）`}
                extra={
                  <Space size={2} wrap>
                    {d.channels.length === 0 ? (
                      <Typography.Text type="warning">{t('sv.sends.noChannel')}</Typography.Text>
                    ) : (
                      d.channels.map((c) => <Tag key={c}>{channelName(c)}</Tag>)
                    )}
                  </Space>
                }
              >
                <p>
                  <Typography.Text strong>{t('sv.sends.subject')}：</Typography.Text>
                  <span data-testid={`sv-digest-subject-${d.username}`}>
                    {localizedText(d.subject, lang)}
                  </span>
                </p>
                <pre className="ding-pre" data-testid={`sv-digest-text-${d.username}`}>
                  {localizedText(d.text, lang)}
                </pre>
              </Card>
            ))}
          </>
        )}
      </Modal>
    </Space>
  );
}
