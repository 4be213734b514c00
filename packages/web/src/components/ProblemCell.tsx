// A table cell the server found a problem in: red tint and outline, every reason in a tooltip.
import type { ReactNode } from 'react';
import { Tooltip } from 'antd';
import type { ImportProblem } from '../api/types.ts';
import { useI18n } from '../i18n/language.tsx';

export function ProblemCell({
  problems,
  warnings = [],
  testId,
  children,
}: {
  problems: readonly ImportProblem[];
  warnings?: readonly ImportProblem[];
  /** Set on the highlighted cell only, e.g. preview-error-5-value. */
  testId?: string;
  children: ReactNode;
}) {
  const { lang } = useI18n();
  if (problems.length === 0 && warnings.length === 0) return <>{children}</>;
  const list = [...problems, ...warnings];
  const title = (
    <ul style={{ margin: 0, paddingInlineStart: 16 }}>
      {list.map((p, i) => (
        <li key={i}>{p.message[lang]}</li>
      ))}
    </ul>
  );
  const isError = problems.length > 0;
  return (
    <Tooltip title={title}>
      <div
        className={isError ? 'ding-cell-error' : 'ding-cell-warning'}
        data-testid={isError ? testId : undefined}
        data-error-kinds={list.map((p) => p.kind).join(' ')}
      >
        {children}
      </div>
    </Tooltip>
  );
}
