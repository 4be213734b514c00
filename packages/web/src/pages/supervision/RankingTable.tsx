// 单位排名: the lead units ranked by 按时反馈率 (the overview's ranking, core's unitTimeliness), with the
// reports due, on time, late and missing, and their overdue and red items beside the rate.
import { Table, Typography } from 'antd';
import type { SupervisionOverview } from '@ding/core';
import { useI18n } from '../../i18n/language.tsx';
import { testIdProps } from '../../lib/test-id.ts';

type Row = SupervisionOverview['ranking'][number];

export function RankingTable({ ranking, loading }: { ranking: Row[]; loading: boolean }) {
  const { t } = useI18n();
  const num = (pick: (r: Row) => number) => ({
    align: 'right' as const,
    render: (_: unknown, r: Row) => <span className="ding-num">{pick(r)}</span>,
  });
  const columns = [
    {
      title: t('sv.rank.rank'),
      key: 'rank',
      width: 64,
      render: (_: unknown, r: Row) => r.rank ?? '—',
    },
    { title: t('sv.rank.unit'), key: 'unit', render: (_: unknown, r: Row) => r.name },
    { title: t('sv.rank.items'), key: 'items', ...num((r) => r.items) },
    { title: t('sv.rank.due'), key: 'due', ...num((r) => r.reportsDue) },
    { title: t('sv.rank.onTime'), key: 'onTime', ...num((r) => r.onTime) },
    { title: t('sv.rank.late'), key: 'late', ...num((r) => r.late) },
    { title: t('sv.rank.missing'), key: 'missing', ...num((r) => r.missing) },
    {
      title: t('sv.rank.rate'),
      key: 'rate',
      align: 'right' as const,
      render: (_: unknown, r: Row) => (
        <strong className="ding-num" data-testid={`sv-rank-rate-${r.unit}`}>
          {r.onTimeRate === undefined ? '—' : `${r.onTimeRate.toFixed(1)}%`}
        </strong>
      ),
    },
    {
      title: t('sv.rank.overdue'),
      key: 'overdue',
      align: 'right' as const,
      render: (_: unknown, r: Row) =>
        r.overdueItems > 0 ? <Typography.Text type="danger">{r.overdueItems}</Typography.Text> : 0,
    },
    {
      title: t('sv.rank.red'),
      key: 'red',
      align: 'right' as const,
      render: (_: unknown, r: Row) =>
        r.redItems > 0 ? <Typography.Text type="danger">{r.redItems}</Typography.Text> : 0,
    },
  ];
  return (
    <Table<Row>
      size="small"
      rowKey="unit"
      loading={loading}
      dataSource={ranking}
      columns={columns}
      pagination={false}
      scroll={{ x: 800 }}
      onRow={(r) => testIdProps(`sv-rank-${r.unit}`)}
      data-testid="sv-ranking"
    />
  );
}
