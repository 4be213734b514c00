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
 * Top-level fields that changed: first those both sides have (value 120 → 125), then fields only the
 * new side has, then fields only the old side had. When either side is not an object (a created entity
 * has old null) the whole value is one change.
 */
export function auditChanges(oldValue: unknown, newValue: unknown): FieldChange[] {
  if (!isPlainObject(oldValue) || !isPlainObject(newValue)) {
    return same(oldValue, newValue) ? [] : [{ field: '', old: oldValue, new: newValue }];
  }
  const change = (f: string): FieldChange => ({ field: f, old: oldValue[f], new: newValue[f] });
  const both = Object.keys(oldValue).filter((f) => f in newValue && !same(oldValue[f], newValue[f]));
  const added = Object.keys(newValue).filter((f) => !(f in oldValue));
  const removed = Object.keys(oldValue).filter((f) => !(f in newValue));
  return [...both, ...added, ...removed].map(change);
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
