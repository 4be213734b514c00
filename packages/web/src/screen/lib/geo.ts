// Matching an operator's GeoJSON to the towns: which feature property holds the town (its code or its name),
// so that ECharts' map series (nameProperty) can join the features with the payload's tiles.

interface Feature {
  properties?: Record<string, unknown> | null;
}

/** Properties tried, in order: codes first (exact), then names. */
const CANDIDATES = ['code', 'adcode', 'region', 'id', 'gb', 'name', 'NAME', 'name_zh', 'town', 'Name'];

export interface GeoJoin {
  /** The feature property that identifies a town. */
  property: string;
  /** What it holds: the region code, or the region's Chinese name. */
  by: 'code' | 'name';
  /** Towns found in the file. */
  matched: number;
}

const featuresOf = (geojson: unknown): Feature[] => {
  if (typeof geojson !== 'object' || geojson === null) return [];
  const f = (geojson as { features?: unknown }).features;
  return Array.isArray(f) ? (f as Feature[]) : [];
};

/**
 * The property of the features that names the most towns (by code, else by Chinese name); null when no
 * property matches any town, in which case the screen keeps the schematic tile map.
 */
export function geoJoin(
  geojson: unknown,
  towns: readonly { region: string; name: { zh: string } }[],
): GeoJoin | null {
  const features = featuresOf(geojson);
  if (!features.length || !towns.length) return null;
  const codes = new Set(towns.map((t) => t.region));
  const names = new Set(towns.map((t) => t.name.zh));
  let best: GeoJoin | null = null;
  const keys = new Set<string>(CANDIDATES);
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  for (const property of keys) {
    for (const by of ['code', 'name'] as const) {
      const set = by === 'code' ? codes : names;
      const matched = new Set(
        features.map((f) => String(f.properties?.[property] ?? '')).filter((v) => set.has(v)),
      ).size;
      if (matched > (best?.matched ?? 0)) best = { property, by, matched };
    }
  }
  return best;
}

/** The name a town's data item must carry to join its feature. */
export function geoItemName(join: GeoJoin, town: { region: string; name: { zh: string } }): string {
  return join.by === 'code' ? town.region : town.name.zh;
}
