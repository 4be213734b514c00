// A titled small table without pagination: the 科技创新杯 drawer's dimensions and adjustments, the scheme's
// dimensions, bonus and deduction items all look alike.
import type { ReactNode } from 'react';
import { Table, Typography, type TableColumnsType } from 'antd';

export function CupTableSection<T extends object>({
  title,
  rows,
  rowKey,
  columns,
}: {
  title: ReactNode;
  rows: readonly T[];
  rowKey: keyof T & string;
  columns: TableColumnsType<T>;
}) {
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <Table<T> size="small" rowKey={rowKey} dataSource={[...rows]} columns={columns} pagination={false} />
    </div>
  );
}
