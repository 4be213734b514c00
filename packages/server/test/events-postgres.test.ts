// Live events across two instances on one PostgreSQL (issue 15 §2): a publish on A reaches a subscriber of
// B within 2 s; B's LISTEN connection killed by the server and restored loses no event; a screen that
// reconnects with Last-Event-ID is sent what it missed, from the event log.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import {
  createApp,
  eventBusPostgres,
  eventBusSet,
  eventsClose,
  eventsPublished,
  migrateToLatest,
  workspaceOpen,
  type DingEvent,
  type PostgresEventBus,
  type Workspace,
} from '../src/index.ts';
import { TEST_POSTGRES_URL, dropPostgresSchema } from './support/databases.ts';

const schema = `ding_events_${randomBytes(5).toString('hex')}`;
let a: Workspace;
let b: Workspace;
let busB: PostgresEventBus;

const instance = async () => {
  const ws = await workspaceOpen({ url: TEST_POSTGRES_URL, schema });
  const bus = eventBusPostgres(ws.repos, {
    url: TEST_POSTGRES_URL,
    schema,
    db: ws.db.db,
    fallbackMs: 60_000,
    backoffMs: () => 100,
  });
  eventBusSet(ws.repos, bus);
  await bus.ready;
  return { ws, bus };
};

async function until<T>(what: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const first = await workspaceOpen({ url: TEST_POSTGRES_URL, schema });
  await migrateToLatest(first.db.db, first.db.dialect);
  await first.close();
  ({ ws: a } = await instance());
  ({ ws: b, bus: busB } = await instance());
}, 60_000);

afterAll(async () => {
  eventsClose(a.repos);
  eventsClose(b.repos);
  await a.close();
  await b.close();
  await dropPostgresSchema(schema);
});

describe('events across instances (LISTEN/NOTIFY)', () => {
  it('a publish on A reaches B within 2 s, with its event-log id', async () => {
    const seen: DingEvent[] = [];
    const off = busB.subscribe((e) => seen.push(e));
    const started = Date.now();
    await eventsPublished(a.repos, '2026Q3');
    const event = await until(() => seen[0], 2000);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(event).toMatchObject({ type: 'published', period: '2026Q3' });
    expect(event.id).toBe(await a.repos.events.latestId());
    off();
  });

  it("B's LISTEN connection killed and restored: the events published meanwhile arrive, in order, once", async () => {
    const seen: DingEvent[] = [];
    const off = busB.subscribe((e) => seen.push(e));
    const pid = busB.listenerPid()!;
    await sql`select pg_terminate_backend(${pid})`.execute(a.db.db);
    await eventsPublished(a.repos, '2026Q4');
    await eventsPublished(a.repos, '2027Q1');
    await until(() => (seen.length >= 2 ? true : undefined), 5000);
    expect(busB.listenerPid()).not.toBe(pid);
    expect(seen.map((e) => e.period)).toEqual(['2026Q4', '2027Q1']);
    expect(seen[1]!.id).toBeGreaterThan(seen[0]!.id);
    // and live again on the new connection
    await eventsPublished(a.repos, '2027Q2');
    await until(() => (seen.length >= 3 ? true : undefined), 2000);
    expect(seen.map((e) => e.period)).toEqual(['2026Q4', '2027Q1', '2027Q2']);
    off();
  });

  it('a screen reconnecting to B with Last-Event-ID is sent what it missed', async () => {
    const log = await b.repos.events.since(0);
    expect(log.map((e) => e.payload.period)).toEqual(['2026Q3', '2026Q4', '2027Q1', '2027Q2']);
    process.env.DING_SCREEN_PUBLIC = '1';
    const app = createApp(b);
    delete process.env.DING_SCREEN_PUBLIC;
    const res = await app.request('http://localhost/api/events', {
      headers: { 'last-event-id': String(log[1]!.id) },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes(`id: ${log[3]!.id}`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    await reader.cancel();
    expect(text).not.toContain(`id: ${log[1]!.id}\n`);
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([log[2]!.id, log[3]!.id]);
    expect(text).toContain('"period":"2027Q1"');
  });
});
