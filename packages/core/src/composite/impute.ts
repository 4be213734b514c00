// Imputation of missing indicator values: column mean/median, group mean/median (COINr i_mean_grp,
// i_median_grp) and last observation carried forward over periods (COINr impute_panel, "latest").
import { statsMean, statsMedian } from './stats.ts';

/** Replace NaN by the column mean (COINr i_mean). Returns the number of values imputed. */
export function imputeColumnMean(x: Float64Array): number {
  return fill(x, statsMean(x));
}

/** Replace NaN by the column median (COINr i_median). */
export function imputeColumnMedian(x: Float64Array): number {
  return fill(x, statsMedian(x));
}

function fill(x: Float64Array, v: number): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!)) {
      x[i] = v;
      if (!Number.isNaN(v)) n++;
    }
  }
  return n;
}

/**
 * Replace NaN by the mean (or median) of the non-missing values of the same group (COINr i_mean_grp).
 * Rows with no group are left as they are (COINr skip_f_na = TRUE); a group with no values stays missing.
 */
export function imputeColumnByGroup(
  x: Float64Array,
  groups: readonly (string | null)[],
  stat: 'mean' | 'median',
): number {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    if (g === null) return;
    const list = byGroup.get(g) ?? [];
    list.push(i);
    byGroup.set(g, list);
  });
  let n = 0;
  for (const rows of byGroup.values()) {
    const vals = Float64Array.from(rows.map((i) => x[i]!));
    const v = stat === 'mean' ? statsMean(vals) : statsMedian(vals);
    for (const i of rows) {
      if (Number.isNaN(x[i]!)) {
        x[i] = v;
        if (!Number.isNaN(v)) n++;
      }
    }
  }
  return n;
}

/**
 * Last observation carried forward: a missing value of a unit in a period takes the unit's most recent
 * earlier value, at most `maxPeriods` periods back (all the way when undefined). Rows are (unit, time)
 * pairs in any order; returns the number of values imputed and, per imputed row, the period used.
 */
export function imputeColumnLocf(
  x: Float64Array,
  units: readonly string[],
  times: readonly number[],
  maxPeriods?: number,
): { imputed: number; from: Map<number, number> } {
  const periods = [...new Set(times)].sort((a, b) => a - b);
  const periodIndex = new Map(periods.map((t, k) => [t, k] as const));
  const rowsByUnit = new Map<string, number[]>();
  units.forEach((u, i) => {
    const list = rowsByUnit.get(u) ?? [];
    list.push(i);
    rowsByUnit.set(u, list);
  });
  const from = new Map<number, number>();
  for (const rows of rowsByUnit.values()) {
    rows.sort((a, b) => times[a]! - times[b]!);
    let lastValue = NaN;
    let lastPeriod = -1;
    for (const i of rows) {
      const k = periodIndex.get(times[i]!)!;
      if (!Number.isNaN(x[i]!)) {
        lastValue = x[i]!;
        lastPeriod = k;
      } else if (!Number.isNaN(lastValue) && (maxPeriods === undefined || k - lastPeriod <= maxPeriods)) {
        x[i] = lastValue;
        from.set(i, periods[lastPeriod]!);
      }
    }
  }
  return { imputed: from.size, from };
}
