// Demo data: quarterly observations for the home county's towns and annual figures for its peers,
// plausible at the scale of the plan's targets, with the published real figures anchored in place.
// Everything not in REAL_FIGURES is synthetic and says so (provenance 'synthetic').
import {
  periodEndDate,
  periodOf,
  regionMembersOn,
  type Indicator,
  type Observation,
  type Period,
  type Plan,
  type RegionCode,
  indicatorCode,
  regionCode,
} from '@ding/core';
import { randomSeeded, seedOf } from './random.ts';
import { DEMO_SCALE, PEER_SIZE, REAL_FIGURES, TOWN_SIZE, type RealFigure } from './figures.ts';

export interface DemoOptions {
  fromYear: number;
  toYear: number;
}

export interface DemoResult {
  observations: Observation[];
  /** Indicators whose level had no target, scale or ratio to derive it from (should be empty). */
  unscaled: string[];
}

/** Typical cumulative share of a year's flow reached by the end of each quarter (Q1 … Q4). */
const FLOW_SEASON = [0.2, 0.46, 0.72, 1];

export function demoGenerate(
  plan: Plan,
  options: DemoOptions = { fromYear: 2021, toYear: 2025 },
): DemoResult {
  const home = plan.home as RegionCode;
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === home);
  // The partition of the home county used by the plan's targets (市级 + 前湾), or the county alone.
  const parts = complement ? [complement.code, ...complement.complementOf!.minus] : [home];
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const real = new Map(REAL_FIGURES.map((f) => [`${f.indicator}|${f.region}|${f.year}`, f]));
  const unscaled = new Set<string>();
  const years: number[] = [];
  for (let y = options.fromYear; y <= options.toYear; y++) years.push(y);

  const realAt = (code: string, region: string, year: number): RealFigure | undefined =>
    real.get(`${code}|${region}|${year}`);

  // ---- Year-end levels for the county and its parts -------------------------------------------
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  /** The performance of a region against its targets: a slow random walk around 0.97–1.03. */
  function walk(code: string, region: string, year: number): number {
    const rng = randomSeeded(seedOf('perf', code, region));
    let p = rng.between(0.95, 1.02);
    for (let y = options.fromYear; y < year; y++) p *= rng.between(0.98, 1.025);
    return p;
  }

  /**
   * Performance against target: the walk, scaled so that the target-derived level passes through a
   * published figure (Cixi's 994 高企 in 2024 against a target of 1200 makes every year ~0.83 of target).
   */
  function performance(code: string, region: string, year: number): number {
    return walk(code, region, year) * anchorFactor(code, region);
  }

  function anchorFactor(code: string, region: string): number {
    const ind = indicators.get(code)!;
    const target = (r: string, y: number) => targetLevel(ind, r, y) ?? targetLevel(ind, home, y);
    const own = REAL_FIGURES.find((f) => f.indicator === code && f.region === region);
    if (own) {
      const t = target(region, own.year);
      return t ? own.value / (t * walk(code, region, own.year)) : 1;
    }
    const whole = REAL_FIGURES.find((f) => f.indicator === code && f.region === home);
    if (whole && region !== home && ind.aggregation === 'sum') {
      const planned = parts.map((p) => (targetLevel(ind, p, whole.year) ?? NaN) * walk(code, p, whole.year));
      const sum = planned.reduce((a, b) => a + b, 0);
      return Number.isFinite(sum) && sum > 0 ? whole.value / sum : 1;
    }
    return 1;
  }

  /** Target-implied level for `year`, extended back before the plan by the first written trend. */
  function targetLevel(ind: Indicator, region: string, year: number): number | undefined {
    for (const t of plan.targets) {
      if (t.indicator !== ind.code || t.region !== region) continue;
      switch (t.type) {
        case 'path': {
          const pts = Object.entries(t.values)
            .map(([y, v]) => ({ y: Number(y), v }))
            .sort((a, b) => a.y - b.y);
          const first = pts[0]!;
          if (pts.length === 1) {
            // Only a final-year target: assume steady progress from ~70% of it (counts) or 85% (rates).
            const start = first.v * (ind.measure === 'stock' || ind.measure === 'flow' ? 0.7 : 0.85);
            const span = first.y - options.fromYear;
            return start + ((first.v - start) * (year - options.fromYear)) / span;
          }
          const second = pts[1]!;
          if (year <= first.y)
            return first.v - ((second.v - first.v) * (first.y - year)) / (second.y - first.y);
          for (let i = 1; i < pts.length; i++) {
            const a = pts[i - 1]!;
            const b = pts[i]!;
            if (year <= b.y) return a.v + ((b.v - a.v) * (year - a.y)) / (b.y - a.y);
          }
          return pts[pts.length - 1]!.v;
        }
        case 'annual_flow':
          return t.value;
        case 'cumulative':
          return t.value / (t.to - t.from + 1);
        case 'multiple_of_base': {
          const base = scaleLevel(ind.code, t.baseYear) ?? 100;
          return base * t.factor ** ((year - t.baseYear) / (t.year - t.baseYear));
        }
        case 'average_growth': {
          const base = scaleLevel(ind.code, t.baseYear) ?? 100;
          return base * (1 + t.rate / 100) ** (year - t.baseYear);
        }
        case 'relative_growth':
          break;
      }
    }
    return undefined;
  }

  function scaleLevel(code: string, year: number): number | undefined {
    const s = DEMO_SCALE[code];
    return s && s.level2021 * (1 + s.growth / 100) ** (year - 2021);
  }

  /** Level of a ratio indicator (target × performance) for a region, falling back to the county's. */
  function ratioLevel(ratio: Indicator, region: string, year: number): number | undefined {
    const r = realAt(ratio.code, region, year)?.value;
    if (r !== undefined) return r;
    const t = targetLevel(ratio, region, year) ?? targetLevel(ratio, home, year);
    return t === undefined ? undefined : t * performance(ratio.code, region, year);
  }

  /** Derive a component from a ratio that uses it and has a target (R&D = R&D/GDP × GDP / 100). */
  function fromRatio(code: string, region: string, year: number): number | undefined {
    for (const ratio of plan.indicators) {
      if (!ratio.ratio || inProgress.has(ratio.code)) continue;
      const { numerator, denominator, multiplier } = ratio.ratio;
      if (numerator !== code && denominator !== code) continue;
      const r = ratioLevel(ratio, region, year);
      if (r === undefined || r === 0) continue;
      inProgress.add(ratio.code);
      try {
        if (numerator === code) return (r * level(denominator, region, year)) / multiplier;
        return (level(numerator, region, year) * multiplier) / r;
      } finally {
        inProgress.delete(ratio.code);
      }
    }
    return undefined;
  }

  /**
   * Level from the region's own sources: a real figure, its targets, the scale table (county only;
   * a part then takes its share), or a ratio that uses it (R&D from R&D/GDP × GDP).
   */
  function ownLevel(code: string, region: string, year: number): number | undefined {
    const ind = indicators.get(code)!;
    const r = realAt(code, region, year)?.value;
    if (r !== undefined) return r;
    const t = targetLevel(ind, region, year);
    if (t !== undefined) return t * performance(code, region, year);
    const s = scaleLevel(code, year);
    if (s !== undefined) {
      return region === home
        ? s * randomSeeded(seedOf('scale', code, String(year))).between(0.98, 1.02)
        : undefined;
    }
    const d = fromRatio(code, region, year);
    if (d !== undefined) return d;
    if (region !== home) return undefined;
    unscaled.add(code);
    return 100 * 1.06 ** (year - 2021);
  }

  /**
   * Share of the county held by a part: as in the published figures where a part has one (市级 GDP
   * 1689.44 of 2521.58), the rest shared by the other parts; otherwise a synthetic 25–40% for 前湾.
   */
  function partShare(code: string, part: string): number {
    if (parts.length === 1) return 1;
    const published = (p: string) => {
      const f = REAL_FIGURES.find((x) => x.indicator === code && x.region === p);
      const whole = f && realAt(code, home, f.year);
      return f && whole ? f.value / whole.value : undefined;
    };
    const known = parts.map(published);
    if (known.some((k) => k !== undefined)) {
      const own = known[parts.indexOf(part)];
      if (own !== undefined) return own;
      const rest = 1 - known.reduce<number>((a, k) => a + (k ?? 0), 0);
      return rest / known.filter((k) => k === undefined).length;
    }
    const zone = randomSeeded(seedOf('share', code)).between(0.25, 0.4);
    return part === parts[0] ? 1 - zone : zone / (parts.length - 1);
  }

  /** Year-end level of a summable indicator for the county or one of its parts; parts sum to the county. */
  function level(code: string, region: string, year: number): number {
    const key = `${code}|${region}|${year}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    const ind = indicators.get(code)!;
    let value: number;
    if (ind.aggregation !== 'sum' || parts.length === 1) {
      value = ownLevel(code, region, year) ?? level(code, home, year) * partShare(code, region);
    } else if (region === home) {
      value = parts.reduce((s, p) => s + level(code, p, year), 0);
    } else {
      value = partLevel(code, region, year);
    }
    memo.set(key, value);
    return value;
  }

  /** A part's level: its own sources, else the county's × share; scaled so a real county figure holds. */
  function partLevel(code: string, part: string, year: number): number {
    // A part without sources of its own follows the county with its own year-to-year drift.
    const drift = (p: string) => randomSeeded(seedOf('drift', code, p, String(year))).between(0.95, 1.05);
    const raw = (p: string) =>
      ownLevel(code, p, year) ?? (ownLevel(code, home, year) ?? 100) * partShare(code, p) * drift(p);
    const anchoredHome = realAt(code, home, year)?.value;
    if (anchoredHome === undefined || realAt(code, part, year)) return raw(part);
    const fixed = parts.filter((p) => realAt(code, p, year)).reduce((s, p) => s + raw(p), 0);
    const free = parts.filter((p) => !realAt(code, p, year)).reduce((s, p) => s + raw(p), 0);
    return (raw(part) * (anchoredHome - fixed)) / free;
  }

  // ---- Quarterly values and the split among towns --------------------------------------------
  const observations: Observation[] = [];
  const emit = (ind: Indicator, region: string, period: Period, value: number) => {
    const year = Number(String(period).slice(0, 4));
    const isYearEnd = !String(period).includes('Q') || String(period).endsWith('Q4');
    const anchor = isYearEnd ? realAt(ind.code, region, year) : undefined;
    observations.push({
      id: `demo-${ind.code}-${region}-${period}`,
      indicator: indicatorCode(ind.code),
      region: regionCode(region),
      period,
      value: round(anchor?.value ?? value, ind.decimals),
      vintage: String(period).includes('Q') ? 'flash' : 'annual',
      provenance: anchor ? 'real' : 'synthetic',
      ...(anchor ? { citation: anchor.citation } : {}),
    });
  };

  /** Value at the end of quarter q from the year-end levels of last year and this year. */
  function quarterValue(ind: Indicator, prev: number, cur: number, q: number, noise: number): number {
    if (q === 4) return cur;
    switch (ind.measure) {
      case 'flow':
        return cur * FLOW_SEASON[q - 1]! * noise;
      case 'stock':
      case 'ratio':
      case 'index':
      case 'growth':
        return prev + (cur - prev) * (q / 4) * noise;
    }
  }

  function periodsOf(ind: Indicator, year: number): { period: Period; q: number }[] {
    return ind.frequency === 'annual'
      ? [{ period: periodOf(year), q: 4 }]
      : [1, 2, 3, 4].map((q) => ({ period: periodOf(year, q), q }));
  }

  /**
   * Split a part's value among its towns valid at the period's end, by stable synthetic weights, in
   * units of the indicator's last decimal (largest remainder), so the towns add up exactly.
   */
  function townSplit(ind: Indicator, part: string, period: Period, value: number): [string, number][] {
    const towns = regionMembersOn(plan, part as RegionCode, periodEndDate(period));
    const unit = 10 ** -ind.decimals;
    const units = Math.round(value / unit);
    const weights = towns.map((t) => townWeight(ind.code, t, period));
    const total = weights.reduce((a, b) => a + b, 0);
    const exact = weights.map((w) => (units * w) / total);
    const shares = exact.map(Math.floor);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
    const remainder = units - shares.reduce((a, b) => a + b, 0);
    for (let k = 0; k < remainder; k++) shares[order[k]![1]]! += 1;
    return towns.map((t, i) => [t, round(shares[i]! * unit, ind.decimals)]);
  }

  function townWeight(code: string, town: string, period: Period): number {
    const region = plan.regions.find((r) => r.code === town);
    const base = (region?.splitFrom ? (TOWN_SIZE[region.splitFrom] ?? 1) * 0.35 : TOWN_SIZE[town]) ?? 1;
    // A town that lost territory keeps the rest of its weight after the split date.
    const lost = plan.regions.some(
      (r) => r.splitFrom === town && r.validFrom !== undefined && r.validFrom <= periodEndDate(period),
    );
    return base * (lost ? 0.65 : 1) * randomSeeded(seedOf('town', code, town)).logNormal(0.35);
  }

  const summable = plan.indicators.filter((i) => i.aggregation === 'sum');
  const homeOnly = plan.indicators.filter((i) => i.aggregation === 'none');

  for (const ind of summable) {
    for (const year of years) {
      for (const part of parts) {
        const prev = level(ind.code, part, year - 1);
        const cur = level(ind.code, part, year);
        for (const { period, q } of periodsOf(ind, year)) {
          const noise = randomSeeded(seedOf('q', ind.code, part, period)).between(0.96, 1.04);
          const partValue = quarterValue(ind, prev, cur, q, noise);
          for (const [town, v] of townSplit(ind, part, period, partValue)) emit(ind, town, period, v);
          if (q === 4 && realAt(ind.code, part, year)) emit(ind, part, period, cur);
        }
      }
      if (parts.length > 1 && realAt(ind.code, home, year)) {
        emit(ind, home, periodsOf(ind, year).at(-1)!.period, level(ind.code, home, year));
      }
    }
  }

  for (const ind of homeOnly) {
    for (const year of years) {
      const prev = ownLevel(ind.code, home, year - 1) ?? 0;
      const cur = ownLevel(ind.code, home, year) ?? 0;
      for (const { period, q } of periodsOf(ind, year)) {
        const noise = randomSeeded(seedOf('q', ind.code, home, period)).between(0.98, 1.02);
        emit(ind, home, period, quarterValue(ind, prev, cur, q, noise));
      }
    }
  }

  // Reported ratios that are real (e.g. 宁波 R&D/GDP 2023) stand beside the computed ones.
  for (const f of REAL_FIGURES) {
    const ind = indicators.get(f.indicator);
    if (ind?.measure === 'ratio' && years.includes(f.year) && plan.regions.some((r) => r.code === f.region)) {
      emit(ind, f.region, periodOf(f.year), f.value);
    }
  }

  observations.push(...peerObservations(plan, years, level, ratioLevel));
  return { observations: dedupe(observations), unscaled: [...unscaled] };
}

/** Annual figures for the peers (Ningbo districts): the core indicators at each district's size. */
function peerObservations(
  plan: Plan,
  years: number[],
  level: (code: string, region: string, year: number) => number,
  ratioLevel: (ratio: Indicator, region: string, year: number) => number | undefined,
): Observation[] {
  const home = plan.home;
  const byCode = new Map(plan.indicators.map((i) => [i.code, i]));
  const peers = [
    ...new Set(plan.peerSets.filter((s) => s.members.includes(home)).flatMap((s) => s.members)),
  ].filter((p) => p !== home && PEER_SIZE[p] !== undefined);
  const out: Observation[] = [];
  const push = (ind: Indicator, region: string, year: number, value: number) =>
    out.push({
      id: `demo-${ind.code}-${region}-${year}`,
      indicator: indicatorCode(ind.code),
      region: regionCode(region),
      period: periodOf(year),
      value: round(value, ind.decimals),
      vintage: 'annual',
      provenance: 'synthetic',
    });
  const core = plan.indicators.filter((i) => i.core && !i.component);
  for (const peer of peers) {
    const size = PEER_SIZE[peer]!;
    for (const year of [years[0]! - 1, ...years]) {
      for (const ind of core) {
        const noise = randomSeeded(seedOf('peer', ind.code, peer, String(year))).logNormal(0.08);
        const tilt = randomSeeded(seedOf('peer-tilt', ind.code, peer)).between(0.6, 1.2);
        if (ind.aggregation === 'sum')
          push(ind, peer, year, level(ind.code, home, year) * size * tilt * noise);
        if (ind.ratio) {
          const den = byCode.get(ind.ratio.denominator)!;
          const num = byCode.get(ind.ratio.numerator)!;
          const real = REAL_FIGURES.find(
            (f) => f.indicator === ind.code && f.region === peer && f.year === year,
          );
          const r = real?.value ?? (ratioLevel(ind, home, year) ?? 1) * tilt * noise;
          const d = level(den.code, home, year) * size;
          push(den, peer, year, d);
          push(num, peer, year, (r * d) / ind.ratio.multiplier);
        }
        if (ind.growthOf) {
          const base = byCode.get(ind.growthOf)!;
          push(base, peer, year, level(base.code, home, year) * size * tilt * noise);
        }
      }
    }
  }
  return out;
}

function dedupe(observations: Observation[]): Observation[] {
  const seen = new Map<string, Observation>();
  for (const o of observations) {
    const k = `${o.indicator}|${o.region}|${o.period}`;
    const existing = seen.get(k);
    if (!existing || (o.provenance === 'real' && existing.provenance !== 'real')) seen.set(k, o);
  }
  return [...seen.values()];
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
