// 导入: the Excel round trip. 1 download my pre-filled template; 2 upload .xlsx/.csv (checked, nothing
// written); 3 the preview with every problem located (file, sheet, row, column, reason) and highlighted on
// its cell, plus a reason for each YoY jump; 4 commit — all rows or none.
import { useEffect, useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { Alert, Button, Card, Input, Result, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../api/errors.ts';
import { api, previewOfError } from '../api/endpoints.ts';
import type { ImportProblem, PreviewRow, UploadPreview } from '../api/types.ts';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemCell } from '../components/ProblemCell.tsx';
import { RoundSelect, useRoundChoice } from '../components/selectors.tsx';
import { useI18n } from '../i18n/language.tsx';
import { formatNumber, formatSigned } from '../lib/format.ts';
import {
  commitBlockers,
  commitReasons,
  NEEDS_REASON,
  previewLines,
  problemIndexBuild,
  problemRawText,
  problemsAt,
  type PreviewLine,
  REASON_FIELD,
  reasonRowsRequired,
  ROW_FIELD,
  rowKey,
} from '../lib/import-problems.ts';
import { LinkButton } from '../router/router.tsx';
import { usePlan } from '../plan/plan-context.tsx';

type Step = 'template' | 'upload' | 'preview' | 'done';
const STEPS: Step[] = ['template', 'upload', 'preview', 'done'];
const ACCEPT = ['.xlsx', '.csv'];

export default function ImportPage() {
  const { t, lang } = useI18n();
  const errorText = useErrorText();
  const { labels } = usePlan();
  const choice = useRoundChoice(true);
  const round = choice.round;
  const [step, setStep] = useState<Step>('template');
  const [uploading, setUploading] = useState<string>();
  const [preview, setPreview] = useState<UploadPreview>();
  const [reasons, setReasons] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<unknown>();
  const [committing, setCommitting] = useState(false);
  const [submitted, setSubmitted] = useState(0);
  const [dragOver, setDragOver] = useState(false);

  // Another round starts the wizard again.
  useEffect(() => {
    setStep('template');
    setPreview(undefined);
    setFailure(undefined);
  }, [round?.id]);

  const errors = useMemo(() => problemIndexBuild(preview?.errors ?? []), [preview]);
  const warnings = useMemo(() => problemIndexBuild(preview?.warnings ?? []), [preview]);
  const lines = useMemo(
    () => (preview ? previewLines(preview.rows, [...preview.errors, ...preview.warnings]) : []),
    [preview],
  );
  const reasonRows = useMemo(
    () => new Set(reasonRowsRequired(preview?.errors ?? []).map((r) => rowKey(r.sheet, r.row))),
    [preview],
  );
  const blockers = preview ? commitBlockers(preview.errors, reasons) : [];
  const onlyReasons = preview !== undefined && preview.errors.every((e) => e.kind === NEEDS_REASON);

  const upload = async (file: File) => {
    if (!round) return;
    setFailure(undefined);
    if (!ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext))) {
      setFailure(new Error(t('import.upload.wrongType')));
      return;
    }
    setUploading(file.name);
    try {
      const p = await api.rounds.upload(round.id, file);
      setPreview(p);
      setReasons(new Map(p.rows.filter((r) => r.reason).map((r) => [rowKey(r.sheet, r.row), r.reason!])));
      setStep('preview');
    } catch (e) {
      const p = e instanceof ApiError ? previewOfError(e.details) : undefined;
      if (p) {
        setPreview(p);
        setStep('preview');
      }
      setFailure(e);
    } finally {
      setUploading(undefined);
    }
  };

  const commit = async () => {
    if (!preview || preview.id === null) return;
    setCommitting(true);
    setFailure(undefined);
    try {
      const result = await api.uploads.commit(preview.id, commitReasons(preview.errors, reasons));
      setSubmitted(result.submitted);
      setStep('done');
    } catch (e) {
      // All or nothing: a refused commit wrote nothing; its details hold the preview as checked now.
      const p = e instanceof ApiError ? previewOfError(e.details) : undefined;
      if (p) setPreview({ ...p, id: p.id ?? preview.id });
      setFailure(e);
    } finally {
      setCommitting(false);
    }
  };

  const restart = () => {
    setPreview(undefined);
    setReasons(new Map());
    setFailure(undefined);
    setStep('upload');
  };

  const dropped = (e: DragEvent<HTMLLabelElement>) => {
    e.preventDefault();
    setDragOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void upload(file);
  };

  const cell = (l: PreviewLine, at: string, content: ReactNode) => (
    <ProblemCell
      problems={problemsAt(errors, l.sheet, l.row, at)}
      warnings={problemsAt(warnings, l.sheet, l.row, at)}
      testId={`preview-error-${l.row}-${at}`}
    >
      {content}
    </ProblemCell>
  );
  const decimals = (code: string) => labels.indicator(code)?.decimals ?? 2;
  const multiSheet = new Set(preview?.rows.map((r) => r.sheet)).size > 1;

  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  /** A column of a parsed row's field; a row the server could not read shows what the cell held, or a dash. */
  const field = (
    key: string,
    title: string,
    content: (r: PreviewRow) => ReactNode,
    options: { align?: 'right'; problemField?: string } = {},
  ) => ({
    title,
    key,
    ...(options.align ? { align: options.align } : {}),
    render: (_: unknown, l: PreviewLine) => {
      const at = options.problemField ?? key;
      if (!l.unread) return cell(l, at, content(l));
      const raw = problemRawText(problemsAt(errors, l.sheet, l.row, at));
      return cell(l, at, raw === undefined ? dash : <span>{raw}</span>);
    },
  });

  const rowColumns = [
    {
      title: t('import.preview.row'),
      key: 'row',
      width: multiSheet ? 140 : 70,
      render: (_: unknown, l: PreviewLine) =>
        cell(l, ROW_FIELD, multiSheet && l.sheet ? `${l.sheet} · ${l.row}` : l.row),
    },
    field('indicator', t('common.indicator'), (r) => (
      <Space orientation="vertical" size={0}>
        <span>{r.indicatorName ?? labels.indicatorName(r.indicator)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.indicator}
        </Typography.Text>
      </Space>
    )),
    field('region', t('common.region'), (r) => r.regionName ?? labels.regionName(r.region)),
    field('period', t('common.period'), (r) => r.period),
    field(
      'value',
      t('common.value'),
      (r) => <span className="ding-num">{formatNumber(r.value, decimals(r.indicator), lang)}</span>,
      { align: 'right' },
    ),
    field('unit', t('common.unit'), (r) => r.unit ?? ''),
    field('lastYear', t('common.lastYear'), (r) => formatNumber(r.lastYear, decimals(r.indicator), lang), {
      align: 'right',
    }),
    field(
      'yoy',
      t('review.yoy'),
      (r) =>
        r.yoy === undefined ? '—' : `${formatSigned(r.yoy, 1)}${r.yoyMeasure === 'points' ? 'pp' : '%'}`,
      { align: 'right' },
    ),
    field('note', t('common.note'), (r) => r.note ?? ''),
    {
      title: t('entry.reason'),
      key: 'reason',
      width: 220,
      render: (_: unknown, l: PreviewLine) => {
        const k = rowKey(l.sheet, l.row);
        if (!reasonRows.has(k)) return l.unread ? '' : (l.reason ?? '');
        return cell(
          l,
          REASON_FIELD,
          <Input
            placeholder={t('import.preview.reasonPlaceholder')}
            value={reasons.get(k) ?? ''}
            onChange={(e) => setReasons((prev) => new Map(prev).set(k, e.target.value))}
            status={(reasons.get(k) ?? '').trim() ? undefined : 'error'}
            data-testid={`reason-input-${l.row}`}
          />,
        );
      },
    },
  ];

  const problemColumns = [
    { title: t('import.preview.file'), dataIndex: 'file', key: 'file' },
    {
      title: t('import.preview.sheet'),
      key: 'sheet',
      render: (_: unknown, p: ImportProblem) => p.sheet ?? '—',
    },
    { title: t('import.preview.row'), key: 'row', render: (_: unknown, p: ImportProblem) => p.row ?? '—' },
    {
      title: t('import.preview.column'),
      key: 'column',
      render: (_: unknown, p: ImportProblem) => p.column ?? '—',
    },
    {
      title: t('import.preview.problem'),
      key: 'message',
      render: (_: unknown, p: ImportProblem) => (
        <span data-testid="preview-error-item" data-kind={p.kind}>
          {p.message[lang]}
        </span>
      ),
    },
  ];

  const current = STEPS.indexOf(step);
  let body: ReactNode;
  switch (step) {
    case 'template':
      body = (
        <Space orientation="vertical" size="large">
          <Typography.Paragraph style={{ maxWidth: 720, marginBottom: 0 }}>
            {t('import.template.text')}
          </Typography.Paragraph>
          <Space>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              href={round ? api.rounds.templateUrl(round.id) : undefined}
              download
              disabled={!round}
              data-testid="template-download"
            >
              {t('import.template.download')}
            </Button>
            <Button onClick={() => setStep('upload')} disabled={!round} data-testid="import-next">
              {t('import.next')}
            </Button>
          </Space>
        </Space>
      );
      break;
    case 'upload':
      body = (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <label
            className={`ding-dropzone${dragOver ? ' ding-dropzone-over' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragOver(true);
            }}
            onDragLeave={() => setDragOver(false)}
            onDrop={dropped}
            data-testid="upload-dropzone"
          >
            <input
              type="file"
              accept={`${ACCEPT.join(',')},application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv`}
              disabled={!round || uploading !== undefined}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = ''; // the same file can be chosen again after fixing it
                if (file) void upload(file);
              }}
              data-testid="upload-input"
            />
            {uploading ? (
              <Spin description={t('import.upload.uploading', { name: uploading })}>
                <div style={{ height: 64 }} />
              </Spin>
            ) : (
              <>
                <InboxOutlined style={{ fontSize: 40, color: '#b8322a' }} />
                <p>{t('import.upload.text')}</p>
                <Typography.Text type="secondary">{t('import.upload.hint')}</Typography.Text>
              </>
            )}
          </label>
          <Button onClick={() => setStep('template')}>{t('import.back')}</Button>
        </Space>
      );
      break;
    case 'preview':
      body = preview && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {preview.ok ? (
            <Alert type="success" showIcon title={t('import.preview.ok', { n: preview.rows.length })} />
          ) : onlyReasons ? (
            <Alert type="warning" showIcon title={t('import.preview.reasonsOnly', { n: reasonRows.size })} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('import.preview.errors', { n: preview.errors.length })}
              data-testid="preview-summary"
            />
          )}
          {preview.errors.length > 0 && (
            <Card size="small" title={`${t('import.preview.errorList')} · ${preview.fileName}`}>
              <Table<ImportProblem>
                size="small"
                rowKey={(_, i) => String(i)}
                dataSource={preview.errors}
                columns={problemColumns}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                data-testid="preview-errors"
              />
            </Card>
          )}
          {preview.warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('import.preview.warnings', { n: preview.warnings.length })}
              description={
                <ul style={{ margin: 0 }}>
                  {preview.warnings.map((w, i) => (
                    <li key={i}>{w.message[lang]}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Card size="small" title={t('import.preview.rows')}>
            <Table<PreviewLine>
              size="small"
              rowKey={(r) => rowKey(r.sheet, r.row)}
              dataSource={lines}
              columns={rowColumns}
              rowClassName={(r) => (errors.rows.has(rowKey(r.sheet, r.row)) ? 'ding-row-error' : '')}
              pagination={{
                pageSize: 100,
                hideOnSinglePage: true,
                showTotal: (n) => t('common.total', { n }),
              }}
              scroll={{ x: 1100 }}
              data-testid="preview-table"
            />
          </Card>
          <Typography.Text type="secondary">{t('import.commit.allOrNothing')}</Typography.Text>
          <Space>
            <Button icon={<ReloadOutlined />} onClick={restart} data-testid="upload-again">
              {t('import.reupload')}
            </Button>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={committing}
              disabled={blockers.length > 0 || preview.id === null}
              onClick={() => void commit()}
              data-testid="commit-button"
            >
              {t('import.commit')}
            </Button>
            {blockers.length > 0 && (
              <Tag color="error" data-testid="commit-blocked">
                {t('import.commit.blocked', { n: blockers.length })}
              </Tag>
            )}
          </Space>
        </Space>
      );
      break;
    case 'done':
      body = (
        <Result
          status="success"
          title={t('import.done.title', { n: submitted })}
          subTitle={t('import.done.text')}
          data-testid="commit-done"
          extra={[
            <Button key="again" onClick={restart}>
              {t('import.done.again')}
            </Button>,
            <LinkButton key="tasks" type="primary" to="/tasks">
              {t('import.done.tasks')}
            </LinkButton>,
          ]}
        />
      );
      break;
  }

  return (
    <>
      <PageHeader title={t('import.title')} extra={<RoundSelect choice={choice} />} />
      <ErrorAlert error={choice.error} onRetry={choice.reload} />
      <Card>
        <Steps
          current={current}
          className="ding-gap"
          items={STEPS.map((s) => ({ title: t(`import.step.${s}`) }))}
        />
        {failure !== undefined && (
          <Alert
            type="error"
            showIcon
            className="ding-gap"
            title={step === 'preview' ? t('import.commit.failed') : errorText(failure)}
            description={step === 'preview' ? errorText(failure) : undefined}
            data-testid="import-failure"
          />
        )}
        {!round && !choice.loading ? <Alert type="info" showIcon title={t('common.noOpenRound')} /> : body}
      </Card>
    </>
  );
}
