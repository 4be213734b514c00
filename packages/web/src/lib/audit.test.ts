import { describe, expect, it } from 'vitest';
import { auditChanges, auditValueText } from './audit.ts';

describe('audit changes', () => {
  it('lists only the fields that changed, old → new', () => {
    expect(
      auditChanges(
        { value: 120, revision: 1, vintage: 'flash' },
        { value: 125, revision: 2, vintage: 'flash' },
      ),
    ).toEqual([
      { field: 'value', old: 120, new: 125 },
      { field: 'revision', old: 1, new: 2 },
    ]);
  });

  it('shows a created entity (no old value) as one change of the whole value', () => {
    expect(auditChanges(null, { username: 'town-330282004' })).toEqual([
      { field: '', old: null, new: { username: 'town-330282004' } },
    ]);
  });

  it('puts the fields both sides have first, then added, then removed ones', () => {
    expect(auditChanges({ id: 'o1', value: 196.65 }, { value: 150.2, indicator: 'gdp' })).toEqual([
      { field: 'value', old: 196.65, new: 150.2 },
      { field: 'indicator', old: undefined, new: 'gdp' },
      { field: 'id', old: 'o1', new: undefined },
    ]);
  });

  it('prints nothing as ∅ and cuts long JSON', () => {
    expect(auditValueText(null)).toBe('∅');
    expect(auditValueText(4.35)).toBe('4.35');
    expect(auditValueText({ values: { '2026': 4.35 } })).toBe('{"values":{"2026":4.35}}');
    expect(auditValueText('x'.repeat(100), 10)).toBe('xxxxxxxxx…');
  });
});
