import { describe, expect, it } from 'vitest';
import type { ImportProblem, PreviewRow } from '../api/types.ts';
import {
  commitBlockers,
  commitReasons,
  figureKey,
  gridProblemsPlace,
  previewLines,
  problemIndexBuild,
  problemRawText,
  problemsAt,
  problemsOfRow,
  reasonRowsRequired,
  rowKey,
} from './import-problems.ts';

const problem = (over: Partial<ImportProblem> & { kind: string }): ImportProblem => ({
  file: 'town.xlsx',
  message: { zh: '错误', en: 'error' },
  ...over,
});

describe('import problems on the preview', () => {
  const errors = [
    problem({ kind: 'not_a_number', sheet: '数据', row: 5, column: 'D', field: 'value' }),
    problem({ kind: 'unknown_region', sheet: '数据', row: 5, column: 'B', field: 'region' }),
    problem({ kind: 'unit_mismatch', sheet: '数据', row: 7, column: 'E', field: 'unit' }),
    problem({ kind: 'duplicate_row', sheet: '数据', row: 9 }),
    problem({ kind: 'missing_column', field: 'value' }),
  ];

  it('puts each located error on its cell: sheet, row and field', () => {
    const index = problemIndexBuild(errors);
    expect(problemsAt(index, '数据', 5, 'value').map((e) => e.kind)).toEqual(['not_a_number']);
    expect(problemsAt(index, '数据', 5, 'region').map((e) => e.kind)).toEqual(['unknown_region']);
    expect(problemsAt(index, '数据', 7, 'unit').map((e) => e.kind)).toEqual(['unit_mismatch']);
    expect(problemsAt(index, '数据', 7, 'value')).toEqual([]);
    expect(problemsOfRow(index, '数据', 5)).toHaveLength(2);
  });

  it('keeps a row-level error (no column) on the row and a header error (no row) on the file', () => {
    const index = problemIndexBuild(errors);
    expect(problemsAt(index, '数据', 9, 'row').map((e) => e.kind)).toEqual(['duplicate_row']);
    expect(index.file.map((e) => e.kind)).toEqual(['missing_column']);
  });

  it('does not mix up the same row number on two sheets', () => {
    const index = problemIndexBuild([
      problem({ kind: 'not_a_number', sheet: 'A', row: 2, field: 'value' }),
      problem({ kind: 'not_a_number', sheet: 'B', row: 3, field: 'value' }),
    ]);
    expect(problemsAt(index, 'A', 3, 'value')).toEqual([]);
    expect(problemsAt(index, 'B', 3, 'value')).toHaveLength(1);
  });

  it('shows a YoY jump that needs a reason in the reason column', () => {
    const index = problemIndexBuild([problem({ kind: 'needs_reason', row: 4, field: 'value' })]);
    expect(problemsAt(index, undefined, 4, 'reason')).toHaveLength(1);
    expect(problemsAt(index, undefined, 4, 'value')).toEqual([]);
  });
});

describe('committing an upload with reasons', () => {
  const jumps = [
    problem({ kind: 'needs_reason', row: 4, field: 'value' }),
    problem({ kind: 'needs_reason', row: 6, field: 'value' }),
    problem({ kind: 'needs_reason', row: 6, field: 'value' }),
  ];

  it('asks for a reason once per row with a YoY jump', () => {
    expect(reasonRowsRequired(jumps)).toEqual([{ row: 4 }, { row: 6 }]);
  });

  it('is blocked until every jump has a non-blank reason', () => {
    const some = new Map([[rowKey(undefined, 4), '新增企业入统']]);
    expect(commitBlockers(jumps, some).map((e) => e.row)).toEqual([6, 6]);
    const blank = new Map([...some, [rowKey(undefined, 6), '   ']]);
    expect(commitBlockers(jumps, blank)).toHaveLength(2);
    const all = new Map([...some, [rowKey(undefined, 6), '统计口径调整']]);
    expect(commitBlockers(jumps, all)).toEqual([]);
    expect(commitReasons(jumps, all)).toEqual([
      { row: 4, reason: '新增企业入统' },
      { row: 6, reason: '统计口径调整' },
    ]);
  });

  it('names the sheet of a reason in a workbook, where row numbers repeat across sheets', () => {
    const sheetJump = [problem({ kind: 'needs_reason', sheet: '浒山街道', row: 5, field: 'value' })];
    expect(commitReasons(sheetJump, new Map([[rowKey('浒山街道', 5), '统计口径调整']]))).toEqual([
      { row: 5, sheet: '浒山街道', reason: '统计口径调整' },
    ]);
  });

  it('stays blocked by any other error, whatever reasons are typed: nothing is committed partly', () => {
    const mixed = [...jumps, problem({ kind: 'not_a_number', row: 8, field: 'value' })];
    const reasons = new Map([
      [rowKey(undefined, 4), 'a'],
      [rowKey(undefined, 6), 'b'],
    ]);
    expect(commitBlockers(mixed, reasons).map((e) => e.kind)).toEqual(['not_a_number']);
  });
});

