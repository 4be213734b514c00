// 本镇（街道）年度目标: a town reporter's own annual targets on 我的任务 — for each indicator with a target
// for the town, the target (and where it comes from), and the current period's value, 完成率, 序时进度 and
// status; behind schedule first. A list, not a wide table, so it reads on a phone.
import { useMemo } from 'react';
import { Card, Col, Empty, List, Row, Space, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { periodOf, periodParse, type Period } from '@ding/core';
import { api } from '../../api/endpoints.ts';
import { useDataStatus } from '../../app/data-status.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { StatusTag } from '../../components/tags.tsx';
import { useI18n } from '../../i18n/language.tsx';
import { formatNumber } from '../../lib/format.ts';
import { periodShortLabel } from '../../lib/periods.ts';
import { townTargetLines, type TownTargetLine } from '../../lib/town-targets.ts';
import { useAsync } from '../../lib/use-async.ts';
import { usePlan } from '../../plan/plan-context.tsx';

export function TownTargetsCard({ region }: { region: string }) {
  const { t, lang } = useI18n();
  const { plan, labels } = usePlan();
  const { currentPeriod } = useDataStatus();
  const year = currentPeriod ? periodParse(currentPeriod).year : undefined;
  const yearPeriod: Period | undefined = year === undefined ? undefined : periodOf(year);
  const rows = useAsync(
    async () => {
      const query = (period: string) => ({ period, regions: [region], lang });
      const [yearRows, periodRows] = await Promise.all([
        api.progress.rows(query(yearPeriod!)),
        currentPeriod === yearPeriod ? undefined : api.progress.rows(query(currentPeriod!)),
      ]);
      return { yearRows, periodRows };
    },
    [region, currentPeriod, lang],
    currentPeriod !== undefined,
  );
  const lines = useMemo(
    () => (rows.data ? townTargetLines(plan, region, rows.data.yearRows, rows.data.periodRows) : []),
    [plan, region, rows.data],
  );

  // 2.84% but 89 家: a percent sign sits on its number.
  const withUnit = (v: number | null, l: TownTargetLine) =>
    v === null ? '—' : `${formatNumber(v, l.decimals, lang)}${l.unit === '%' ? '' : ' '}${l.unit}`;
  const figure = (label: string, text: string, testId: string) => (
    <Col xs={12} sm={6}>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {label}
      </Typography.Text>
      <span className="ding-num" data-testid={testId}>
        {text}
      </span>
    </Col>
  );

  return (
    <Card
      title={
        <Space>
          <AimOutlined />
          {t('tasks.targets.title')}
        </Space>
      }
      data-testid="town-targets"
    >
      {year !== undefined && currentPeriod && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
          {t('tasks.targets.period', { year, period: periodShortLabel(currentPeriod, lang) })}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={rows.error} onRetry={rows.reload} />
      <List<TownTargetLine>
        loading={rows.loading || currentPeriod === undefined}
        dataSource={lines}
        rowKey={(l) => l.indicator}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.targets.empty')} />,
        }}
        renderItem={(l) => (
          <List.Item data-testid={`town-target-${l.indicator}`}>
            <div style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginBottom: 6 }}>
                <strong>{labels.indicatorName(l.indicator)}</strong>
                <span>
                  <StatusTag status={l.status} />
                </span>
              </div>
              <Row gutter={[12, 6]}>
                {figure(
                  t('tasks.targets.target'),
                  `${l.comparator === '<=' ? '≤ ' : ''}${withUnit(l.target, l)}`,
                  'town-target-target',
                )}
                {figure(t('tasks.targets.value'), withUnit(l.value, l), 'town-target-value')}
                {figure(
                  t('tasks.targets.completion'),
                  l.completion === null ? '—' : `${formatNumber(l.completion, 1, lang)}%`,
                  'town-target-completion',
                )}
                {figure(t('tasks.targets.expected'), withUnit(l.expected, l), 'town-target-expected')}
              </Row>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
                {t('tasks.targets.source')}
                {lang === 'zh' ? '：' : ': '}
                {l.source}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
