// Live updates: the bus that tells open screens (GET /api/events) that data was published. One bus per
// database — found by the workspace's repositories, which is all the publishing code holds. Every event is
// first appended to the event log (its id increasing; a screen resumes from it with Last-Event-ID), then
// announced: embedded mode fans out in process; server mode (several instances on one PostgreSQL) uses
// LISTEN/NOTIFY (events-postgres.ts) so that a publish on one instance reaches screens on every other.
import type { Repositories } from '../repositories/index.ts';

/** A collection round's publication committed: figures of `period` (the round's) are new at `at`. */
export interface PublishedEvent {
  /** Its id in the event log. */
  id: number;
  type: 'published';
  period: string;
  at: string;
}

/** An event-log row as the bus delivers it. */
export function eventFromLog(row: {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  at: string;
}): DingEvent {
  return { id: row.id, type: 'published', period: String(row.payload.period ?? ''), at: row.at };
}

export type DingEvent = PublishedEvent;
export type EventListener = (event: DingEvent) => void;

export interface EventBus {
  /** Deliver to every subscriber (of every instance, in server mode). Never throws for a listener's fault. */
  publish(event: DingEvent): Promise<void>;
  /**
   * Returns the unsubscribe function. `onClose` runs when the bus is closed (the server shuts down): an
   * event stream ends its response then. Subscribing to a closed bus calls `onClose` at once (on a
   * microtask), so a stream opened during shutdown ends too.
   */
  subscribe(listener: EventListener, onClose?: () => void): () => void;
  /**
   * Shutdown: end every subscription of this process — each subscriber's `onClose` runs once and it gets
   * no further events. Idempotent. (Only this instance's subscribers, in server mode.)
   */
  close(): void;
  /** Whether close() was called. */
  readonly closed: boolean;
}

/** The embedded-mode bus: listeners in this process, called synchronously in subscription order. */
export function eventBusInProcess(): EventBus {
  const listeners = new Map<EventListener, (() => void) | undefined>();
  let closed = false;
  const ended = (onClose: (() => void) | undefined) => {
    try {
      onClose?.();
    } catch {
      // A subscriber failing to end its stream must not keep the others open.
    }
  };
  return {
    async publish(event) {
      if (closed) return;
      for (const listener of [...listeners.keys()]) {
        try {
          listener(event);
        } catch {
          // One broken subscriber (a closed stream) must not keep the event from the others.
        }
      }
    },
    subscribe(listener, onClose) {
      // A function may subscribe twice (two screens' caches never do; a test may): key by a fresh wrapper.
      const own: EventListener = (event) => listener(event);
      if (closed) {
        queueMicrotask(() => ended(onClose));
        return () => undefined;
      }
      listeners.set(own, onClose);
      return () => void listeners.delete(own);
    },
    close() {
      if (closed) return;
      closed = true;
      const all = [...listeners.values()];
      listeners.clear();
      for (const onClose of all) ended(onClose);
    },
    get closed() {
      return closed;
    },
  };
}

const buses = new WeakMap<Repositories, EventBus>();

/** The bus of the database behind `repos` (a workspace's repositories); in process unless one was set. */
export function eventBusOf(repos: Repositories): EventBus {
  let bus = buses.get(repos);
  if (!bus) buses.set(repos, (bus = eventBusInProcess()));
  return bus;
}

/** Use `bus` for the database behind `repos` (server mode: the PostgreSQL LISTEN/NOTIFY bus). */
export function eventBusSet(repos: Repositories, bus: EventBus): void {
  buses.set(repos, bus);
}

/**
 * Shutdown: end every open event stream (GET /api/events) of the database behind `repos` in this process,
 * so that the HTTP server can close. Screens reconnect (SSE `retry`) to whichever server comes up next.
 */
export function eventsClose(repos: Repositories): void {
  eventBusOf(repos).close();
}

/**
 * Tell the screens that a publication committed. Called after the transaction, never inside it (a
 * rolled-back publish must not announce anything); a failure to notify does not undo the publication.
 */
export async function eventsPublished(repos: Repositories, period: string, at = new Date()): Promise<void> {
  try {
    const when = at.toISOString();
    const id = await repos.events.append('published', { period }, when);
    await eventBusOf(repos).publish({ id, type: 'published', period, at: when });
  } catch {
    // The figures are committed; screens still pick them up on their next load.
  }
}

/** How many event streams may be open at once (issue 16 §9: anonymous walls must not exhaust the server). */
export interface StreamLimits {
  /** Per client address: a meeting room has a few walls, not hundreds. */
  perAddress: number;
  /** In all, on this instance. */
  total: number;
}

export type StreamAdmission =
  { ok: true; release: () => void } | { ok: false; reason: 'address' | 'total'; open: number; limit: number };

interface StreamCounts {
  total: number;
  byAddress: Map<string, number>;
}

const streamCounts = new WeakMap<Repositories, StreamCounts>();

/**
 * Admit one more event stream from `address`, or say which cap it would pass. `release` (idempotent) gives
 * the place back when the stream ends. Counted per database of this process: each instance has its own.
 */
export function eventStreamAdmit(
  repos: Repositories,
  address: string,
  limits: StreamLimits,
): StreamAdmission {
  let counts = streamCounts.get(repos);
  if (!counts) streamCounts.set(repos, (counts = { total: 0, byAddress: new Map() }));
  const mine = counts.byAddress.get(address) ?? 0;
  if (mine >= limits.perAddress)
    return { ok: false, reason: 'address', open: mine, limit: limits.perAddress };
  if (counts.total >= limits.total)
    return { ok: false, reason: 'total', open: counts.total, limit: limits.total };
  counts.total += 1;
  counts.byAddress.set(address, mine + 1);
  const held = counts;
  let released = false;
  return {
    ok: true,
    release: () => {
      if (released) return;
      released = true;
      held.total -= 1;
      const left = (held.byAddress.get(address) ?? 1) - 1;
      if (left > 0) held.byAddress.set(address, left);
      else held.byAddress.delete(address);
    },
  };
}

/** Streams open now (all, and from `address`), for tests and diagnostics. */
export function eventStreamsOpen(repos: Repositories, address?: string): number {
  const counts = streamCounts.get(repos);
  if (!counts) return 0;
  return address === undefined ? counts.total : (counts.byAddress.get(address) ?? 0);
}
