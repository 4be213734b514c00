// The server-mode event bus (issue 15 §2): several instances on one PostgreSQL. Publishing appends to the
// event log (events.ts does, after the publication committed) and sends an id-only NOTIFY; every instance
// holds one dedicated LISTEN connection (not from the pool, which hands connections out per query) and, on
// a notification and on a fallback timer, reads the log after the last id it delivered — so a notification
// lost while its connection was down costs a few seconds, never an event. The connection reconnects with
// backoff. Subscribers of this process are called as in embedded mode.
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Repositories } from '../repositories/index.ts';
import { eventBusInProcess, eventFromLog, type EventBus } from './events.ts';

export interface PostgresBusOptions {
  /** The database's URL (DATABASE_URL), for the dedicated LISTEN connection. */
  url: string;
  /** The app's pool, for NOTIFY. */
  db: Kysely<Database>;
  /** The schema the app's tables are in, when not the default: instances of one schema share a channel. */
  schema?: string;
  /** Catch-up read without a notification (default 5 s). */
  fallbackMs?: number;
  /** Wait before reconnecting after the n-th consecutive failure (default 0.5 s doubling to 30 s). */
  backoffMs?: (failures: number) => number;
  onError?: (e: unknown) => void;
}

export interface PostgresEventBus extends EventBus {
  /** Resolves once listening (and the starting point read). */
  readonly ready: Promise<void>;
  /** The backend pid of the LISTEN connection (tests end it to simulate a network cut). */
  listenerPid(): number | undefined;
}

/** NOTIFY channel of a schema: instances of the same database and schema hear each other, others do not. */
export function eventChannel(schema?: string): string {
  return `ding_events${schema ? `_${schema.toLowerCase().replace(/[^a-z0-9_]/g, '_')}` : ''}`.slice(0, 63);
}

export function eventBusPostgres(repos: Repositories, options: PostgresBusOptions): PostgresEventBus {
  const local = eventBusInProcess();
  const channel = eventChannel(options.schema);
  const backoff = options.backoffMs ?? ((n: number) => Math.min(30_000, 500 * 2 ** Math.max(0, n - 1)));
  let lastId = 0;
  let client: pg.Client | undefined;
  let pid: number | undefined;
  let failures = 0;
  let reconnect: NodeJS.Timeout | undefined;
  let reading: Promise<void> = Promise.resolve();

  // One catch-up at a time, in order: each delivers the rows after the last one delivered.
  const catchUp = () => {
    reading = reading
      .then(async () => {
        if (local.closed) return;
        for (const row of await repos.events.since(lastId)) {
          lastId = row.id;
          await local.publish(eventFromLog(row));
        }
      })
      .catch((e) => options.onError?.(e));
    return reading;
  };

  const scheduleReconnect = () => {
    if (local.closed || reconnect) return;
    const old = client;
    client = undefined;
    pid = undefined;
    old?.removeAllListeners();
    void old?.end().catch(() => undefined);
    failures += 1;
    reconnect = setTimeout(() => {
      reconnect = undefined;
      void connect();
    }, backoff(failures));
    reconnect.unref();
  };

  async function connect(): Promise<void> {
    if (local.closed) return;
    const c = new pg.Client({ connectionString: options.url });
    c.on('error', (e) => {
      options.onError?.(e);
      scheduleReconnect();
    });
    c.on('end', scheduleReconnect);
    c.on('notification', () => void catchUp());
    try {
      await c.connect();
      await c.query(`listen "${channel}"`);
      const r = await c.query<{ pid: number }>('select pg_backend_pid() as pid');
      client = c;
      pid = r.rows[0]?.pid;
      failures = 0;
      // Whatever was published while no connection listened.
      await catchUp();
    } catch (e) {
      options.onError?.(e);
      c.removeAllListeners();
      void c.end().catch(() => undefined);
      scheduleReconnect();
    }
  }

  const ready = (async () => {
    lastId = await repos.events.latestId();
    await connect();
  })();
  const fallback = setInterval(() => void catchUp(), options.fallbackMs ?? 5000);
  fallback.unref();

  return {
    ready,
    listenerPid: () => pid,
    async publish(event) {
      if (local.closed) return;
      // The row is in the log already; the NOTIFY only says "read it" (its payload is the id, far below
      // the 8,000-byte limit), and goes through the pool outside any transaction.
      await sql`select pg_notify(${channel}, ${String(event.id)})`.execute(options.db);
    },
    subscribe: (listener, onClose) => local.subscribe(listener, onClose),
    close() {
      if (local.closed) return;
      local.close();
      clearInterval(fallback);
      if (reconnect) clearTimeout(reconnect);
      const c = client;
      client = undefined;
      c?.removeAllListeners();
      void c?.end().catch(() => undefined);
    },
    get closed() {
      return local.closed;
    },
  };
}
