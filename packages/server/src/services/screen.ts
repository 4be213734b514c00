// The big screens over the stored data: the published (best-vintage) observations and the active plan fed
// to core's pure builders, with the towns' 科技创新指数; payloads cached per (screen, period, cards) and
// dropped when a publication commits (the event bus) or the data or plan changed otherwise.
import {
  currentPeriodResolve,
  periodCompare,
  periodIsValid,
  screenCardIndicators,
  screenCityBuild,
  screenRowsCompute,
  screenTownBuild,
  screenTowns,
  type CurrentPeriod,
  type LocalizedName,
  type Period,
  type Plan,
  type RegionCode,
  type ScreenIndexInput,
  type ScreenPayload,
} from '@ding/core';
import type { ObservationRecord } from '../repositories/index.ts';
import { eventBusOf } from './events.ts';
import { workspaceIndex } from './index-scores.ts';
import type { Workspace } from './workspace.ts';

/** A request the screen service refuses: the HTTP layer maps `kind` to a status and a stable code. */
export class ScreenError extends Error {
  constructor(
    readonly kind: 'bad_period' | 'validation' | 'not_found',
    readonly text: LocalizedName,
  ) {
    super(text.en);
    this.name = 'ScreenError';
  }
}

export type ScreenRequest = { kind: 'city' } | { kind: 'town'; town: string };

export interface ScreenQuery {
  /**
   * YYYY or YYYYQn; default the current period (core's currentPeriodResolve: the latest period in which
   * at least half of the home region's core indicators due have a value), else the latest with data.
   */
  period?: string;
  /** Card indicators; default the plan's core indicators. */
  cards?: readonly string[];
}

/** What a set of payloads was computed from: the stored rows (their write counter moves) and the plan. */
interface Snapshot {
  stamp: string;
  plan: Plan;
  observations: ObservationRecord[];
  /** The period shown when none is asked for, and the quarter being collected (currentPeriodResolve). */
  current: CurrentPeriod;
  /** True when any published observation in force is synthetic demo data. */
  synthetic: boolean;
}

interface ScreenState {
  snapshot: Promise<Snapshot> | undefined;
  payloads: Map<string, Promise<ScreenPayload>>;
}

/** Payloads kept per workspace; beyond this the oldest is dropped. */
const MAX_PAYLOADS = 64;

const states = new WeakMap<Workspace, ScreenState>();

function stateOf(ws: Workspace): ScreenState {
  let state = states.get(ws);
  if (!state) {
    const fresh: ScreenState = { snapshot: undefined, payloads: new Map() };
    states.set(ws, (state = fresh));
    // A publish (here, or on another instance in server mode) drops everything computed before it.
    eventBusOf(ws.repos).subscribe(() => screenCacheClear(ws));
  }
  return state;
}

/** Forget every cached payload and the observations they came from. */
export function screenCacheClear(ws: Workspace): void {
  const state = states.get(ws);
  if (!state) return;
  state.snapshot = undefined;
  state.payloads.clear();
}

/**
 * The published observations and the active plan, reloaded when the stamp moved. The stamp (observation
 * writes counted by the database, active plan version) also catches writes that do not go through a publish: an
 * admin's correction, an import from the CLI, a plan edit.
 */
async function snapshotOf(ws: Workspace): Promise<Snapshot> {
  const state = stateOf(ws);
  const stored = await ws.repos.plans.active();
  if (!stored) throw new ScreenError('not_found', { zh: '尚未载入方案', en: 'no plan is loaded' });
  // Not a count of every observation revision (issue 16 §9: under load a wall took 14–16 s after a
  // publish): the write counter the 0004 triggers keep, one row.
  const writes = await ws.repos.snapshots.observationWrites();
  const stamp = `${stored.id}:${stored.version}:${writes}`;
  const cached = state.snapshot && (await state.snapshot.catch(() => undefined));
  if (cached?.stamp === stamp) return cached;
  state.payloads.clear();
  const loading = (async (): Promise<Snapshot> => {
    const observations = await ws.repos.observations.current({ vintage: 'best' });
    const current = currentPeriodResolve(stored.plan, observations);
    const synthetic = observations.some((o) => o.provenance === 'synthetic');
    return { stamp, plan: stored.plan, observations, current, synthetic };
  })();
  state.snapshot = loading;
  loading.catch(() => {
    if (state.snapshot === loading) state.snapshot = undefined;
  });
  return loading;
}

/** The published observations in force (best vintage) and the active plan, as the screens see them. */
export async function screenData(ws: Workspace): Promise<{ plan: Plan; observations: ObservationRecord[] }> {
  const s = await snapshotOf(ws);
  return { plan: s.plan, observations: s.observations };
}

/**
 * The current period of the published data (the default of the app, the progress API, the screens) with
 * the quarter being collected, and whether any published figure is synthetic. Cached with the screens'
 * snapshot, so it moves when a publication commits or the data or the plan changes.
 */
export async function publishedStatus(
  ws: Workspace,
): Promise<{ current: CurrentPeriod; synthetic: boolean }> {
  const s = await snapshotOf(ws);
  return { current: s.current, synthetic: s.synthetic };
}

/** The period asked for (validated), else the current period; 404 when nothing is published. */
export async function screenPeriod(ws: Workspace, asked?: string): Promise<Period> {
  return periodResolve(await snapshotOf(ws), asked);
}

