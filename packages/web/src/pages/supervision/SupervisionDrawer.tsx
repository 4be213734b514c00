// One supervised item: its fields, the light with every rule that fired, milestones, linked indicators with
// the share of 序时进度 they reach, the timeline (北京时间), every report with its attachments and return
// reason, and the actions the user's role has: the lead unit 签收 / 报送进展 / 申请延期, a cooperating unit
// 报送配合情况, the admin 审核通过 / 退办 / 批准·驳回延期 / 办结 / 销号.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import {
  SUPERVISION_TYPE_NAMES,
  type Milestone,
  type SupervisionEvent,
  type SupervisionItemDetail,
  type SupervisionReportRecord,
} from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { ErrorAlert, useErrorText } from '../../components/ErrorAlert.tsx';
import { useI18n } from '../../i18n/language.tsx';
import {
  beijingDateTime,
  supervisionDaysLeftText,
  supervisionEventColor,
  supervisionProgressPercent,
  supervisionRoleOf,
} from '../../lib/supervision-view.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import { useUser } from '../../session/session.tsx';
import { ExtensionModal } from './ExtensionModal.tsx';
import { LightName, StateTag } from './LightTag.tsx';
import { ReportModal } from './ReportModal.tsx';

const REPORT_COLORS: Record<SupervisionReportRecord['status'], string> = {
  submitted: 'processing',
  accepted: 'success',
  returned: 'error',
};

export function SupervisionDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | undefined;
  onClose: () => void;
  /** Something was done to the item: the list reloads (its light may have changed). */
  onChanged: () => void;
}) {
  const { t, lang, name } = useI18n();
  const detail = useAsync(() => api.supervision.item(id!), [id], id !== undefined);
  const d = detail.data?.item.id === id ? detail.data : undefined;
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      size="large"
      title={d ? `${d.item.code} ${name(d.item.title)}` : t('sv.title')}
      data-testid="sv-drawer"
      extra={d && <LightName light={d.light.light} testId="sv-drawer-light" />}
      styles={{ body: { paddingTop: 12 } }}
    >
      {detail.error !== undefined && <ErrorAlert error={detail.error} onRetry={detail.reload} />}
      {d && (
        <DetailBody
          key={d.item.id}
          d={d}
          lang={lang}
          changed={() => {
            detail.reload();
            onChanged();
          }}
        />
      )}
    </Drawer>
  );
}

