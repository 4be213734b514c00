// A number on the wall that can be clicked to see how it was computed (the trace panel).
import type { ReactNode } from 'react';
import type { TraceKey } from '@ding/core';
import { useScreen } from './context.ts';

export function Num({
  trace,
  testId,
  value,
  className,
  children,
  title,
}: {
  trace: TraceKey | null | undefined;
  testId?: string;
  /** The figure itself, for tests and tools (data-value). */
  value?: number | null;
  className?: string;
  children: ReactNode;
  title?: string;
}) {
  const { openTrace } = useScreen();
  const data = value === undefined || value === null ? {} : { 'data-value': String(value) };
  if (!trace)
    return (
      <span className={`num ${className ?? ''}`} data-testid={testId} title={title} {...data}>
        {children}
      </span>
    );
  return (
    <button
      type="button"
      className={`num num-link ${className ?? ''}`}
      data-testid={testId}
      title={title}
      {...data}
      onClick={(e) => {
        e.stopPropagation();
        openTrace(trace);
      }}
    >
      {children}
    </button>
  );
}
