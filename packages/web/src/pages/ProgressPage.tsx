// 进度: the engine's progress table for published data — value, target, completion, 序时进度, gap, YoY,
// rank, status, projection and required growth — by period and region, with CSV/XLSX of the same query.
// Every value opens how it was computed and the records it came from (可溯).
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type SelectProps,
} from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, DownloadOutlined } from '@ant-design/icons';
import {
  PROGRESS_COLUMNS,
  progressRankText,
  progressRecords,
  progressRequiredGrowthText,
  progressYoyText,
  type Period,
  type ProgressRecord,
  type ProgressRow,
} from '@ding/core';
import { useDataStatus } from '../app/data-status.tsx';
import { api, type ProgressQuery } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { optionWithTestId } from '../components/option-test-id.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PeriodSelect } from '../components/selectors.tsx';
import { StatusTag } from '../components/tags.tsx';
import { useI18n } from '../i18n/language.tsx';
import { formatNumber } from '../lib/format.ts';
import { periodCollectingText, periodShortLabel } from '../lib/periods.ts';
import {
  progressHasSynthetic,
  progressRowsShown,
  regionChoiceRegions,
  regionParts,
  regionTowns,
  rowSpans,
  type RegionChoice,
} from '../lib/progress-view.ts';
import { useAsync } from '../lib/use-async.ts';
import { usePlan } from '../plan/plan-context.tsx';
import { useQueryParam } from '../router/router.tsx';
import { ValueDrawer } from './progress/ValueDrawer.tsx';

interface Line {
  row: ProgressRow;
  record: ProgressRecord;
  span: number;
}

