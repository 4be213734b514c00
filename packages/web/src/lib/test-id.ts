// data-testid for props objects typed as plain HTML attributes (table rows and cells from onRow/onCell).
import type { HTMLAttributes } from 'react';

export function testIdProps(id: string): HTMLAttributes<HTMLElement> {
  return { 'data-testid': id } as HTMLAttributes<HTMLElement>;
}
