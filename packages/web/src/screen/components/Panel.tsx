// A framed panel of the wall: a title strip with cyan corner marks, an optional tool on the right.
import type { ReactNode } from 'react';

export function Panel({
  title,
  extra,
  className,
  testId,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  className?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <header className="panel-head">
        <h2 className="panel-title">{title}</h2>
        {extra && <div className="panel-extra">{extra}</div>}
      </header>
      <div className="panel-body">{children}</div>
      <i className="corner tl" aria-hidden />
      <i className="corner tr" aria-hidden />
      <i className="corner bl" aria-hidden />
      <i className="corner br" aria-hidden />
    </section>
  );
}
