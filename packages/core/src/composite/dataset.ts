// A stage of an index as a data set: units × columns of numbers, column-major in one Float64Array
// (NaN = missing), so that per-indicator steps read contiguous memory and nothing allocates per cell.

export interface IndexDataSet {
  readonly units: readonly string[];
  readonly codes: readonly string[];
  /** values[j · units.length + i] is unit i, column j. */
  readonly values: Float64Array;
}

/** Raw input of the pipeline: rows (unit, optionally time), numeric columns and group columns. */
export interface IndexInput {
  readonly units: readonly string[];
  readonly names?: readonly string[];
  /** Period of each row; absent for a single cross-section. */
  readonly times?: readonly number[];
  /** Indicator and denominator columns, one value per row (NaN = missing). */
  readonly columns: Readonly<Record<string, ArrayLike<number>>>;
  /** Categorical columns (e.g. GDP group), used for group imputation; null = missing. */
  readonly groups?: Readonly<Record<string, readonly (string | null)[]>>;
}

export function dataSetCreate(
  units: readonly string[],
  codes: readonly string[],
  values?: Float64Array,
): IndexDataSet {
  const v = values ?? new Float64Array(units.length * codes.length).fill(NaN);
  if (v.length !== units.length * codes.length) throw new Error('data set size does not match units × codes');
  return { units, codes, values: v };
}

/** A view (no copy) of column j. */
export function dataSetColumn(ds: IndexDataSet, j: number): Float64Array {
  const n = ds.units.length;
  return ds.values.subarray(j * n, (j + 1) * n);
}

export function dataSetColumnByCode(ds: IndexDataSet, code: string): Float64Array | undefined {
  const j = ds.codes.indexOf(code);
  return j < 0 ? undefined : dataSetColumn(ds, j);
}

export function dataSetValue(ds: IndexDataSet, unit: string, code: string): number {
  const i = ds.units.indexOf(unit);
  const j = ds.codes.indexOf(code);
  if (i < 0 || j < 0) return NaN;
  return ds.values[j * ds.units.length + i]!;
}

/** Keep the given rows (e.g. units that pass screening). */
export function dataSetRows(ds: IndexDataSet, rows: readonly number[]): IndexDataSet {
  const n = ds.units.length;
  const m = rows.length;
  const out = new Float64Array(m * ds.codes.length);
  for (let j = 0; j < ds.codes.length; j++) {
    for (let r = 0; r < m; r++) out[j * m + r] = ds.values[j * n + rows[r]!]!;
  }
  return { units: rows.map((r) => ds.units[r]!), codes: ds.codes, values: out };
}

/** Rows as plain objects, `uCode` first (for JSON output and tests). */
export function dataSetToRecords(ds: IndexDataSet): Record<string, string | number | null>[] {
  const n = ds.units.length;
  return ds.units.map((u, i) => {
    const row: Record<string, string | number | null> = { uCode: u };
    ds.codes.forEach((c, j) => {
      const v = ds.values[j * n + i]!;
      row[c] = Number.isNaN(v) ? null : v;
    });
    return row;
  });
}
