// 数据填报: an editable grid of my figures for a round (value, note, reason) beside unit, last period and
// last year; submitted through PUT /rounds/:id/values. Problems come back located and are shown on the
// cells (red, with the reason in a tooltip); nothing is written unless every row passes.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Input, InputNumber, Space, Table, Tooltip, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { ApiError } from '../api/errors.ts';
import { api, previewOfError } from '../api/endpoints.ts';
import type { GridRow, ImportProblem, RoundTask, UploadPreview } from '../api/types.ts';
import { ErrorAlert, useErrorText } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { ProblemCell } from '../components/ProblemCell.tsx';
import { RoundSelect, useRoundChoice } from '../components/selectors.tsx';
import { TaskStatusTag } from '../components/tags.tsx';
import { useI18n } from '../i18n/language.tsx';
import { draftChanged, draftsInit, gridRowsToSend, taskEditable, type Draft } from '../lib/entry-grid.ts';
import { formatNumber } from '../lib/format.ts';
import {
  figureKey,
  gridProblemsPlace,
  REASON_FIELD,
  ROW_FIELD,
  type GridProblems,
} from '../lib/import-problems.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';

interface Checked {
  preview: UploadPreview;
  sent: GridRow[];
}

const NONE: GridProblems = { figures: new Map(), unplaced: [] };

