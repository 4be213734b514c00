// 报告 (issue 9 §7): the admin picks a period, a kind (全文 / 单项指标 / 自定义), the language and 红头, makes a
// draft and previews it as it will print; rewrites the 存在问题 and 下步工作 paragraphs; 定稿生成 runs the
// generation job with a progress bar, then the DOCX and PDF download. Leaders see the archive and downloads.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Popconfirm,
  Progress,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { DownloadOutlined, FileAddOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { REPORT_SECTIONS, type Period } from '@ding/core';
import { api } from '../api/endpoints.ts';
import type { Job, Report, ReportFormat, ReportMode, ReportOptions } from '../api/types.ts';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PeriodSelect } from '../components/selectors.tsx';
import { useDataStatus } from '../app/data-status.tsx';
import { useI18n } from '../i18n/language.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { formatDateTime } from '../lib/format.ts';
import { periodLabel } from '../lib/periods.ts';
import { regionTowns } from '../lib/progress-view.ts';
import { reportEditableTexts, reportEditsFrom, reportIssueText } from '../lib/report-view.ts';
import { testIdProps } from '../lib/test-id.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { useQueryParam } from '../router/router.tsx';
import { useUser } from '../session/session.tsx';
import { ReportPreview } from './reports/ReportPreview.tsx';

const STATUS_COLORS: Record<Report['status'], string> = {
  draft: 'default',
  generating: 'processing',
  final: 'success',
  failed: 'error',
};
const POLL_MS = 500;