function periodResolve(s: Snapshot, asked: string | undefined): Period {
  if (asked !== undefined) {
    if (!periodIsValid(asked))
      throw new ScreenError('bad_period', {
        zh: '期别格式应为 YYYY 或 YYYYQn（如 2025Q3）',
        en: 'a period is YYYY or YYYYQn (e.g. 2025Q3)',
      });
    return asked;
  }
  if (!s.current.period)
    throw new ScreenError('not_found', {
      zh: '还没有任何已发布的数据',
      en: 'nothing has been published yet',
    });
  return s.current.period;
}

function cardsResolve(plan: Plan, cards: readonly string[] | undefined): readonly string[] | undefined {
  if (!cards || cards.length === 0) return undefined;
  const known = new Set(plan.indicators.map((i) => i.code));
  const unknown = cards.find((c) => !known.has(c));
  if (unknown !== undefined)
    throw new ScreenError('validation', {
      zh: `方案中没有指标 ${unknown}`,
      en: `the plan has no indicator ${unknown}`,
    });
  return cards;
}

/** The payload of the city or a town screen for a period, from the cache when nothing changed since. */
export async function screenPayload(
  ws: Workspace,
  request: ScreenRequest,
  query: ScreenQuery = {},
): Promise<ScreenPayload> {
  return (await screenPayloadKeyed(ws, request, query)).payload();
}

/**
 * The key of a screen's payload — what it is computed from: the stamp (active plan version, observation
 * write counter), the screen, the period and the card indicators — and the payload itself, computed (or
 * taken from the cache) only when asked for. Equal keys, equal payloads: the screens' ETag.
 */
export async function screenPayloadKeyed(
  ws: Workspace,
  request: ScreenRequest,
  query: ScreenQuery = {},
): Promise<{ key: string; payload: () => Promise<ScreenPayload> }> {
  const snapshot = await snapshotOf(ws);
  const period = periodResolve(snapshot, query.period);
  const cards = cardsResolve(snapshot.plan, query.cards);
  if (request.kind === 'town' && !screenTowns(snapshot.plan, period).includes(request.town as RegionCode))
    throw new ScreenError('not_found', {
      zh: `${period} 没有镇街 ${request.town}`,
      en: `no town ${request.town} in ${period}`,
    });
  const state = stateOf(ws);
  const key = [
    snapshot.stamp,
    request.kind === 'town' ? `town:${request.town}` : 'city',
    period,
    screenCardIndicators(snapshot.plan, cards)
      .map((i) => i.code)
      .join(','),
  ].join('|');
  const payload = () => {
    let computed = state.payloads.get(key);
    if (!computed) {
      computed = screenCompute(ws, snapshot, request, period, cards);
      state.payloads.set(key, computed);
      computed.catch(() => state.payloads.delete(key));
      if (state.payloads.size > MAX_PAYLOADS) state.payloads.delete(state.payloads.keys().next().value!);
    }
    return computed;
  };
  return { key, payload };
}

/**
 * What everything the screens show is computed from — the active plan version and the observation write
 * counter — with the period a request without one gets: equal answers, equal data (the ETags of the index
 * explanation).
 */
export async function screenStamp(ws: Workspace, asked?: string): Promise<{ stamp: string; period: Period }> {
  const snapshot = await snapshotOf(ws);
  return { stamp: snapshot.stamp, period: periodResolve(snapshot, asked) };
}

async function screenCompute(
  ws: Workspace,
  snapshot: Snapshot,
  request: ScreenRequest,
  period: Period,
  cards: readonly string[] | undefined,
): Promise<ScreenPayload> {
  const { plan, observations } = snapshot;
  const data = screenRowsCompute(plan, observations, period, cards ? { cardIndicators: cards } : {});
  const warnings: string[] = [];
  const index = await townsIndex(ws, plan, period, warnings);
  let publishedAt: string | null = null;
  for (const o of observations)
    if (periodCompare(o.period, period) <= 0 && (publishedAt === null || o.createdAt > publishedAt))
      publishedAt = o.createdAt;
  const options = { ...(cards ? { cardIndicators: cards } : {}), index, publishedAt, warnings };
  return request.kind === 'city'
    ? screenCityBuild(plan, data, options)
    : screenTownBuild(plan, data, request.town as RegionCode, options);
}

const nameOf = (n: string | LocalizedName): LocalizedName => (typeof n === 'string' ? { zh: n, en: n } : n);

/** The peer set of the home region's towns (Cixi: cixi-towns): every member's parent is the home region. */
export function screenTownPeerSet(plan: Plan): string | undefined {
  const parent = new Map(plan.regions.map((r) => [r.code, r.parent]));
  return plan.peerSets.find((s) => s.members.every((m) => parent.get(m) === plan.home))?.code;
}

/** The towns' 科技创新指数 for the period; null (with the reason in `warnings`) when it cannot be computed. */
async function townsIndex(
  ws: Workspace,
  plan: Plan,
  period: Period,
  warnings: string[],
): Promise<ScreenIndexInput | null> {
  const peerSet = screenTownPeerSet(plan);
  if (!peerSet) {
    warnings.push('科技创新指数: the plan has no peer set of its towns');
    return null;
  }
  const r = await workspaceIndex(ws, plan, { period, peerSet });
  if (!r.ok) {
    warnings.push(`科技创新指数 for ${period}: ${r.errors.map((e) => e.message).join('; ')}`);
    return null;
  }
  warnings.push(...r.value.warnings.map((w) => `科技创新指数: ${w}`));
  return {
    ...(r.value.spec.name ? { name: nameOf(r.value.spec.name) } : {}),
    scores: r.value.scores,
    ...(r.value.change ? { change: r.value.change } : {}),
    synthetic: r.value.synthetic,
    peerSet,
    ...(r.value.fallback ? { fallback: { period: r.value.period, reason: r.value.fallback.reason } } : {}),
  };
}
