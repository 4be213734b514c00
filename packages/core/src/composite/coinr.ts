// Reads COINr's table conventions (bluefoxr/COINr `new_coin`): iMeta describes the tree — Level, iCode,
// iName, Direction, Weight, Parent, Type ∈ {Indicator, Aggregate, Group, Denominator, Other}, optionally
// Denominator, Target, Unit — and iData holds uCode, uName, group columns, Time, denominators and
// indicators. Tables arrive already split into cells (the CLI parses the CSV); every problem is
// reported with the file, the 1-based line (header = 1) and the column, and nothing is half-built.
import type { Result } from '../types.ts';
import type { IndexInput } from './dataset.ts';
import { frameworkCompile, type CompiledFramework, type IndexError } from './framework.ts';
import type { IndexFramework, IndexNode } from './spec.ts';

export interface CoinrTable {
  file: string;
  header: readonly string[];
  rows: readonly (readonly string[])[];
  /** 1-based file line of each row, when blank lines were skipped; default: row index + 2. */
  lines?: readonly number[];
}

export interface CoinrMeta {
  framework: IndexFramework;
  compiled: CompiledFramework;
  groups: string[];
  denominators: string[];
  others: string[];
}

const TYPES = ['Indicator', 'Aggregate', 'Group', 'Denominator', 'Other'] as const;
type MetaType = (typeof TYPES)[number];

/** R writes missing values as NA; an empty cell is missing too. */
export function coinrIsMissing(cell: string | undefined): boolean {
  const t = (cell ?? '').trim();
  return t === '' || t === 'NA' || t === 'NaN';
}

/** A number cell: finite decimal (R may write 1e-04); NA/empty is missing; anything else is an error. */
export function coinrNumber(cell: string | undefined): number | 'missing' | 'invalid' {
  if (coinrIsMissing(cell)) return 'missing';
  const t = cell!.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return 'invalid';
  const v = Number(t);
  return Number.isFinite(v) ? v : 'invalid';
}

function columnIndex(t: CoinrTable, name: string): number {
  return t.header.findIndex((h) => h.trim() === name);
}

