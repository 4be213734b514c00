import { describe, expect, it } from 'vitest';
import type { RoundTask } from '../api/types.ts';
import { draftsInit, gridRowsToSend } from './entry-grid.ts';
import { figureKey } from './import-problems.ts';

const task = (indicator: string, status: RoundTask['status'], value?: number): RoundTask => ({
  indicator,
  region: '330282004',
  period: '2025Q4',
  unit: '家',
  status,
  ...(value === undefined ? {} : { value, submissionId: `s-${indicator}` }),
});

describe('rows the data-entry grid submits', () => {
  const tasks = [
    task('a', 'pending'),
    task('b', 'returned', 10),
    task('c', 'submitted', 5),
    task('d', 'approved', 7),
    task('e', 'pending'),
  ];

  it('sends owed figures with a value, and a returned figure again even unchanged', () => {
    const drafts = draftsInit(tasks);
    drafts.set(figureKey('a', '330282004'), { value: 12, note: ' 快报 ', reason: '' });
    expect(gridRowsToSend(tasks, drafts)).toEqual([
      { indicator: 'a', region: '330282004', period: '2025Q4', value: 12, note: '快报', basedOn: null },
      // Entered over the returned submission: its id is the version the server checks (issue 16 §4).
      { indicator: 'b', region: '330282004', period: '2025Q4', value: 10, basedOn: 's-b' },
    ]);
  });

  it('resends a submitted figure only when it changed, and never an approved one', () => {
    const drafts = draftsInit(tasks);
    drafts.set(figureKey('c', '330282004'), { value: 6, note: '', reason: '新企业入统' });
    drafts.set(figureKey('d', '330282004'), { value: 8, note: '', reason: '' });
    const sent = gridRowsToSend(tasks, drafts).map((r) => [r.indicator, r.value, r.reason, r.basedOn]);
    expect(sent).toEqual([
      ['b', 10, undefined, 's-b'],
      ['c', 6, '新企业入统', 's-c'],
    ]);
  });

  it('leaves out an owed figure whose value is still empty', () => {
    expect(gridRowsToSend([task('e', 'pending')], draftsInit([task('e', 'pending')]))).toEqual([]);
  });
});
