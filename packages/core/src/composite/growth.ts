// The chained growth index for one region over time (纵向), the way the NBS compiles the 中国创新指数:
// with the base year = 100, compute each indicator's growth on the previous year, take the weighted
// growth of the indicators of each dimension, chain it onto last year's dimension index, and so on up to
// the total index (关晓静、林梅《中国创新指数的编制》, 中国信息报 2023-08-31: "以基期年份指标值为基础，计算指标
// 相邻年份增长速度 … 在计算各领域评价指标加权增速的基础上，计算各领域分指数，最后计算总指数").
import type { Result } from '../types.ts';
import { frameworkOrCompile } from './pipeline.ts';
import type { CompiledFramework, IndexError } from './framework.ts';
import type { IndexFramework } from './spec.ts';
import { weightsNormalise } from './weights.ts';

export interface GrowthObservation {
  time: number;
  /** Indicator values of the region in that period (missing = absent or NaN). */
  values: Readonly<Record<string, number>>;
}

export interface GrowthIndexRow {
  time: number;
  /** Index of every node (indicators and aggregates), base period = 100. */
  index: Record<string, number>;
  /** Growth rate of every node on the previous period (NaN in the base period). */
  growth: Record<string, number>;
}

/**
 * Chained index: I_base = 100; for an indicator g = x_t/x_{t−1} − 1 (a 逆向 indicator uses x_{t−1}/x_t − 1);
 * for an aggregate g = Σ w_c g_c over the children with a growth rate (weights renormalised when one
 * is missing); I_t = I_{t−1}·(1 + g). A previous value ≤ 0 has no growth rate: that is an error.
 */
export function growthIndexChained(
  framework: IndexFramework | CompiledFramework,
  series: readonly GrowthObservation[],
  base = 100,
): Result<GrowthIndexRow[], IndexError> {
  const compiled = frameworkOrCompile(framework);
  if (!compiled.ok) return compiled;
  const fw = compiled.value;
  const obs = [...series].sort((a, b) => a.time - b.time);
  if (obs.length === 0) return { ok: false, errors: [{ message: 'no periods' }] };
  const nI = fw.nIndicators;
  const weights = fw.childWeights.map((w) => weightsNormalise(w));
  const rows: GrowthIndexRow[] = [];
  let prevIndex = new Float64Array(fw.codes.length).fill(base);
  rows.push({
    time: obs[0]!.time,
    index: record(fw, prevIndex),
    growth: record(fw, new Float64Array(fw.codes.length).fill(NaN)),
  });
  for (let k = 1; k < obs.length; k++) {
    const before = obs[k - 1]!;
    const now = obs[k]!;
    const g = new Float64Array(fw.codes.length).fill(NaN);
    for (let j = 0; j < nI; j++) {
      const code = fw.codes[j]!;
      const x0 = before.values[code] ?? NaN;
      const x1 = now.values[code] ?? NaN;
      if (Number.isNaN(x0) || Number.isNaN(x1)) continue;
      if (x0 <= 0 || (fw.direction[j] === -1 && x1 <= 0)) {
        return {
          ok: false,
          errors: [
            {
              code,
              message: `${code}: no growth rate from ${x0} (${before.time}) to ${x1} (${now.time}); values must be > 0`,
            },
          ],
        };
      }
      g[j] = fw.direction[j] === 1 ? x1 / x0 - 1 : x0 / x1 - 1;
    }
    for (let c = nI; c < fw.codes.length; c++) {
      const ch = fw.children[c]!;
      const w = weights[c]!;
      let s = 0;
      let ws = 0;
      for (let q = 0; q < ch.length; q++) {
        const v = g[ch[q]!]!;
        if (!Number.isNaN(v)) {
          s += w[q]! * v;
          ws += w[q]!;
        }
      }
      g[c] = ws === 0 ? NaN : s / ws;
    }
    const idx = new Float64Array(fw.codes.length);
    for (let c = 0; c < fw.codes.length; c++)
      idx[c] = Number.isNaN(g[c]!) ? prevIndex[c]! : prevIndex[c]! * (1 + g[c]!);
    rows.push({ time: now.time, index: record(fw, idx), growth: record(fw, g) });
    prevIndex = idx;
  }
  return { ok: true, value: rows };
}

function record(fw: CompiledFramework, v: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  fw.codes.forEach((c, k) => (out[c] = v[k]!));
  return out;
}