export default function EntryPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { labels } = usePlan();
  const choice = useRoundChoice(true);
  const round = choice.round;
  const tasks = useAsync(() => api.rounds.tasks(round!.id), [round?.id], round !== undefined);
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [checked, setChecked] = useState<Checked>();
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDrafts(draftsInit(tasks.data ?? []));
    setChecked(undefined);
    setFailure(undefined);
  }, [tasks.data]);

  const errors = useMemo(
    () => (checked ? gridProblemsPlace(checked.preview.errors, checked.preview.rows, checked.sent) : NONE),
    [checked],
  );
  const warnings = useMemo(
    () => (checked ? gridProblemsPlace(checked.preview.warnings, checked.preview.rows, checked.sent) : NONE),
    [checked],
  );
  const errorCount = checked?.preview.errors.length ?? 0;
  const rows = tasks.data ?? [];
  const changed = rows.filter((r) => {
    const d = drafts.get(figureKey(r.indicator, r.region));
    return d !== undefined && draftChanged(r, d);
  }).length;

  const setDraft = (task: RoundTask, patch: Partial<Draft>) =>
    setDrafts((prev) => {
      const next = new Map(prev);
      const k = figureKey(task.indicator, task.region);
      next.set(k, { ...(prev.get(k) ?? { value: null, note: '', reason: '' }), ...patch });
      return next;
    });

  const submit = async () => {
    if (!round) return;
    const sent = gridRowsToSend(rows, drafts);
    if (sent.length === 0) {
      void message.info(t('entry.nothing'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await api.rounds.putValues(round.id, sent);
      if (result.preview && !result.preview.ok) {
        setChecked({ preview: result.preview, sent });
      } else {
        void message.success(t('entry.submitted', { n: result.submitted }));
        tasks.reload();
      }
    } catch (e) {
      // A refusal (out of scope, nothing to submit) may still carry the checked preview: show it on the cells.
      const preview = e instanceof ApiError ? previewOfError(e.details) : undefined;
      if (preview) setChecked({ preview, sent });
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const problemsOf = (set: GridProblems, task: RoundTask, field: string): ImportProblem[] =>
    set.figures.get(figureKey(task.indicator, task.region))?.get(field) ?? [];
  const cell = (task: RoundTask, field: string, content: ReactNode) => (
    <ProblemCell
      problems={problemsOf(errors, task, field)}
      warnings={problemsOf(warnings, task, field)}
      testId={`entry-error-${task.indicator}-${task.region}-${field}`}
    >
      {content}
    </ProblemCell>
  );
  const decimals = (r: RoundTask) => r.decimals ?? labels.indicator(r.indicator)?.decimals ?? 2;

  const columns = [
    {
      title: t('common.indicator'),
      key: 'indicator',
      width: 260,
      render: (_: unknown, r: RoundTask) =>
        cell(
          r,
          ROW_FIELD,
          <Space orientation="vertical" size={0}>
            <span>{r.indicatorName ?? labels.indicatorName(r.indicator)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.indicator} · {r.period}
            </Typography.Text>
          </Space>,
        ),
    },
    {
      title: t('common.region'),
      key: 'region',
      render: (_: unknown, r: RoundTask) => cell(r, 'region', r.regionName ?? labels.regionName(r.region)),
    },
    { title: t('common.unit'), key: 'unit', render: (_: unknown, r: RoundTask) => cell(r, 'unit', r.unit) },
    {
      title: t('common.lastPeriod'),
      key: 'lastPeriod',
      align: 'right' as const,
      render: (_: unknown, r: RoundTask) => formatNumber(r.lastPeriod, decimals(r), lang),
    },
    {
      title: t('common.lastYear'),
      key: 'lastYear',
      align: 'right' as const,
      render: (_: unknown, r: RoundTask) => formatNumber(r.lastYear, decimals(r), lang),
    },
    {
      title: t('common.value'),
      key: 'value',
      width: 160,
      render: (_: unknown, r: RoundTask) => {
        const d = drafts.get(figureKey(r.indicator, r.region));
        const input = (
          <InputNumber
            style={{ width: '100%' }}
            value={d?.value ?? null}
            disabled={!taskEditable(r)}
            onChange={(v) => setDraft(r, { value: typeof v === 'number' ? v : null })}
            status={problemsOf(errors, r, 'value').length ? 'error' : undefined}
            aria-label={`${labels.indicatorName(r.indicator)} ${labels.regionName(r.region)}`}
            data-testid={`entry-value-${r.indicator}-${r.region}`}
          />
        );
        return cell(
          r,
          'value',
          taskEditable(r) ? input : <Tooltip title={t('entry.readonly')}>{input}</Tooltip>,
        );
      },
    },
    {
      title: t('common.note'),
      key: 'note',
      width: 180,
      render: (_: unknown, r: RoundTask) =>
        cell(
          r,
          'note',
          <Input
            value={drafts.get(figureKey(r.indicator, r.region))?.note ?? ''}
            disabled={!taskEditable(r)}
            onChange={(e) => setDraft(r, { note: e.target.value })}
            data-testid={`entry-note-${r.indicator}-${r.region}`}
          />,
        ),
    },
    {
      title: t('entry.reason'),
      key: 'reason',
      width: 200,
      render: (_: unknown, r: RoundTask) =>
        cell(
          r,
          REASON_FIELD,
          <Input
            value={drafts.get(figureKey(r.indicator, r.region))?.reason ?? ''}
            disabled={!taskEditable(r)}
            onChange={(e) => setDraft(r, { reason: e.target.value })}
            status={problemsOf(errors, r, REASON_FIELD).length ? 'error' : undefined}
            data-testid={`entry-reason-${r.indicator}-${r.region}`}
          />,
        ),
    },
    {
      title: t('common.status'),
      key: 'status',
      render: (_: unknown, r: RoundTask) => (
        <Space orientation="vertical" size={0}>
          <TaskStatusTag status={r.status} />
          {r.comment && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {r.comment}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('entry.title')}
        extra={
          <>
            <RoundSelect choice={choice} />
            {changed > 0 && (
              <Typography.Text type="warning">{t('entry.dirty', { n: changed })}</Typography.Text>
            )}
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy}
              disabled={!round || rows.length === 0}
              onClick={() => void submit()}
              data-testid="entry-submit"
            >
              {t('entry.submit')}
            </Button>
          </>
        }
      />
      <Alert type="info" showIcon title={t('entry.hint')} className="ding-gap" />
      <ErrorAlert error={choice.error ?? tasks.error} onRetry={choice.error ? choice.reload : tasks.reload} />
      {failure !== undefined && !checked && <ErrorAlert error={failure} />}
      {checked && errorCount > 0 && (
        <Alert
          type="error"
          showIcon
          className="ding-gap"
          data-testid="entry-errors"
          title={failure ? errorText(failure) : t('entry.hasErrors', { n: errorCount })}
          description={
            errors.unplaced.length > 0 && (
              <>
                {t('entry.unplaced')}
                <ul style={{ margin: 0 }}>
                  {errors.unplaced.map((p, i) => (
                    <li key={i}>{p.message[lang]}</li>
                  ))}
                </ul>
              </>
            )
          }
        />
      )}
      <Table<RoundTask>
        size="small"
        rowKey={(r) => figureKey(r.indicator, r.region)}
        loading={tasks.loading}
        dataSource={rows}
        columns={columns}
        rowClassName={(r) => (errors.figures.has(figureKey(r.indicator, r.region)) ? 'ding-row-error' : '')}
        pagination={{ pageSize: 100, hideOnSinglePage: true, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: round ? t('tasks.empty') : t('common.noOpenRound') }}
        scroll={{ x: 1200 }}
        data-testid="entry-table"
      />
    </>
  );
}
