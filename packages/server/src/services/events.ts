// Live updates: the bus that tells open screens (GET /api/events) that data was published. One bus per
// database — found by the workspace's repositories, which is all the publishing code holds. Embedded mode
// fans out in process; server mode (several app instances on one PostgreSQL) will implement the same
// interface over LISTEN/NOTIFY so that a publish on one instance reaches screens connected to another.
import type { Repositories } from '../repositories/index.ts';

/** A collection round's publication committed: figures of `period` (the round's) are new at `at`. */
export interface PublishedEvent {
  type: 'published';
  period: string;
  at: string;
}

export type DingEvent = PublishedEvent;
export type EventListener = (event: DingEvent) => void;

export interface EventBus {
  /** Deliver to every subscriber (of every instance, in server mode). Never throws for a listener's fault. */
  publish(event: DingEvent): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

/** The embedded-mode bus: listeners in this process, called synchronously in subscription order. */
export function eventBusInProcess(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    async publish(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One broken subscriber (a closed stream) must not keep the event from the others.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
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
 * Tell the screens that a publication committed. Called after the transaction, never inside it (a
 * rolled-back publish must not announce anything); a failure to notify does not undo the publication.
 */
export async function eventsPublished(repos: Repositories, period: string, at = new Date()): Promise<void> {
  try {
    await eventBusOf(repos).publish({ type: 'published', period, at: at.toISOString() });
  } catch {
    // The figures are committed; screens still pick them up on their next load.
  }
}