function DetailBody({
  d,
  lang,
  changed,
}: {
  d: SupervisionItemDetail;
  lang: 'zh' | 'en';
  changed: () => void;
}) {
  const { t } = useI18n();
  const { labels } = usePlan();
  const user = useUser();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const role = supervisionRoleOf(d.item, user);
  const admin = user.role === 'admin';
  const finished = d.light.state === 'completed' || d.light.state === 'closed';
  const [reporting, setReporting] = useState(false);
  const [extending, setExtending] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [returnReason, setReturnReason] = useState('');

  const act = async (key: string, call: () => Promise<unknown>, done: string) => {
    setBusy(key);
    setFailure(undefined);
    try {
      await call();
      void message.success(done);
      changed();
    } catch (e) {
      setFailure(e);
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  // A unit code is a plan department's or a town's region code.
  const unitName = (code: string) => {
    const dept = labels.departmentName(code);
    return dept !== code ? dept : labels.regionName(code);
  };
  const who = (by: string, unit?: string) => (unit ? `${unitName(unit)}（${by}）` : by);

  const p = d.light.progress;
  const progressText =
    p.source === 'indicators'
      ? `${p.achieved.toFixed(1)}% ${t('sv.progress.indicators')}`
      : `${p.reported.toFixed(1)}% ${t('sv.progress.reported')} · ${t('sv.progress.expected', { p: p.expected.toFixed(1) })}`;

  const actions = (
    <Space wrap data-testid="sv-actions">
      {role === 'lead' && d.light.state === 'assigned' && (
        <Button
          type="primary"
          loading={busy === 'ack'}
          onClick={() =>
            void act('ack', () => api.supervision.acknowledge(d.item.id), t('sv.action.acknowledged'))
          }
          data-testid="sv-acknowledge"
        >
          {t('sv.action.acknowledge')}
        </Button>
      )}
      {role !== undefined && !finished && (
        <Button
          type={role === 'lead' ? 'primary' : 'default'}
          onClick={() => setReporting(true)}
          data-testid="sv-report-open"
        >
          {t(role === 'lead' ? 'sv.action.report' : 'sv.action.part')}
        </Button>
      )}
      {(role === 'lead' || admin) && !finished && !d.extensionPending && d.light.daysLeft >= 0 && (
        <Button onClick={() => setExtending(true)} data-testid="sv-extension-open">
          {t('sv.action.extension')}
        </Button>
      )}
      {admin && d.extensionPending && (
        <>
          <Popconfirm
            title={t('sv.action.approveExtensionConfirm', { date: d.extensionPending.newDeadline })}
            okText={t('sv.action.approveExtension')}
            okButtonProps={{ 'data-testid': 'sv-extension-approve-confirm' }}
            onConfirm={() =>
              act(
                'ext-approve',
                () => api.supervision.decideExtension(d.item.id, 'approved'),
                t('sv.action.extensionDecided'),
              )
            }
          >
            <Button loading={busy === 'ext-approve'} data-testid="sv-extension-approve">
              {t('sv.action.approveExtension')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('sv.action.rejectExtensionConfirm')}
            okText={t('sv.action.rejectExtension')}
            okButtonProps={{ danger: true, 'data-testid': 'sv-extension-reject-confirm' }}
            onConfirm={() =>
              act(
                'ext-reject',
                () => api.supervision.decideExtension(d.item.id, 'rejected'),
                t('sv.action.extensionDecided'),
              )
            }
          >
            <Button danger loading={busy === 'ext-reject'} data-testid="sv-extension-reject">
              {t('sv.action.rejectExtension')}
            </Button>
          </Popconfirm>
        </>
      )}
      {admin && !finished && (
        <Popconfirm
          title={t('sv.action.completeConfirm')}
          okText={t('sv.action.complete')}
          okButtonProps={{ 'data-testid': 'sv-complete-confirm' }}
          onConfirm={() =>
            act('complete', () => api.supervision.finish(d.item.id, 'complete'), t('sv.action.completed'))
          }
        >
          <Button type="primary" loading={busy === 'complete'} data-testid="sv-complete">
            {t('sv.action.complete')}
          </Button>
        </Popconfirm>
      )}
      {admin && d.light.state === 'completed' && (
        <Popconfirm
          title={t('sv.action.closeConfirm')}
          okText={t('sv.action.close')}
          okButtonProps={{ 'data-testid': 'sv-close-confirm' }}
          onConfirm={() =>
            act('close', () => api.supervision.finish(d.item.id, 'close'), t('sv.action.closed'))
          }
        >
          <Button loading={busy === 'close'} data-testid="sv-close">
            {t('sv.action.close')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  const eventLine = (e: SupervisionEvent) => (
    <div data-testid={`sv-event-${e.kind}`}>
      <Typography.Text strong>{t(`sv.event.${e.kind}`)}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        {who(e.by, e.unit)} · {beijingDateTime(e.at)}
      </Typography.Text>
      {e.newDeadline && <div>{t('sv.event.newDeadline', { date: e.newDeadline })}</div>}
      {e.note && (
        <div className="ding-pre">
          {e.kind === 'report_returned' || e.kind === 'extension_requested' || e.kind === 'extension_rejected'
            ? t('sv.event.reason', { reason: e.note })
            : e.note}
        </div>
      )}
    </div>
  );

  const reportCard = (r: SupervisionReportRecord) => (
    <Card
      key={r.id}
      size="small"
      className="ding-sv-card"
      data-testid={`sv-report-${r.id}`}
      data-status={r.status}
      title={
        <Space size={4} wrap>
          <span>{r.period}</span>
          <Tag>{t(`sv.report.role.${r.role}`)}</Tag>
          <span>{unitName(r.unit)}</span>
        </Space>
      }
      extra={
        <Tag color={REPORT_COLORS[r.status]} data-testid={`sv-report-status-${r.id}`}>
          {t(`sv.report.status.${r.status}`)}
        </Tag>
      }
    >
      <p className="ding-pre">{r.text}</p>
      {r.percentDone !== undefined && <p>{t('sv.report.percent', { p: r.percentDone })}</p>}
      {r.attachments.length > 0 && (
        <div>
          {t('sv.report.attachments')}：
          <Space size={4} wrap>
            {r.attachments.map((a) => (
              <a
                key={a.id}
                href={api.supervision.attachmentUrl(a.id)}
                download={a.fileName}
                data-testid={`sv-attachment-${a.id}`}
              >
                <PaperClipOutlined /> {a.fileName}（{Math.max(1, Math.round(a.size / 1024))} KB）
              </a>
            ))}
          </Space>
        </div>
      )}
      {r.returnReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={`${t('sv.report.returnReason')}：${r.returnReason}`}
          data-testid={`sv-report-return-reason-${r.id}`}
        />
      )}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
        {t('sv.report.by', { by: r.submittedBy, at: beijingDateTime(r.submittedAt) })}
        {r.decidedAt &&
          ` · ${t('sv.report.decided', { by: r.decidedBy ?? '', at: beijingDateTime(r.decidedAt) })}`}
      </Typography.Text>
      {admin && r.role === 'lead' && r.status === 'submitted' && (
        <Space style={{ marginTop: 8 }}>
          <Popconfirm
            title={t('sv.action.acceptConfirm')}
            okText={t('sv.action.accept')}
            okButtonProps={{ 'data-testid': `sv-accept-confirm-${r.id}` }}
            onConfirm={() =>
              act(
                `accept-${r.id}`,
                () => api.supervision.decide(d.item.id, r.id, 'accepted'),
                t('sv.action.accepted'),
              )
            }
          >
            <Button
              type="primary"
              size="small"
              loading={busy === `accept-${r.id}`}
              data-testid={`sv-accept-${r.id}`}
            >
              {t('sv.action.accept')}
            </Button>
          </Popconfirm>
          <Popconfirm
            title={t('sv.action.returnConfirm')}
            description={
              <Input.TextArea
                rows={3}
                style={{ width: 280 }}
                value={returnReason}
                onChange={(e) => setReturnReason(e.target.value)}
                placeholder={t('sv.action.returnReason')}
                data-testid={`sv-return-reason-${r.id}`}
              />
            }
            okText={t('sv.action.return')}
            okButtonProps={{
              danger: true,
              disabled: returnReason.trim() === '',
              'data-testid': `sv-return-confirm-${r.id}`,
            }}
            onConfirm={() =>
              act(
                `return-${r.id}`,
                () => api.supervision.decide(d.item.id, r.id, 'returned', returnReason.trim()),
                t('sv.action.returned'),
              ).then(() => setReturnReason(''))
            }
          >
            <Button danger size="small" loading={busy === `return-${r.id}`} data-testid={`sv-return-${r.id}`}>
              {t('sv.action.return')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </Card>
  );

  const milestoneColumns = [
    { title: t('sv.milestone.date'), dataIndex: 'date', key: 'date', width: 120 },
    { title: t('sv.milestone.deliverable'), dataIndex: 'deliverable', key: 'deliverable' },
  ];
  const achieved = new Map(
    p.source === 'indicators' ? p.indicators.map((x) => [x.indicator, x.achieved]) : [],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="sv-detail">
      {actions}
      {failure !== undefined && (
        <Alert type="error" showIcon title={errorText(failure)} data-testid="sv-action-error" />
      )}
      <Alert
        type={d.light.light === 'red' ? 'error' : d.light.light === 'yellow' ? 'warning' : 'info'}
        showIcon
        title={t('sv.reasons')}
        description={
          <ul className="ding-reasons" data-testid="sv-reasons">
            {d.light.reasons.map((r) => (
              <li key={r.zh}>{r[lang]}</li>
            ))}
          </ul>
        }
      />
      {d.extensionPending && (
        <Alert
          type="warning"
          showIcon
          data-testid="sv-extension-pending"
          title={t('sv.extensionPending', {
            date: d.extensionPending.newDeadline,
            reason: d.extensionPending.reason,
            by: d.extensionPending.by,
            at: beijingDateTime(d.extensionPending.at),
          })}
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={t('sv.col.state')}>
          <StateTag state={d.light.state} testId="sv-drawer-state" />
          {role && <Tag>{t(`sv.role.${role}`)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.type')}>
          {SUPERVISION_TYPE_NAMES[d.item.type][lang]}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.lead')}>{d.leadNames.join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('sv.field.cooperating')}>
          {d.cooperatingNames.join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.leader')}>{d.item.leader?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sv.field.contact')}>
          {d.item.contact ? `${d.item.contact.name} ${d.item.contact.phone}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.assignedOn')}>{d.item.assignedOn}</Descriptions.Item>
        <Descriptions.Item label={t('sv.field.deadline')}>
          {d.light.deadline}
          {d.light.deadline !== d.item.deadline &&
            ` （${t('sv.field.originalDeadline', { date: d.item.deadline })}）`}
          {!finished && ` · ${supervisionDaysLeftText(d.light.daysLeft, lang)}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.cadence')}>
          {t(`sv.cadence.${d.item.cadence}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.progress')}>
          <span data-testid="sv-drawer-progress" data-value={supervisionProgressPercent(d).toFixed(1)}>
            {progressText}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sv.field.nextReport')}>
          {d.nextReport ? t('sv.nextReport', { period: d.nextReport.period, due: d.nextReport.dueOn }) : '—'}
        </Descriptions.Item>
        {d.item.source && <Descriptions.Item label={t('sv.field.source')}>{d.item.source}</Descriptions.Item>}
      </Descriptions>
      {d.item.milestones.length > 0 && (
        <Card size="small" title={t('sv.milestones')}>
          <Table<Milestone>
            size="small"
            rowKey={(m) => `${m.date}-${m.deliverable}`}
            dataSource={d.item.milestones}
            columns={milestoneColumns}
            pagination={false}
          />
        </Card>
      )}
      {d.item.indicators.length > 0 && (
        <Card size="small" title={t('sv.indicators')} data-testid="sv-indicators">
          {d.item.indicators.map((code) => {
            const a = achieved.get(code);
            return (
              <div key={code} data-testid={`sv-indicator-${code}`}>
                {labels.indicatorName(code)}：
                {a === undefined ? (
                  <Typography.Text type="secondary">{t('sv.indicator.noFigure')}</Typography.Text>
                ) : (
                  t('sv.indicator.achieved', { p: a.toFixed(1) })
                )}
              </div>
            );
          })}
        </Card>
      )}
      <Card size="small" title={t('sv.reports')} data-testid="sv-reports">
        {d.reports.length === 0 ? (
          <Empty description={t('sv.reports.none')} />
        ) : (
          [...d.reports].reverse().map(reportCard)
        )}
      </Card>
      <Card
        size="small"
        title={t('sv.timeline')}
        extra={<Typography.Text type="secondary">{t('sv.timeline.zone')}</Typography.Text>}
        data-testid="sv-timeline"
      >
        <Timeline
          items={d.events.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: supervisionEventColor(e.kind),
            content: eventLine(e),
          }))}
        />
      </Card>
      {role && (
        <ReportModal
          open={reporting}
          detail={d}
          role={role}
          onClose={() => setReporting(false)}
          onSaved={() => {
            setReporting(false);
            changed();
          }}
        />
      )}
      <ExtensionModal
        open={extending}
        detail={d}
        onClose={() => setExtending(false)}
        onSaved={() => {
          setExtending(false);
          changed();
        }}
      />
    </Space>
  );
}