export default function ReportsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { plan, labels } = usePlan();
  const user = useUser();
  const isAdmin = user.role === 'admin';
  const { currentPeriod } = useDataStatus();

  const archive = useAsync(() => api.reports.list(), []);
  const [reportParam, setReportParam] = useQueryParam('report');
  const preview = useAsync(
    () => api.reports.preview(reportParam!),
    [reportParam],
    isAdmin && reportParam !== undefined,
  );

  // ---- the draft form ----
  const [period, setPeriod] = useState<string | undefined>();
  useEffect(() => {
    if (period === undefined && currentPeriod) setPeriod(currentPeriod);
  }, [currentPeriod, period]);
  const [mode, setMode] = useState<ReportMode>('full');
  const [indicator, setIndicator] = useState<string>();
  const [sections, setSections] = useState<string[]>([...REPORT_SECTIONS]);
  const [indicators, setIndicators] = useState<string[]>([]);
  const [towns, setTowns] = useState<string[]>([]);
  const [docLang, setDocLang] = useState<'zh' | 'en'>('zh');
  const [redHeader, setRedHeader] = useState(false);
  const [withPdf, setWithPdf] = useState(true);
  const [busy, setBusy] = useState<'create' | 'save' | 'generate'>();

  const indicatorOptions = useMemo(
    () =>
      plan.indicators
        .filter((i) => !i.component)
        .map((i) => ({ value: i.code, label: labels.indicatorName(i.code) })),
    [plan, labels],
  );
  const townOptions = useMemo(
    () =>
      period
        ? regionTowns(plan, period as Period).map((code) => ({ value: code, label: labels.regionName(code) }))
        : [],
    [plan, labels, period],
  );

  const createDraft = async () => {
    if (!period) return;
    if (mode === 'indicator' && !indicator) {
      void message.error(t('reports.indicatorRequired'));
      return;
    }
    const options: ReportOptions = {
      lang: docLang,
      formats: withPdf ? ['docx', 'pdf'] : ['docx'],
      ...(redHeader ? { redHeader: true } : {}),
      ...(mode === 'indicator' ? { indicator } : {}),
      ...(mode === 'custom'
        ? {
            sections,
            ...(indicators.length ? { indicators } : {}),
            ...(towns.length ? { regions: towns } : {}),
          }
        : {}),
    };
    setBusy('create');
    try {
      const r = await api.reports.create({ period, mode, options });
      void message.success(t('reports.draftCreated', { period: periodLabel(r.period, lang) }));
      setReportParam(r.id);
      archive.reload();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  // ---- the preview's editable paragraphs ----
  const report = preview.data?.report;
  const drafted = useMemo(
    () => (preview.data ? reportEditableTexts(preview.data.document) : {}),
    [preview.data],
  );
  const [texts, setTexts] = useState<Record<string, string>>({});
  useEffect(() => setTexts(drafted), [drafted]);
  const editable = isAdmin && (report?.status === 'draft' || report?.status === 'failed');
  const pending = report ? reportEditsFrom(drafted, texts, report.edits) : undefined;
  const dirty = Object.keys(texts).some((id) => texts[id] !== drafted[id]);

  const saveEdits = async (): Promise<boolean> => {
    if (!report || !pending || !dirty) return true;
    setBusy('save');
    try {
      await api.reports.edit(report.id, pending);
      void message.success(t('reports.editsSaved'));
      preview.reload();
      return true;
    } catch (e) {
      void message.error(errorText(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  // ---- generation: the job, polled until it ends ----
  const [job, setJob] = useState<Job>();
  const [jobId, setJobId] = useState<string>();
  const finalise = async () => {
    if (!report) return;
    if (!(await saveEdits())) return;
    setBusy('generate');
    try {
      const { jobId: id } = await api.reports.generate(report.id);
      setJob(undefined);
      setJobId(id);
    } catch (e) {
      void message.error(errorText(e));
      setBusy(undefined);
    }
  };
  useEffect(() => {
    if (!jobId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const j = await api.jobs.get(jobId);
        if (!live) return;
        setJob(j);
        if (j.status === 'succeeded' || j.status === 'failed') {
          setJobId(undefined);
          setBusy(undefined);
          archive.reload();
          preview.reload();
          if (j.status === 'failed') void message.error(t('reports.failed', { error: j.error ?? '' }));
          return;
        }
      } catch (e) {
        if (!live) return;
        void message.error(errorText(e));
        setJobId(undefined);
        setBusy(undefined);
        return;
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // archive/preview reloads are stable callbacks; the poll restarts only for a new job
  }, [jobId]);

  // A generation started elsewhere (another tab, before a reload): no job to follow, so look again until it ends.
  useEffect(() => {
    if (report?.status !== 'generating' || jobId) return;
    const timer = setTimeout(() => {
      preview.reload();
      archive.reload();
    }, 2000);
    return () => clearTimeout(timer);
  }, [report, jobId]);

  const downloads = (r: Report, size: 'small' | 'middle' = 'small') => (
    <Space size={4}>
      {(['docx', 'pdf'] as ReportFormat[])
        .filter((f) => r.files.some((x) => x.format === f))
        .map((f) => (
          <Button
            key={f}
            size={size}
            icon={<DownloadOutlined />}
            href={api.reports.fileUrl(r.id, f)}
            data-testid={`report-download-${f}${size === 'small' ? `-${r.id}` : ''}`}
          >
            {t('reports.download', { format: f.toUpperCase() })}
          </Button>
        ))}
    </Space>
  );

  const modeText = (r: Pick<Report, 'mode' | 'options'>) =>
    r.mode === 'indicator' && r.options.indicator
      ? `${t('reports.mode.indicator')}：${labels.indicatorName(r.options.indicator)}`
      : t(`reports.mode.${r.mode}` as MessageKey);

  const columns = [
    {
      title: t('reports.issue'),
      key: 'issue',
      render: (_: unknown, r: Report) => (r.issue ? reportIssueText(r.issue, lang) : '—'),
    },
    {
      title: t('common.period'),
      key: 'period',
      render: (_: unknown, r: Report) => periodLabel(r.period, lang),
    },
    { title: t('reports.mode'), key: 'mode', render: (_: unknown, r: Report) => modeText(r) },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, r: Report) => (
        <Tag color={STATUS_COLORS[r.status]} title={r.error}>
          {t(`reports.status.${r.status}`)}
        </Tag>
      ),
    },
    {
      title: t('reports.created'),
      key: 'created',
      render: (_: unknown, r: Report) => `${formatDateTime(r.createdAt)} · ${r.createdBy}`,
    },
    { title: t('reports.files'), key: 'files', render: (_: unknown, r: Report) => downloads(r) },
    ...(isAdmin
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Report) => (
              <Button size="small" onClick={() => setReportParam(r.id)} data-testid={`report-open-${r.id}`}>
                {t('reports.preview')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const stage = job?.stage ?? (jobId ? 'queued' : undefined);
  const generating = busy === 'generate' || report?.status === 'generating';

  return (
    <>
      <PageHeader title={t('reports.title')} />
      {isAdmin && (
        <Card title={t('reports.new')} className="ding-gap" size="small">
          <Form layout="inline" className="report-form" style={{ rowGap: 12 }}>
            <Form.Item label={t('common.period')}>
              <PeriodSelect value={period} onChange={setPeriod} testId="report-period" width={240} />
            </Form.Item>
            <Form.Item label={t('reports.mode')}>
              <Radio.Group
                optionType="button"
                value={mode}
                onChange={(e) => setMode(e.target.value as ReportMode)}
                data-testid="report-mode"
                options={(['full', 'indicator', 'custom'] as const).map((m) => ({
                  value: m,
                  label: <span data-testid={`report-mode-${m}`}>{t(`reports.mode.${m}`)}</span>,
                }))}
              />
            </Form.Item>
            {mode === 'indicator' && (
              <Form.Item label={t('reports.indicator')}>
                <Select
                  style={{ width: 280 }}
                  showSearch={{ optionFilterProp: 'label' }}
                  value={indicator}
                  onChange={setIndicator}
                  options={indicatorOptions}
                  data-testid="report-indicator"
                />
              </Form.Item>
            )}
            <Form.Item label={t('reports.language')}>
              <Radio.Group
                value={docLang}
                onChange={(e) => setDocLang(e.target.value as 'zh' | 'en')}
                options={[
                  { value: 'zh', label: t('reports.lang.zh') },
                  { value: 'en', label: t('reports.lang.en') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('reports.redHeader')}>
              <Switch checked={redHeader} onChange={setRedHeader} data-testid="report-red-header" />
            </Form.Item>
            <Form.Item>
              <Checkbox checked={withPdf} onChange={(e) => setWithPdf(e.target.checked)}>
                {t('reports.pdf')}
              </Checkbox>
            </Form.Item>
            {mode === 'custom' && (
              <>
                <Form.Item label={t('reports.sections')} style={{ width: '100%' }}>
                  <Checkbox.Group
                    value={sections}
                    onChange={(v) => setSections(v)}
                    options={REPORT_SECTIONS.map((s) => ({
                      value: s,
                      label: t(`reports.section.${s}` as MessageKey),
                    }))}
                  />
                </Form.Item>
                <Form.Item label={t('reports.indicators')}>
                  <Select
                    mode="multiple"
                    allowClear
                    style={{ width: 420 }}
                    showSearch={{ optionFilterProp: 'label' }}
                    value={indicators}
                    onChange={setIndicators}
                    options={indicatorOptions}
                    maxTagCount="responsive"
                    data-testid="report-indicators"
                  />
                </Form.Item>
                <Form.Item label={t('reports.towns')}>
                  <Select
                    mode="multiple"
                    allowClear
                    style={{ width: 360 }}
                    showSearch={{ optionFilterProp: 'label' }}
                    value={towns}
                    onChange={setTowns}
                    options={townOptions}
                    maxTagCount="responsive"
                    data-testid="report-towns"
                  />
                </Form.Item>
              </>
            )}
            <Form.Item>
              <Button
                type="primary"
                icon={<FileAddOutlined />}
                loading={busy === 'create'}
                disabled={!period || (mode === 'custom' && sections.length === 0)}
                onClick={() => void createDraft()}
                data-testid="report-create"
              >
                {t('reports.createDraft')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}

      {isAdmin && reportParam && (
        <Card
          className="ding-gap"
          size="small"
          title={
            report ? (
              <Space>
                {t('reports.previewTitle', {
                  period: periodLabel(report.period, lang),
                  mode: modeText(report),
                })}
                <Tag color={STATUS_COLORS[report.status]} data-testid="report-status">
                  {t(`reports.status.${report.status}`)}
                </Tag>
              </Space>
            ) : (
              t('reports.preview')
            )
          }
          extra={
            report && (
              <Space>
                {editable && (
                  <Button
                    icon={<SaveOutlined />}
                    disabled={!dirty}
                    loading={busy === 'save'}
                    onClick={() => void saveEdits()}
                    data-testid="report-save"
                  >
                    {t('reports.saveEdits')}
                  </Button>
                )}
                {editable && (
                  <Popconfirm
                    title={t('reports.finaliseConfirm')}
                    onConfirm={() => void finalise()}
                    okButtonProps={{ 'data-testid': 'report-finalise-ok' } as Record<string, string>}
                  >
                    <Button
                      type="primary"
                      icon={<SendOutlined />}
                      loading={generating}
                      data-testid="report-finalise"
                    >
                      {t('reports.finalise')}
                    </Button>
                  </Popconfirm>
                )}
                {report.status === 'final' && downloads(report, 'middle')}
              </Space>
            )
          }
        >
          <ErrorAlert error={preview.error} onRetry={preview.reload} />
          {(jobId || job) && (
            <div className="ding-gap" data-testid="report-progress">
              <Progress
                percent={Math.round(job?.progress ?? 0)}
                status={
                  job?.status === 'failed' ? 'exception' : job?.status === 'succeeded' ? 'success' : 'active'
                }
              />
              <span>
                {job?.status === 'succeeded'
                  ? report?.issue
                    ? t('reports.generated', { issue: reportIssueText(report.issue, lang) })
                    : t('reports.generatedNoIssue')
                  : stage
                    ? t(`reports.stage.${stage}` as MessageKey)
                    : t('reports.generating')}
              </span>
            </div>
          )}
          {report?.status === 'failed' && report.error && (
            <Alert
              type="error"
              showIcon
              className="ding-gap"
              title={t('reports.failed', { error: report.error })}
            />
          )}
          {editable && dirty && (
            <Alert type="warning" showIcon className="ding-gap" title={t('reports.unsaved')} />
          )}
          {preview.data?.document.meta.synthetic && (
            <Alert type="info" showIcon className="ding-gap" title={t('reports.synthetic')} />
          )}
          {preview.data && (
            <ReportPreview
              document={preview.data.document}
              {...(editable ? { texts, onText: (id, text) => setTexts((x) => ({ ...x, [id]: text })) } : {})}
            />
          )}
        </Card>
      )}

      <Card title={t('reports.archive')} size="small">
        <ErrorAlert error={archive.error} onRetry={archive.reload} />
        <Table<Report>
          size="small"
          rowKey="id"
          loading={archive.loading}
          dataSource={archive.data ?? []}
          columns={columns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t('reports.empty')} /> }}
          onRow={(r) => ({
            ...testIdProps(`report-row-${r.id}`),
            className: r.id === reportParam ? 'ant-table-row-selected' : '',
          })}
          data-testid="report-archive"
        />
      </Card>
    </>
  );
}