describe('grid entry problems on the grid cells', () => {
  const submitted = [
    { indicator: 'hightech_enterprises', region: '330282004', value: 120 },
    { indicator: 'new_tech_smes', region: '330282004', value: -3 },
  ];

  it('places a problem by the indicator and region its preview row names', () => {
    const preview: PreviewRow[] = [
      { row: 1, indicator: 'hightech_enterprises', region: '330282004', period: '2025Q4', value: 120 },
      { row: 2, indicator: 'new_tech_smes', region: '330282004', period: '2025Q4', value: -3 },
    ];
    const placed = gridProblemsPlace(
      [problem({ kind: 'negative_value', row: 2, field: 'value' })],
      preview,
      submitted,
    );
    expect(placed.figures.get(figureKey('new_tech_smes', '330282004'))?.get('value')).toHaveLength(1);
    expect(placed.unplaced).toEqual([]);
  });

  it('finds a row the server could not read by its number: submitted rows are rows 1, 2, … under a header', () => {
    const placed = gridProblemsPlace(
      [problem({ kind: 'not_a_number', row: 1, field: 'value' }), problem({ kind: 'needs_reason', row: 2 })],
      [],
      submitted,
    );
    expect(placed.figures.get(figureKey('hightech_enterprises', '330282004'))?.get('value')).toHaveLength(1);
    expect(placed.figures.get(figureKey('new_tech_smes', '330282004'))?.get('reason')).toHaveLength(1);
  });

  it('lists a problem it cannot place instead of dropping it', () => {
    const placed = gridProblemsPlace(
      [problem({ kind: 'no_rows' }), problem({ kind: 'not_a_number', row: 40, field: 'value' })],
      [],
      submitted,
    );
    expect(placed.unplaced.map((p) => p.kind)).toEqual(['no_rows', 'not_a_number']);
  });
});

describe('lines of the upload preview', () => {
  it('adds a line for each row the server could not read, so its error has a cell, in file order', () => {
    const rows: PreviewRow[] = [
      { row: 3, indicator: 'gdp', region: '330282004', period: '2025Q4', value: 150.2 },
      { row: 4, indicator: 'hightech_enterprises', region: '330282004', period: '2025Q4', value: 95 },
    ];
    const errors = [
      problem({ kind: 'not_a_number', row: 2, field: 'value' }),
      problem({ kind: 'needs_reason', row: 3, field: 'value' }),
      problem({ kind: 'unknown_indicator', row: 5, field: 'indicator' }),
      problem({ kind: 'duplicate_row', row: 6 }),
      problem({ kind: 'duplicate_row', row: 6 }),
      problem({ kind: 'missing_column', field: 'unit' }),
    ];
    expect(previewLines(rows, errors).map((l) => [l.row, l.unread === true])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, true],
      [6, true],
    ]);
  });
});

describe('problemRawText', () => {
  const problem = (extra: Partial<ImportProblem>): ImportProblem => ({
    kind: 'x',
    file: 'f.csv',
    row: 3,
    message: { zh: '', en: '' },
    ...extra,
  });
  it('shows what the reporter typed in an unreadable cell, or the refused number', () => {
    expect(problemRawText([problem({ kind: 'not_a_number', text: '77家' })])).toBe('77家');
    expect(problemRawText([problem({ kind: 'negative_value', value: -220 })])).toBe('-220');
    expect(problemRawText([problem({ kind: 'duplicate_row' })])).toBeUndefined();
  });
});
