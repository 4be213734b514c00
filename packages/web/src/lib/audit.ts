// An audit entry's change in one line: the fields that differ between old and new, old → new.

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Top-level fields that changed (an added field has old undefined, a removed one new undefined).
 * When either side is not an object (a created entity has old null) the whole value is one change.
 */
export function auditChanges(oldValue: unknown, newValue: unknown): FieldChange[] {
  if (!isPlainObject(oldValue) || !isPlainObject(newValue)) {
    return same(oldValue, newValue) ? [] : [{ field: '', old: oldValue, new: newValue }];
  }
  const fields = [...new Set([...Object.keys(oldValue), ...Object.keys(newValue)])];
  return fields
    .filter((f) => !same(oldValue[f], newValue[f]))
    .map((f) => ({ field: f, old: oldValue[f], new: newValue[f] }));
}

/** A value in an audit cell: numbers and text as they are, anything else as compact JSON, none as '∅'. */
export function auditValueText(x: unknown, max = 80): string {
  if (x === undefined || x === null) return '∅';
  const s =
    typeof x === 'string'
      ? x
      : typeof x === 'number' || typeof x === 'boolean'
        ? String(x)
        : JSON.stringify(x);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
