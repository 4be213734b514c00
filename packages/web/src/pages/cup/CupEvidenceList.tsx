// The year's evidence entries (佐证材料, admin): town, item, points, note, who entered it and its status;
// a pending entry is approved (it scores from then on) or rejected (it never does) here.
import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { CupEvidenceEntry, CupResults, CupScheme } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { cupEvidenceItem } from '../../lib/cup-view.ts';
import { formatDateTime, formatSigned } from '../../lib/format.ts';
import { testIdProps } from '../../lib/test-id.ts';
import { useAsync } from '../../lib/use-async.ts';

type Decision = Exclude<CupEvidenceEntry['status'], 'pending'>;

const STATUS_COLORS: Record<CupEvidenceEntry['status'], string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
};

export function CupEvidenceList({
  scheme,
  results,
  year,
  reloadKey,
  onDecided,
}: {
  scheme: CupScheme;
  results: CupResults;
  year: number;
  /** Changes when an entry is added: the list loads again. */
  reloadKey: number;
  /** An entry was approved or rejected: the results are scored again. */
  onDecided: () => void;
}) {
  const { t, name } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const entries = useAsync(() => api.cup.evidence(year), [year, reloadKey]);
  const [busy, setBusy] = useState<{ id: number; decision: Decision }>();

  const decide = async (id: number, decision: Decision) => {
    setBusy({ id, decision });
    try {
      await api.cup.decide(id, decision);
      void message.success(t(decision === 'approved' ? 'cup.evidenceApproved' : 'cup.evidenceRejected'));
      entries.reload();
      onDecided();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const columns = [
    {
      title: t('cup.town'),
      key: 'town',
      render: (_: unknown, e: CupEvidenceEntry) => {
        const town = results.towns.find((x) => x.region === e.region);
        return town ? name(town.name) : e.region;
      },
    },
    {
      title: t('cup.item'),
      key: 'item',
      render: (_: unknown, e: CupEvidenceEntry) => {
        const it = cupEvidenceItem(scheme, e);
        if (!it)
          return (
            <Typography.Text type="warning">{`${e.item}（${t('cup.evidenceNoItem')}）`}</Typography.Text>
          );
        return `${t(it.side === 'bonus' ? 'cup.bonus' : 'cup.deductions')} · ${name(it.name)} × ${e.quantity}`;
      },
    },
    {
      title: t('cup.evidencePoints'),
      key: 'points',
      align: 'right' as const,
      render: (_: unknown, e: CupEvidenceEntry) => {
        const it = cupEvidenceItem(scheme, e);
        return it ? <span className="ding-num">{formatSigned(it.points, 2)}</span> : '—';
      },
    },
    {
      title: t('cup.evidenceNote'),
      key: 'note',
      render: (_: unknown, e: CupEvidenceEntry) => (
        <>
          {e.note}
          {e.file && <Typography.Text type="secondary"> · {e.file}</Typography.Text>}
        </>
      ),
    },
    {
      title: t('cup.evidenceBy'),
      key: 'by',
      render: (_: unknown, e: CupEvidenceEntry) => `${e.createdBy} · ${formatDateTime(e.createdAt)}`,
    },
    {
      title: t('cup.evidenceStatus'),
      key: 'status',
      render: (_: unknown, e: CupEvidenceEntry) => (
        <Tag
          color={STATUS_COLORS[e.status]}
          title={e.decidedBy ? `${e.decidedBy} · ${formatDateTime(e.decidedAt)}` : undefined}
          data-testid={`cup-evidence-status-${e.id}`}
        >
          {t(`cup.evidenceStatus.${e.status}`)}
        </Tag>
      ),
    },
    {
      title: '',
      key: 'decide',
      render: (_: unknown, e: CupEvidenceEntry) =>
        e.status === 'pending' && (
          <Space size="small">
            <Button
              size="small"
              type="primary"
              loading={busy?.id === e.id && busy.decision === 'approved'}
              disabled={busy !== undefined}
              onClick={() => void decide(e.id, 'approved')}
              data-testid={`cup-evidence-approve-${e.id}`}
            >
              {t('cup.evidenceApprove')}
            </Button>
            {/* A decision cannot be undone (the server refuses a second one): 退回 asks first. */}
            <Popconfirm
              title={t('cup.evidenceRejectConfirm')}
              okText={t('cup.evidenceReject')}
              okButtonProps={{ danger: true, 'data-testid': `cup-evidence-reject-confirm-${e.id}` }}
              onConfirm={() => decide(e.id, 'rejected')}
            >
              <Button
                size="small"
                danger
                loading={busy?.id === e.id && busy.decision === 'rejected'}
                disabled={busy !== undefined}
                data-testid={`cup-evidence-reject-${e.id}`}
              >
                {t('cup.evidenceReject')}
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <div data-testid="cup-evidence-list">
      <Typography.Text strong>{t('cup.evidenceList', { year })}</Typography.Text>
      {entries.error !== undefined && <ErrorAlert error={entries.error} onRetry={entries.reload} />}
      <Table<CupEvidenceEntry>
        size="small"
        rowKey="id"
        loading={entries.loading}
        dataSource={entries.data ?? []}
        columns={columns}
        pagination={false}
        onRow={(e) => testIdProps(`cup-evidence-row-${e.id}`)}
      />
    </div>
  );
}
