// Every stored version of one figure (GET /observations), newest first: value, vintage (快报/年报/修订),
// revision, provenance and citation, who and when. An admin can revise the current value; if someone
// else revised it first the server answers 409 with the newer value, which is shown (no lost update).
import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Table, Tag, Tooltip } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/errors.ts';
import { api } from '../../api/endpoints.ts';
import type { ObservationVersion } from '../../api/types.ts';
import { useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useUser } from '../../session/session.tsx';

interface Newer {
  id?: string;
  value?: number;
  revision?: number;
}

/** The newer version a 409 conflict carries in `details.current` (the observation in force now). */
function conflictCurrent(e: unknown): Newer | undefined {
  if (!(e instanceof ApiError) || e.code !== 'conflict') return undefined;
  const current = (
    e.details as { current?: { id?: unknown; value?: unknown; revision?: unknown } } | undefined
  )?.current;
  if (!current) return {};
  return {
    ...(typeof current.id === 'string' ? { id: current.id } : {}),
    ...(typeof current.value === 'number' ? { value: current.value } : {}),
    ...(typeof current.revision === 'number' ? { revision: current.revision } : {}),
  };
}

export function HistoryTable({
  versions,
  decimals,
  loading,
  onRevised,
}: {
  versions: ObservationVersion[] | undefined;
  decimals: number;
  loading: boolean;
  onRevised: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const user = useUser();
  const [editing, setEditing] = useState<ObservationVersion>();
  const [value, setValue] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Newer>();

  const open = (v: ObservationVersion) => {
    setEditing(v);
    setValue(v.value);
    setReason('');
    setConflict(undefined);
  };

  const save = async () => {
    if (!editing || value === null) return;
    setBusy(true);
    try {
      await api.observations.revise(editing.id, value, editing.revision, reason.trim());
      void message.success(t('history.revised'));
      setEditing(undefined);
      onRevised();
    } catch (e) {
      const current = conflictCurrent(e);
      if (current) {
        // Nothing was lost: the dialog now revises the newer version, which the editor has been shown.
        setConflict(current);
        if (current.id !== undefined && current.revision !== undefined) {
          setEditing({
            ...editing,
            id: current.id,
            revision: current.revision,
            value: current.value ?? editing.value,
          });
        }
        onRevised(); // and the history behind the dialog shows it too
      } else void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    {
      title: t('history.value'),
      key: 'value',
      align: 'right' as const,
      render: (_: unknown, v: ObservationVersion) => (
        <span className="ding-num">{formatNumber(v.value, decimals, lang)}</span>
      ),
    },
    {
      title: t('history.vintage'),
      key: 'vintage',
      render: (_: unknown, v: ObservationVersion) => t(`vintage.${v.vintage}`),
    },
    {
      title: t('history.revision'),
      key: 'revision',
      render: (_: unknown, v: ObservationVersion) => (
        <>
          {v.revision}{' '}
          {v.current ? (
            <Tag color="success">{t('history.current')}</Tag>
          ) : (
            <Tag>{t('history.superseded')}</Tag>
          )}
        </>
      ),
    },
    {
      title: t('history.provenance'),
      key: 'provenance',
      render: (_: unknown, v: ObservationVersion) => (
        <Tooltip title={v.citation}>
          <Tag color={v.provenance === 'synthetic' ? 'warning' : 'blue'}>
            {t(`provenance.${v.provenance}`)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: t('history.source'),
      key: 'source',
      render: (_: unknown, v: ObservationVersion) =>
        [v.citation, v.source, v.note].filter(Boolean).join(' · ') || '—',
    },
    {
      title: t('history.createdAt'),
      key: 'createdAt',
      render: (_: unknown, v: ObservationVersion) => (
        <>
          {formatDateTime(v.createdAt)}
          <br />
          {v.createdBy}
        </>
      ),
    },
    ...(user.role === 'admin'
      ? [
          {
            title: '',
            key: 'revise',
            render: (_: unknown, v: ObservationVersion) =>
              v.current && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => open(v)}
                  data-testid="history-revise"
                >
                  {t('history.revise')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Table<ObservationVersion>
        size="small"
        rowKey={(v) => String(v.id)}
        loading={loading}
        dataSource={versions}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('drawer.emptyHistory') }}
        data-testid="history-table"
      />
      <Modal
        open={editing !== undefined}
        title={editing && t('history.reviseTitle', { revision: editing.revision })}
        onCancel={() => setEditing(undefined)}
        onOk={() => void save()}
        okButtonProps={{
          disabled: value === null || !reason.trim() || (conflict !== undefined && conflict.id === undefined),
          loading: busy,
          'data-testid': 'revise-save',
        }}
        destroyOnHidden
      >
        {conflict && (
          <Alert
            type="warning"
            showIcon
            className="ding-gap"
            data-testid="revise-conflict"
            title={t('history.conflict', {
              value: conflict.value === undefined ? '?' : formatNumber(conflict.value, decimals, lang),
              revision: conflict.revision ?? '?',
            })}
          />
        )}
        <Form layout="vertical">
          <Form.Item label={t('history.newValue')} required>
            <InputNumber style={{ width: '100%' }} value={value} onChange={(v) => setValue(v)} />
          </Form.Item>
          <Form.Item label={t('common.reason')} required>
            <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
