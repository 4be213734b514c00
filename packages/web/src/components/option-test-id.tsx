// Test ids on the options of a dropdown only (not on the selected value shown in the box, which would
// repeat the id): `<select test id>-option-<value>`, e.g. period-select-option-2025Q4.
import type { ReactNode } from 'react';

export function optionWithTestId(selectTestId: string) {
  return (option: { value?: unknown; label?: ReactNode }) => (
    <span data-testid={`${selectTestId}-option-${String(option.value)}`}>{option.label}</span>
  );
}