export default function ProgressPage() {
  const { t, lang } = useI18n();
  const { plan, labels } = usePlan();
  const { currentPeriod, collecting, status, reportSynthetic } = useDataStatus();
  const [periodParam, setPeriod] = useQueryParam('period');
  const [regionParam, setRegion] = useQueryParam('region');
  const [coreParam, setCore] = useQueryParam('core');
  const [openedKey, setOpenedKey] = useState<string>();

  const period = (periodParam ?? currentPeriod) as Period | undefined;
  const choice: RegionChoice = regionParam ?? 'parts';
  const coreOnly = coreParam === '1';
  const regions = useMemo(
    () => (period ? regionChoiceRegions(plan, period, choice) : []),
    [plan, period, choice],
  );
  const query: ProgressQuery | undefined = period ? { period, regions, core: coreOnly, lang } : undefined;
  const rows = useAsync(
    () => api.progress.rows(query!),
    [period, regions.join(','), coreOnly, lang],
    !!query,
  );

  const lines = useMemo<Line[]>(() => {
    // A row of an indicator this plan version does not know cannot be labelled: leave it out.
    const known = progressRowsShown(plan, rows.data ?? [], coreOnly).filter((r) =>
      labels.indicator(r.indicator),
    );
    const records = progressRecords(plan, known, lang);
    const spans = rowSpans(known.map((r) => r.indicator));
    return known.map((row, i) => ({ row, record: records[i]!, span: spans[i]! }));
  }, [plan, labels, rows.data, coreOnly, lang]);
  const synthetic = progressHasSynthetic(rows.data ?? []);
  // The drawer follows the row by key, so a revision made in it shows once the table reloads.
  const lineKey = (l: Line) => `${l.row.indicator}|${l.row.region}`;
  const opened = openedKey === undefined ? undefined : lines.find((l) => lineKey(l) === openedKey);
  const setOpened = (l: Line | undefined) => setOpenedKey(l && lineKey(l));

  useEffect(() => {
    if (rows.data) reportSynthetic(synthetic);
  }, [rows.data, synthetic, reportSynthetic]);

  const regionOptions = useMemo<SelectProps['options']>(() => {
    const opt = (value: string, label: string) => ({
      value,
      label,
      search: `${value} ${label}`,
    });
    return [
      {
        label: t('progress.groups'),
        options: [
          opt('parts', t('progress.parts')),
          ...regionParts(plan).map((code) => opt(code, labels.regionName(code))),
          opt('towns', t('progress.towns')),
        ],
      },
      {
        label: t('progress.townGroup'),
        options: period ? regionTowns(plan, period).map((code) => opt(code, labels.regionName(code))) : [],
      },
    ];
  }, [plan, labels, period, t]);

  // Column titles are the exports' (core's PROGRESS_COLUMNS), so the screen and the downloaded file agree.
  const label = (key: keyof ProgressRecord) =>
    PROGRESS_COLUMNS.find((c) => c.key === key)?.label[lang] ?? key;
  const decimalsOf = (r: ProgressRow) => labels.indicator(r.indicator)?.decimals ?? 2;
  const numeric = (key: keyof ProgressRecord, title: string, d?: (l: Line) => number) => ({
    title,
    key,
    align: 'right' as const,
    render: (_: unknown, l: Line) => {
      const v = l.record[key];
      return typeof v === 'number' ? (
        <span className="ding-num">{formatNumber(v, d ? d(l) : decimalsOf(l.row), lang)}</span>
      ) : (
        (v ?? '—') || '—'
      );
    },
  });

  const columns = [
    {
      title: label('indicatorName'),
      key: 'indicator',
      width: 220,
      fixed: 'left' as const,
      onCell: (l: Line) => ({ rowSpan: l.span }),
      render: (_: unknown, l: Line) => (
        <Space orientation="vertical" size={0}>
          <span>
            {l.record.indicatorName}
            {labels.indicator(l.row.indicator)?.core && (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {t('indicators.core')}
              </Tag>
            )}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {l.row.indicator} · {l.row.unit}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: label('regionName'),
      key: 'region',
      width: 110,
      render: (_: unknown, l: Line) => l.record.regionName,
    },
    {
      title: label('value'),
      key: 'value',
      align: 'right' as const,
      render: (_: unknown, l: Line) =>
        l.row.value ? (
          <Tooltip title={t('progress.clickHint')}>
            <Button
              type="link"
              className="ding-value-link"
              onClick={() => setOpened(l)}
              data-testid={`value-${l.row.indicator}-${l.row.region}`}
            >
              {formatNumber(l.row.value.value, decimalsOf(l.row), lang)}
              {l.row.value.synthetic && <sup className="ding-synthetic-mark">{t('progress.synthetic')}</sup>}
            </Button>
          </Tooltip>
        ) : (
          <Button
            type="link"
            className="ding-value-link"
            onClick={() => setOpened(l)}
            data-testid={`value-${l.row.indicator}-${l.row.region}`}
          >
            —
          </Button>
        ),
    },
    numeric('target', label('target')),
    numeric('completion', label('completion'), () => 1),
    numeric('expected', label('expected')),
    numeric('gapToExpected', label('gapToExpected')),
    {
      title: label('yoy'),
      key: 'yoy',
      align: 'right' as const,
      render: (_: unknown, l: Line) => <span className="ding-num">{progressYoyText(l.record) || '—'}</span>,
    },
    {
      title: label('rank'),
      key: 'rank',
      align: 'center' as const,
      render: (_: unknown, l: Line) => {
        const set = l.row.rank && plan.peerSets.find((p) => p.code === l.row.rank!.peerSet);
        const rank = progressRankText(l.record);
        return rank ? <Tooltip title={set?.name[lang]}>{rank}</Tooltip> : '—';
      },
    },
    {
      title: label('status'),
      key: 'status',
      render: (_: unknown, l: Line) => <StatusTag status={l.row.status} />,
    },
    {
      title: label('projection2026'),
      key: 'projection',
      align: 'right' as const,
      render: (_: unknown, l: Line) =>
        l.row.projection ? (
          <Tooltip
            title={l.row.projection.willMeet ? t('progress.projectionMeets') : t('progress.projectionMisses')}
          >
            <Space size={4}>
              <span className="ding-num">
                {formatNumber(l.record.projection2026, decimalsOf(l.row), lang)}
              </span>
              {l.row.projection.willMeet ? (
                <CheckCircleTwoTone twoToneColor="#52c41a" />
              ) : (
                <CloseCircleTwoTone twoToneColor="#ff4d4f" />
              )}
            </Space>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    numeric('target2026', label('target2026')),
    {
      title: label('requiredGrowth'),
      key: 'requiredGrowth',
      align: 'right' as const,
      render: (_: unknown, l: Line) => progressRequiredGrowthText(l.record) || '—',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('progress.title')}
        extra={
          <>
            <PeriodSelect value={period} onChange={(p) => setPeriod(p)} />
            <Select
              style={{ width: 200 }}
              value={choice}
              onChange={(v: string) => setRegion(v === 'parts' ? undefined : v)}
              options={regionOptions}
              showSearch={{ optionFilterProp: 'search' }}
              aria-label={t('progress.region')}
              optionRender={optionWithTestId('region-select')}
              data-testid="region-select"
            />
            <Space size={6}>
              <Switch
                checked={coreOnly}
                onChange={(on) => setCore(on ? '1' : undefined)}
                data-testid="core-toggle"
              />
              <span>{t('progress.coreOnly')}</span>
            </Space>
            <Button
              icon={<DownloadOutlined />}
              href={query ? api.progress.csvUrl(query) : undefined}
              disabled={!query}
              data-testid="progress-csv"
            >
              CSV
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={query ? api.progress.xlsxUrl(query) : undefined}
              disabled={!query}
              data-testid="progress-xlsx"
            >
              XLSX
            </Button>
          </>
        }
      />
      {period &&
        (collecting?.period === period ||
          (status?.basis === 'latest_with_data' && status.coverage?.period === period)) && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="period-collecting"
            message={periodCollectingText(
              collecting?.period === period ? collecting : status!.coverage!,
              lang,
            )}
            description={
              currentPeriod && currentPeriod !== period
                ? t('progress.collectingHint', { current: periodShortLabel(currentPeriod, lang) })
                : undefined
            }
          />
        )}
      {synthetic && (
        <Typography.Paragraph>
          <Tag color="warning">{t('app.synthetic')}</Tag>
          <Typography.Text type="secondary">{t('app.syntheticHint')}</Typography.Text>
        </Typography.Paragraph>
      )}
      <ErrorAlert error={rows.error} onRetry={rows.reload} />
      <Table<Line>
        size="small"
        bordered
        rowKey={lineKey}
        loading={rows.loading || !period}
        dataSource={lines}
        columns={columns}
        pagination={false}
        scroll={{ x: 1500 }}
        sticky
        locale={{ emptyText: t('progress.noData') }}
        footer={() => (
          <Typography.Text type="secondary">
            {t('progress.rows', { n: lines.length })} · {t('progress.clickHint')}
          </Typography.Text>
        )}
        data-testid="progress-table"
      />
      <ValueDrawer
        row={opened?.row}
        record={opened?.record}
        onClose={() => setOpened(undefined)}
        onRevised={rows.reload}
      />
    </>
  );
}
