// 审计日志 (admin): the append-only log of every change — who, when, what, old → new, why — filtered by
// entity, actor and dates, exportable as CSV with the same filter.
import { useState } from 'react';
import { AutoComplete, Button, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../api/endpoints.ts';
import type { AuditEntry, AuditFilter } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/language.tsx';
import { auditChanges, auditValueText } from '../lib/audit.ts';
import { formatDateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

/** Entities the server audits (packages/server: auditAppend calls). */
const ENTITIES = ['observation', 'submission', 'upload', 'round', 'period', 'target', 'indicator', 'user'];

export default function AuditPage() {
  const { t } = useI18n();
  const [entity, setEntity] = useState('');
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAsync(() => api.audit.list(filter), [JSON.stringify(filter)]);

  const search = () =>
    setFilter({
      ...(entity.trim() ? { entity: entity.trim() } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
      ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
    });
  const reset = () => {
    setEntity('');
    setActor('');
    setRange(null);
    setFilter({});
  };

  const columns = [
    {
      title: t('audit.at'),
      key: 'at',
      width: 150,
      render: (_: unknown, e: AuditEntry) => formatDateTime(e.at),
    },
    { title: t('audit.actor'), dataIndex: 'actor', key: 'actor' },
    { title: t('audit.action'), key: 'action', render: (_: unknown, e: AuditEntry) => <Tag>{e.action}</Tag> },
    {
      title: t('audit.entityId'),
      key: 'entity',
      render: (_: unknown, e: AuditEntry) => (
        <Space orientation="vertical" size={0}>
          <span>{e.entity}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.entityId}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.change'),
      key: 'change',
      render: (_: unknown, e: AuditEntry) => (
        <Space orientation="vertical" size={0}>
          {auditChanges(e.old, e.new)
            .slice(0, 4)
            .map((c) => (
              <span key={c.field} className="ding-json">
                {c.field && <strong>{c.field}: </strong>}
                {auditValueText(c.old)} → {auditValueText(c.new)}
              </span>
            ))}
        </Space>
      ),
    },
    { title: t('audit.reason'), key: 'reason', render: (_: unknown, e: AuditEntry) => e.reason ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={api.audit.csvUrl(filter)} data-testid="audit-csv">
            {t('audit.export')}
          </Button>
        }
      />
      <div className="ding-toolbar">
        <AutoComplete
          style={{ width: 180 }}
          value={entity}
          onChange={setEntity}
          options={ENTITIES.map((e) => ({ value: e }))}
          placeholder={t('audit.entity')}
          allowClear
          data-testid="audit-entity"
        />
        <Input
          style={{ width: 180 }}
          value={actor}
          onChange={(e) => setActor(e.target.value)}
          placeholder={t('audit.actor')}
          allowClear
          data-testid="audit-actor"
        />
        <DatePicker.RangePicker value={range} onChange={(r) => setRange(r)} data-testid="audit-range" />
        <Button type="primary" icon={<SearchOutlined />} onClick={search} data-testid="audit-search">
          {t('common.search')}
        </Button>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </div>
      <ErrorAlert error={log.error} onRetry={log.reload} />
      <Table<AuditEntry>
        size="small"
        rowKey={(e) => String(e.id)}
        loading={log.loading}
        dataSource={log.data}
        columns={columns}
        expandable={{
          expandedRowRender: (e) => (
            <pre className="ding-json">
              {JSON.stringify({ old: e.old, new: e.new, reason: e.reason }, null, 2)}
            </pre>
          ),
        }}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        data-testid="audit-table"
      />
    </>
  );
}
