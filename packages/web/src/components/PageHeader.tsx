// A page's title row: the title on the left, the page's main controls on the right.
import type { ReactNode } from 'react';
import { Typography } from 'antd';

export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="ding-toolbar">
      <Typography.Title level={3} className="ding-page-title" style={{ marginBottom: 0 }}>
        {title}
      </Typography.Title>
      <span className="ding-toolbar-spacer" />
      {extra}
    </div>
  );
}
