import { describe, expect, it } from 'vitest';
import { auditChangeLine, auditChangeLines } from './audit.ts';

const value = {
  field: 'value',
  label: { zh: '数值', en: 'Value' },
  old: { zh: '120家', en: '120 家' },
  new: { zh: '125家', en: '125 家' },
};

describe('audit change lines', () => {
  it('says the field by its label, old → new, in the UI language', () => {
    expect(auditChangeLine(value, 'zh')).toBe('数值：120家 → 125家');
    expect(auditChangeLine(value, 'en')).toBe('Value: 120 家 → 125 家');
  });

  it('shows a value set for the first time as → new, and a cleared one as old → (none)', () => {
    const name = { field: 'displayName', label: { zh: '姓名', en: 'Name' } };
    expect(auditChangeLine({ ...name, new: { zh: '王五', en: '王五' } }, 'zh')).toBe('姓名：→ 王五');
    expect(auditChangeLine({ ...name, old: { zh: 'a@b', en: 'a@b' } }, 'en')).toBe('Name: a@b → (none)');
  });

  it('keeps the first lines and counts the rest', () => {
    expect(auditChangeLines([value, value, value], 'zh', 2)).toEqual({
      lines: ['数值：120家 → 125家', '数值：120家 → 125家'],
      more: 1,
    });
  });
});
