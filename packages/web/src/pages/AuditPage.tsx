// 审计日志 (admin): the append-only log as people read it — one row per operation (a publication of 300
// figures is one row that expands to its items), actions and objects by name, old → new as the labelled
// fields that changed — filtered by object type, actor and dates, exportable as CSV with the same filter.
// Names, changes and grouping come from the server (GET /audit?view=people; server audit/present.ts).
import { useState } from 'react';
import { Button, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { api } from '../api/endpoints.ts';
import type { AuditChangeView, AuditFilter, AuditItemView, AuditRowView } from '../api/types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useI18n } from '../i18n/language.tsx';
import { auditChangeLines } from '../lib/audit.ts';
import { formatDateTime } from '../lib/format.ts';
import { useAsync } from '../lib/use-async.ts';

export default function AuditPage() {
  const { t, lang, name } = useI18n();
  const [entity, setEntity] = useState<string | undefined>(undefined);
  const [actor, setActor] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [filter, setFilter] = useState<AuditFilter>({});
  const log = useAsync(() => api.audit.people(filter), [JSON.stringify(filter)]);

  const search = () =>
    setFilter({
      ...(entity ? { entity } : {}),
      ...(actor.trim() ? { actor: actor.trim() } : {}),
      ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
      ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
    });
  const reset = () => {
    setEntity(undefined);
    setActor('');
    setRange(null);
    setFilter({});
  };

  const changesCell = (changes: readonly AuditChangeView[]) => {
    if (changes.length === 0) return '—';
    const { lines, more } = auditChangeLines(changes, lang);
    return (
      <Space orientation="vertical" size={0}>
        {lines.map((line, i) => (
          <span key={i}>{line}</span>
        ))}
        {more > 0 && (
          <Typography.Text type="secondary">{t('audit.moreChanges', { n: more })}</Typography.Text>
        )}
      </Space>
    );
  };

  const columns = [
    {
      title: t('audit.at'),
      key: 'at',
      width: 150,
      render: (_: unknown, r: AuditRowView) => formatDateTime(r.at),
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      width: 150,
      render: (_: unknown, r: AuditRowView) => (
        <Space orientation="vertical" size={0}>
          <span>{r.actorName ?? r.actor}</span>
          {r.actorName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.actor}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('audit.action'),
      key: 'action',
      width: 150,
      render: (_: unknown, r: AuditRowView) => (
        <Space size={4} wrap>
          <Tag title={r.action}>{name(r.actionName)}</Tag>
          {r.count > 1 && (
            <Typography.Text type="secondary">{t('audit.items', { n: r.count })}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('audit.entityId'),
      key: 'object',
      width: 320,
      render: (_: unknown, r: AuditRowView) => (
        <Space orientation="vertical" size={0}>
          <span>{name(r.object)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {name(r.entityName)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('audit.change'),
      key: 'change',
      render: (_: unknown, r: AuditRowView) =>
        r.changes.length === 0 && r.items.length > 0 ? (
          <Typography.Text type="secondary">{t('audit.expandItems')}</Typography.Text>
        ) : (
          changesCell(r.changes)
        ),
    },
    {
      title: t('audit.reason'),
      key: 'reason',
      width: 200,
      render: (_: unknown, r: AuditRowView) => r.reason ?? '—',
    },
  ];

  const itemColumns = [
    { title: t('audit.entityId'), key: 'object', render: (_: unknown, i: AuditItemView) => name(i.object) },
    {
      title: t('audit.change'),
      key: 'change',
      render: (_: unknown, i: AuditItemView) => changesCell(i.changes),
    },
  ];

  const items = (r: AuditRowView) => (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{name(r.summary)}</Typography.Text>
      <Table<AuditItemView>
        size="small"
        rowKey={(i) => (i.entryId === undefined ? name(i.object) : String(i.entryId))}
        dataSource={r.items}
        columns={itemColumns}
        pagination={r.items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        data-testid={`audit-items-${r.key}`}
      />
      {r.itemsTotal > r.items.length && (
        <Typography.Text type="secondary">
          {t('audit.itemsShown', { shown: r.items.length, total: r.itemsTotal })}
        </Typography.Text>
      )}
    </Space>
  );

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
        <Select
          style={{ width: 180 }}
          value={entity}
          onChange={setEntity}
          options={(log.data?.entities ?? []).map((e) => ({ value: e.code, label: name(e.name) }))}
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
      <Table<AuditRowView>
        size="small"
        rowKey="key"
        loading={log.loading}
        dataSource={log.data?.rows}
        columns={columns}
        expandable={{
          rowExpandable: (r) => r.items.length > 0,
          expandedRowRender: items,
        }}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        data-testid="audit-table"
      />
    </>
  );
}