/** Build the framework from iMeta. */
export function coinrMetaRead(meta: CoinrTable): Result<CoinrMeta, IndexError> {
  const errors: IndexError[] = [];
  const at = (row: number, column: string, message: string, code?: string): IndexError => ({
    file: meta.file,
    row: meta.lines?.[row] ?? row + 2,
    column,
    code,
    message,
  });
  const col = Object.fromEntries(
    ['Level', 'iCode', 'iName', 'Direction', 'Weight', 'Parent', 'Type', 'Denominator', 'Target', 'Unit'].map(
      (c) => [c, columnIndex(meta, c)],
    ),
  ) as Record<string, number>;
  for (const required of ['iCode', 'Type', 'Parent', 'Weight', 'Direction']) {
    if (col[required]! < 0)
      errors.push({
        file: meta.file,
        row: 1,
        column: required,
        message: `required column ${required} is missing`,
      });
  }
  if (errors.length > 0) return { ok: false, errors };
  const cell = (r: readonly string[], name: string) => (col[name]! >= 0 ? (r[col[name]!] ?? '').trim() : '');

  const nodes: IndexNode[] = [];
  const nodeRow: number[] = [];
  const groups: string[] = [];
  const denominators: string[] = [];
  const others: string[] = [];
  const seen = new Map<string, number>();
  const levels: (number | undefined)[] = [];
  meta.rows.forEach((r, k) => {
    if (r.every((c) => c.trim() === '')) return;
    if (r.length !== meta.header.length) {
      errors.push(at(k, '', `row has ${r.length} cells, the header has ${meta.header.length}`));
      return;
    }
    const iCode = cell(r, 'iCode');
    if (coinrIsMissing(iCode)) {
      errors.push(at(k, 'iCode', 'iCode is empty'));
      return;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(iCode)) {
      errors.push(at(k, 'iCode', `iCode ${iCode} may use letters, digits, _ . - only`, iCode));
      return;
    }
    if (seen.has(iCode)) {
      errors.push(
        at(
          k,
          'iCode',
          `duplicate iCode ${iCode} (first on line ${meta.lines?.[seen.get(iCode)!] ?? seen.get(iCode)! + 2})`,
          iCode,
        ),
      );
      return;
    }
    seen.set(iCode, k);
    const type = cell(r, 'Type') as MetaType;
    if (!TYPES.includes(type)) {
      errors.push(
        at(k, 'Type', `Type ${JSON.stringify(cell(r, 'Type'))} is not one of ${TYPES.join(', ')}`, iCode),
      );
      return;
    }
    if (type === 'Group') return void groups.push(iCode);
    if (type === 'Denominator') return void denominators.push(iCode);
    if (type === 'Other') return void others.push(iCode);

    const weight = coinrNumber(cell(r, 'Weight'));
    const direction = coinrNumber(cell(r, 'Direction'));
    const level = coinrNumber(col.Level! >= 0 ? cell(r, 'Level') : 'NA');
    const target = coinrNumber(col.Target! >= 0 ? cell(r, 'Target') : 'NA');
    const parent = cell(r, 'Parent');
    const before = errors.length;
    if (typeof weight !== 'number' || weight < 0) {
      errors.push(at(k, 'Weight', `Weight ${JSON.stringify(cell(r, 'Weight'))} must be a number ≥ 0`, iCode));
    }
    if (type === 'Indicator' && direction !== 1 && direction !== -1) {
      errors.push(
        at(k, 'Direction', `Direction ${JSON.stringify(cell(r, 'Direction'))} must be 1 or -1`, iCode),
      );
    }
    if (level === 'invalid')
      errors.push(at(k, 'Level', `Level ${JSON.stringify(cell(r, 'Level'))} is not a number`, iCode));
    if (target === 'invalid')
      errors.push(at(k, 'Target', `Target ${JSON.stringify(cell(r, 'Target'))} is not a number`, iCode));
    if (errors.length > before) return;
    const denominator =
      col.Denominator! >= 0 && !coinrIsMissing(cell(r, 'Denominator')) ? cell(r, 'Denominator') : undefined;
    const name = col.iName! >= 0 && !coinrIsMissing(cell(r, 'iName')) ? cell(r, 'iName') : undefined;
    const unit = col.Unit! >= 0 && !coinrIsMissing(cell(r, 'Unit')) ? cell(r, 'Unit') : undefined;
    nodes.push({
      code: iCode,
      kind: type === 'Indicator' ? 'indicator' : 'aggregate',
      name,
      parent: coinrIsMissing(parent) ? undefined : parent,
      weight: weight as number,
      direction: type === 'Indicator' ? (direction as 1 | -1) : 1,
      denominator,
      target: typeof target === 'number' ? target : undefined,
      unit,
    });
    nodeRow.push(k);
    levels.push(typeof level === 'number' ? level : undefined);
  });

  // Denominators named by indicators must be Denominator rows.
  nodes.forEach((nd, q) => {
    if (nd.denominator !== undefined && !denominators.includes(nd.denominator)) {
      errors.push(
        at(
          nodeRow[q]!,
          'Denominator',
          `Denominator ${nd.denominator} is not a row of Type Denominator`,
          nd.code,
        ),
      );
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const framework: IndexFramework = { nodes, weightRule: 'relative' };
  const compiled = frameworkCompile(framework);
  if (!compiled.ok) {
    return {
      ok: false,
      errors: compiled.errors.map((e) => {
        const column = e.path?.endsWith('.parent')
          ? 'Parent'
          : e.path?.includes('.code')
            ? 'iCode'
            : 'Parent';
        return at(nodeRow[e.node ?? 0]!, column, e.message, e.code);
      }),
    };
  }
  // Levels, when given, must agree with the tree (an aggregate sits one above its highest child).
  const fw = compiled.value;
  nodes.forEach((nd, q) => {
    const given = levels[q];
    const actual = fw.level[fw.indexOf.get(nd.code)!]!;
    if (given !== undefined && given !== actual) {
      errors.push(
        at(
          nodeRow[q]!,
          'Level',
          `Level ${given} of ${nd.code} does not match its place in the tree (level ${actual})`,
          nd.code,
        ),
      );
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { framework, compiled: fw, groups, denominators, others } };
}

/** Read iData against the meta: numbers are checked cell by cell; unknown columns are errors. */
export function coinrDataRead(data: CoinrTable, meta: CoinrMeta): Result<IndexInput, IndexError> {
  const errors: IndexError[] = [];
  const byName = new Map<string, number>();
  data.header.forEach((h, k) => {
    if (!byName.has(h.trim())) byName.set(h.trim(), k);
  });
  const idx = (name: string) => byName.get(name) ?? -1;
  const uCol = idx('uCode');
  if (uCol < 0)
    return {
      ok: false,
      errors: [{ file: data.file, row: 1, column: 'uCode', message: 'required column uCode is missing' }],
    };
  const known = new Set([
    'uCode',
    'uName',
    'Time',
    ...meta.groups,
    ...meta.denominators,
    ...meta.others,
    ...meta.compiled.codes,
  ]);
  data.header.forEach((h) => {
    if (!known.has(h.trim())) {
      errors.push({
        file: data.file,
        row: 1,
        column: h,
        message: `column ${h} is not described in iMeta (add a row, Type Other if unused)`,
      });
    }
  });
  const seenHeader = new Set<string>();
  data.header.forEach((h) => {
    if (seenHeader.has(h.trim()))
      errors.push({ file: data.file, row: 1, column: h, message: `column ${h} appears twice` });
    seenHeader.add(h.trim());
  });
  const indicators = meta.compiled.codes.slice(0, meta.compiled.nIndicators);
  for (const c of indicators) {
    if (idx(c) < 0)
      errors.push({
        file: data.file,
        row: 1,
        column: c,
        message: `indicator ${c} (iMeta) has no column in iData`,
      });
  }
  // COINr new_coin: every non-aggregate row of iMeta (groups, denominators, others) is a column of iData.
  for (const c of [...meta.groups, ...meta.denominators, ...meta.others]) {
    if (idx(c) < 0)
      errors.push({ file: data.file, row: 1, column: c, message: `${c} (iMeta) has no column in iData` });
  }
  for (const c of meta.compiled.nodes) {
    if (c.denominator !== undefined && idx(c.denominator) < 0 && !meta.denominators.includes(c.denominator)) {
      errors.push({
        file: data.file,
        row: 1,
        column: c.denominator,
        message: `denominator ${c.denominator} has no column in iData`,
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const rows = data.rows.filter((r) => !r.every((c) => c.trim() === ''));
  const lineOf: number[] = [];
  data.rows.forEach((r, k) => {
    if (!r.every((c) => c.trim() === '')) lineOf.push(data.lines?.[k] ?? k + 2);
  });
  const n = rows.length;
  const units: string[] = [];
  const names: string[] = [];
  const tCol = idx('Time');
  const times: number[] = [];
  const numeric = [
    ...indicators,
    ...meta.denominators.filter((d) => idx(d) >= 0),
    ...meta.others.filter((o) => idx(o) >= 0),
  ];
  const numericCols = numeric.map(idx);
  const columns: Record<string, Float64Array> = Object.fromEntries(
    numeric.map((c) => [c, new Float64Array(n)]),
  );
  const groups: Record<string, (string | null)[]> = Object.fromEntries(
    meta.groups.filter((g) => idx(g) >= 0).map((g) => [g, []]),
  );
  const seen = new Map<string, number>();
  const nameCol = idx('uName');
  rows.forEach((r, i) => {
    const line = lineOf[i]!;
    if (r.length !== data.header.length) {
      errors.push({
        file: data.file,
        row: line,
        message: `row has ${r.length} cells, the header has ${data.header.length}`,
      });
      return;
    }
    const u = (r[uCol] ?? '').trim();
    if (coinrIsMissing(u))
      errors.push({ file: data.file, row: line, column: 'uCode', message: 'uCode is empty' });
    units.push(u);
    names.push(nameCol >= 0 ? (r[nameCol] ?? '').trim() : u);
    let t = NaN;
    if (tCol >= 0) {
      const v = coinrNumber(r[tCol]);
      if (typeof v !== 'number')
        errors.push({
          file: data.file,
          row: line,
          column: 'Time',
          message: `Time ${JSON.stringify(r[tCol])} is not a number`,
        });
      else t = v;
      times.push(t);
    }
    const key = `${u}\u0000${t}`;
    if (seen.has(key)) {
      errors.push({
        file: data.file,
        row: line,
        column: 'uCode',
        code: u,
        message: `unit ${u}${tCol >= 0 ? ` in ${t}` : ''} already on line ${seen.get(key)}`,
      });
    } else seen.set(key, line);
    for (let q = 0; q < numeric.length; q++) {
      const c = numeric[q]!;
      const v = coinrNumber(r[numericCols[q]!]);
      if (v === 'invalid') {
        errors.push({
          file: data.file,
          row: line,
          column: c,
          code: u,
          message: `${JSON.stringify(r[idx(c)])} is not a number`,
        });
      }
      columns[c]![i] = typeof v === 'number' ? v : NaN;
    }
    for (const g of Object.keys(groups))
      groups[g]!.push(coinrIsMissing(r[idx(g)]) ? null : r[idx(g)]!.trim());
  });
  if (errors.length > 0) return { ok: false, errors };
  if (n < 2)
    return {
      ok: false,
      errors: [{ file: data.file, message: `iData has ${n} unit rows; an index needs at least 2` }],
    };
  return {
    ok: true,
    value: { units, names, times: tCol >= 0 ? times : undefined, columns, groups },
  };
}
