// Names and places of the regions a payload mentions: the trace panel gets codes (its inputs, the source
// observations) and names them from here; the tile map's grid size comes from the tiles' positions.
import type { LocalizedName, ScreenPayload, ScreenTile } from '@ding/core';

/** Every region the payload names: the screen's own, the trend regions (全市, 市级, 前湾), towns, alerts, index. */
export function regionNames(payload: ScreenPayload | null | undefined): Map<string, LocalizedName> {
  const names = new Map<string, LocalizedName>();
  if (!payload) return names;
  const add = (code: string, name: LocalizedName) => {
    if (!names.has(code)) names.set(code, name);
  };
  add(payload.region, payload.regionName);
  for (const t of payload.trends) add(t.region, t.regionName);
  for (const list of Object.values(payload.tiles)) for (const t of list) add(t.region, t.name);
  for (const list of Object.values(payload.ranking)) for (const r of list) add(r.region, r.name);
  for (const a of payload.alerts) add(a.region, a.regionName);
  for (const i of payload.index) add(i.region, i.name);
  return names;
}

/** Columns and rows of the schematic map: one more than the largest position. */
export function tileGrid(tiles: readonly Pick<ScreenTile, 'col' | 'row'>[]): { cols: number; rows: number } {
  let cols = 0;
  let rows = 0;
  for (const t of tiles) {
    cols = Math.max(cols, t.col + 1);
    rows = Math.max(rows, t.row + 1);
  }
  return { cols, rows };
}

/** The towns of a payload, west → east, from the first metric that has tiles. */
export function payloadTowns(payload: ScreenPayload | null | undefined): ScreenTile[] {
  if (!payload) return [];
  for (const m of payload.mapMetrics) {
    const tiles = payload.tiles[m.key];
    if (tiles?.length) return tiles;
  }
  return Object.values(payload.tiles).find((t) => t.length) ?? [];
}

/** The metric to show: the one asked for if the payload has it, else the first indicator, else the first. */
export function metricChoose(
  payload: ScreenPayload | null | undefined,
  asked: string | null | undefined,
): string {
  const keys = payload?.mapMetrics.map((m) => m.key) ?? [];
  if (asked && keys.includes(asked)) return asked;
  return keys.find((k) => payload?.cards.some((c) => c.indicator === k)) ?? keys[0] ?? '';
}
