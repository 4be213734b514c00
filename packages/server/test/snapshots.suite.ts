// Published snapshots on every storage backend: what a snapshot pins, read back exactly after later
// revisions (issue 9 §2: "regenerating an archived report from its snapshot gives the same numbers").
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { buildPlan } from '@ding/core/testing';
import type { Period } from '@ding/core';
import { migrations } from '../src/db/migrations/index.ts';
import { importObservations } from '../src/import/index.ts';
import { observationRevise } from '../src/services/observation-edit.ts';
import { snapshotProgress, snapshotProgressAt } from '../src/services/snapshot-progress.ts';
import {
  createRepositories,
  migrateToLatest,
  workspaceProgress,
  type Repositories,
  type Workspace,
} from '../src/index.ts';
import { ADMIN, HUSHAN, KJJ, call, collectionWorld } from './collection.support.ts';
import { newObservation } from './repositories.suite.ts';
import { csvFile } from './support/files.ts';
import type { OpenTestDatabase, TestDatabase } from './support/databases.ts';

const HEADER = 'indicator,region,period,value,unit,vintage';

export function describeSnapshots(backend: string, open: OpenTestDatabase) {
  describe(`snapshots on ${backend}`, () => {
    let t: TestDatabase;
    let repos: Repositories;
    let tick = 0;
    beforeEach(async () => {
      t = await open();
      tick = 0;
      repos = createRepositories(t.handle.db, {
        clock: () => new Date(Date.UTC(2025, 9, 1, 0, 0, tick++)).toISOString(),
      });
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('an empty database has no snapshot, and is not fresh', async () => {
      expect(await repos.snapshots.latest()).toBeUndefined();
      expect(await repos.snapshots.list()).toEqual([]);
      expect(await repos.snapshots.freshness()).toEqual({ latest: undefined, fresh: false });
      await expect(repos.snapshots.observationsAt(1)).rejects.toThrow(/no snapshot with id 1/);
    });

    it('create pins the values in force with the plan version; ids count up; latest and list agree', async () => {
      const { stored } = await repos.plans.save(buildPlan(), { loadedBy: 't', activate: true });
      await repos.observations.insertMany(
        [newObservation({ value: 10 }), newObservation({ region: 'T2', value: 20 })],
        { createdBy: 't' },
      );
      const a = await repos.snapshots.create({ createdBy: '管理员', reason: 'init', detail: 'demo' });
      expect(a).toEqual({
        id: 1,
        createdAt: '2025-10-01T00:00:02.000Z',
        createdBy: '管理员',
        planVersionId: stored.id,
        planId: 'toy',
        planVersion: 1,
        reason: 'init',
        detail: 'demo',
        observationCount: 2,
      });
      await repos.observations.insertMany([newObservation({ region: 'T3', value: 30 })], { createdBy: 't' });
      const b = await repos.snapshots.create({ createdBy: 't', reason: 'init' });
      expect(b.id).toBe(2);
      expect(b.observationCount).toBe(3);
      expect(await repos.snapshots.get(1)).toEqual(a);
      expect(await repos.snapshots.get(99)).toBeUndefined();
      expect(await repos.snapshots.latest()).toEqual(b);
      expect((await repos.snapshots.list()).map((s) => s.id)).toEqual([2, 1]);
      expect((await repos.snapshots.list({ before: 2 })).map((s) => s.id)).toEqual([1]);
    });

    it('observationsAt(A) keeps the old value after a revision; observationsAt(B) has the new one', async () => {
      const { written } = await repos.observations.insertMany([newObservation({ value: 10 })], {
        createdBy: 't',
      });
      const a = await repos.snapshots.create({ createdBy: 't', reason: 'init' });
      const revised = await repos.observations.revise(written[0]!.id, { value: 12.5, createdBy: 't' });
      expect(revised.ok).toBe(true);
      const b = await repos.snapshots.create({ createdBy: 't', reason: 'correction' });
      const atA = await repos.snapshots.observationsAt(a.id);
      const atB = await repos.snapshots.observationsAt(b.id);
      expect(atA.map((o) => [o.value, o.revision, o.id])).toEqual([[10, 1, written[0]!.id]]);
      expect(atB.map((o) => [o.value, o.revision])).toEqual([[12.5, 2]]);
      // Snapshot B of the current state reads exactly like the repository's current values.
      expect(atB).toEqual(await repos.observations.current());
      expect(await repos.snapshots.pins(a.id, [written[0]!.id, 'other'])).toEqual(new Set([written[0]!.id]));
    });

    it("'best' vintage at a snapshot: the 年报 pinned then beats the 快报, as current({vintage: 'best'})", async () => {
      await repos.observations.insertMany(
        [newObservation({ value: 10 }), newObservation({ value: 11, vintage: 'annual' })],
        { createdBy: 't' },
      );
      const s = await repos.snapshots.create({ createdBy: 't', reason: 'init' });
      expect((await repos.snapshots.observationsAt(s.id, { vintage: 'best' })).map((o) => o.value)).toEqual([
        11,
      ]);
      expect((await repos.snapshots.observationsAt(s.id, { vintage: 'flash' })).map((o) => o.value)).toEqual([
        10,
      ]);
      expect(await repos.snapshots.observationsAt(s.id, { vintage: 'best' })).toEqual(
        await repos.observations.current({ vintage: 'best' }),
      );
    });

    it('freshness: a write after the latest snapshot makes it stale until the next snapshot', async () => {
      await repos.observations.insertMany([newObservation()], { createdBy: 't' });
      expect((await repos.snapshots.freshness()).fresh).toBe(false);
      const s = await repos.snapshots.create({ createdBy: 't', reason: 'init' });
      expect(await repos.snapshots.freshness()).toEqual({ latest: s, fresh: true });
      // Writing an identical value writes nothing: still fresh.
      await repos.observations.insertMany([newObservation()], { createdBy: 't' });
      expect((await repos.snapshots.freshness()).fresh).toBe(true);
      await repos.observations.insertMany([newObservation({ value: 11 })], { createdBy: 't' });
      expect((await repos.snapshots.freshness()).fresh).toBe(false);
      await repos.snapshots.create({ createdBy: 't', reason: 'init' });
      expect((await repos.snapshots.freshness()).fresh).toBe(true);
    });

    it('a snapshot in a transaction that fails is not kept, and its id is not used up', async () => {
      await expect(
        repos.transaction(async (tx) => {
          await tx.observations.insertMany([newObservation()], { createdBy: 't' });
          await tx.snapshots.create({ createdBy: 't', reason: 'init' });
          throw new Error('crash after the snapshot');
        }),
      ).rejects.toThrow('crash after the snapshot');
      expect(await repos.snapshots.latest()).toBeUndefined();
      const { rows } = await sql<{
        n: number | string;
      }>`select count(*) as n from snapshot_observations`.execute(t.handle.db);
      expect(Number(rows[0]?.n)).toBe(0);
      await repos.observations.insertMany([newObservation()], { createdBy: 't' });
      expect((await repos.snapshots.create({ createdBy: 't', reason: 'init' })).id).toBe(1);
    });

    it('the database refuses a publication snapshot without its round and an import one without its batch', async () => {
      await expect(repos.snapshots.create({ createdBy: 't', reason: 'publication' })).rejects.toThrow(
        /snapshots_publication_round|constraint/i,
      );
      await expect(repos.snapshots.create({ createdBy: 't', reason: 'import' })).rejects.toThrow(
        /snapshots_import_batch|constraint/i,
      );
      await expect(
        repos.snapshots.create({ createdBy: 't', reason: 'import', batchId: 'no-such-batch' }),
      ).rejects.toThrow(/foreign key/i);
    });

    it('an import pins its batch in its transaction; re-importing the same figures makes no snapshot', async () => {
      const plan = buildPlan();
      await repos.plans.save(plan, { loadedBy: 't', activate: true });
      const file = csvFile([HEADER, 'firms,T1,2025Q3,10,,', 'firms,T2,2025Q3,20,,']);
      const outcome = await importObservations(repos, plan, file, { createdBy: '统计员' });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
      const s = await repos.snapshots.latest();
      expect(s).toMatchObject({ id: 1, reason: 'import', batchId: outcome.batch.id, observationCount: 2 });
      const again = await importObservations(repos, plan, file, { createdBy: '统计员' });
      expect(again.ok && again.unchanged).toBe(2);
      expect((await repos.snapshots.latest())?.id).toBe(1);
      expect((await repos.snapshots.freshness()).fresh).toBe(true);
    });

    it('migration 0004 gives a database that already held figures snapshot 1 of them', async () => {
      const fresh = await open({ migrate: false });
      try {
        const migrator = new Migrator({
          db: fresh.handle.db,
          provider: { getMigrations: async () => migrations },
          ...(fresh.handle.dialect === 'postgres'
            ? {
                migrationTableSchema: (
                  await sql<{ s: string }>`select current_schema() as s`.execute(fresh.handle.db)
                ).rows[0]!.s,
              }
            : {}),
        });
        expect((await migrator.migrateTo('0003_collection')).error).toBeUndefined();
        const old = createRepositories(fresh.handle.db);
        // Written through Kysely without the repository's snapshot table (it does not exist yet).
        await old.observations.insertMany([newObservation(), newObservation({ region: 'T2' })], {
          createdBy: 'old',
        });
        await migrateToLatest(fresh.handle.db, fresh.handle.dialect);
        const s = await old.snapshots.latest();
        expect(s).toMatchObject({ id: 1, reason: 'migration', observationCount: 2 });
        expect((await old.snapshots.freshness()).fresh).toBe(true);
        expect(await old.snapshots.observationsAt(1)).toEqual(await old.observations.current());
      } finally {
        await fresh.dispose();
      }
    });

    describe('progress per snapshot (services/snapshot-progress.ts)', () => {
      const plan = buildPlan();
      const Q3 = '2025Q3' as Period;
      const ws = (): Workspace => ({ db: t.handle, repos, close: async () => undefined });

      it('equals workspaceProgress; computed once per snapshot, plan and period; a new snapshot recomputes', async () => {
        await repos.plans.save(plan, { loadedBy: 't', activate: true });
        const { written } = await repos.observations.insertMany(
          [newObservation({ value: 10 }), newObservation({ region: 'T2', value: 20 })],
          { createdBy: 't' },
        );
        const w = ws();
        // No snapshot yet: computed from the values in force, not cached.
        const none = await snapshotProgress(w, plan, Q3);
        expect(none).toMatchObject({ snapshotId: null, cached: false });
        expect(none.rows).toEqual(await workspaceProgress(w, plan, Q3));

        const a = await repos.snapshots.create({ createdBy: 't', reason: 'init' });
        const first = await snapshotProgress(w, plan, Q3);
        expect(first).toMatchObject({ snapshotId: a.id, cached: false });
        expect(first.rows).toEqual(await workspaceProgress(w, plan, Q3));
        const firms = (rows: typeof first.rows) =>
          rows.find((r) => r.indicator === 'firms' && r.region === 'T1')?.value?.value;
        expect(firms(first.rows)).toBe(10);
        // A re-parsed copy of the same plan version and the same options in another order: the cache.
        const again = await snapshotProgress(w, structuredClone(plan), Q3, {});
        expect(again.cached).toBe(true);
        expect(again.rows).toBe(first.rows);
        const t12 = await snapshotProgress(w, plan, Q3, { regions: ['T1', 'T2'] as never });
        const t21 = await snapshotProgress(w, plan, Q3, { regions: ['T2', 'T1'] as never });
        expect([t12.cached, t21.cached]).toEqual([false, true]);
        // Another period and another plan version are other tables.
        expect((await snapshotProgress(w, plan, '2025Q2' as Period)).cached).toBe(false);
        const edited = { ...plan, name: { zh: '改名县', en: 'Renamed county' } };
        expect((await snapshotProgress(w, edited, Q3)).cached).toBe(false);

        // A correction written without a snapshot: never served stale, computed afresh, not cached.
        await repos.observations.revise(written[0]!.id, { value: 11, createdBy: 't' });
        const stale = await snapshotProgress(w, plan, Q3);
        expect(stale).toMatchObject({ snapshotId: null, cached: false });
        expect(firms(stale.rows)).toBe(11);
        // The next snapshot supersedes the cache of A.
        const b = await repos.snapshots.create({ createdBy: 't', reason: 'correction' });
        const afterB = await snapshotProgress(w, plan, Q3);
        expect(afterB).toMatchObject({ snapshotId: b.id, cached: false });
        expect(firms(afterB.rows)).toBe(11);
        expect((await snapshotProgress(w, plan, Q3)).cached).toBe(true);
        // An archived snapshot's table still reads A's figures.
        expect(firms(await snapshotProgressAt(w, a.id, plan, Q3))).toBe(10);
      });
    });

    if (backend === 'postgres') {
      it('two writers at once: snapshot ids follow commit order and the later one holds both', async () => {
        let firstWrote!: () => void;
        const wrote = new Promise<void>((r) => (firstWrote = r));
        const first = repos.transaction(async (tx) => {
          await tx.observations.insertMany([newObservation({ region: 'T1' })], { createdBy: 'a' });
          firstWrote();
          // The second writer is now waiting on snapshot_state's row (its INSERT's trigger).
          await new Promise((r) => setTimeout(r, 300));
          return tx.snapshots.create({ createdBy: 'a', reason: 'init' });
        });
        await wrote;
        const second = repos.transaction(async (tx) => {
          await tx.observations.insertMany([newObservation({ region: 'T2' })], { createdBy: 'b' });
          return tx.snapshots.create({ createdBy: 'b', reason: 'init' });
        });
        const [a, b] = await Promise.all([first, second]);
        expect([a.id, b.id]).toEqual([1, 2]);
        expect((await repos.snapshots.observationsAt(1)).map((o) => o.region)).toEqual(['T1']);
        expect((await repos.snapshots.observationsAt(2)).map((o) => o.region)).toEqual(['T1', 'T2']);
        expect((await repos.snapshots.freshness()).fresh).toBe(true);
      });
    }
  });

  describe(`snapshots of publications and corrections on ${backend}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await open();
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('publish → snapshot A; an admin corrects the figure → snapshot B; A still reads the published value', async () => {
      const w = await collectionWorld(t);
      const repos = w.ws.repos;
      const round = await call<{ id: string }>(w.app, ADMIN, 'POST', '/rounds', {
        period: '2025Q4',
        dueDate: '2026-01-15',
      });
      expect(round.status).toBe(201);
      const HS = HUSHAN.region!;
      const before = (
        await repos.observations.current({ indicators: ['hightech_enterprises'], regions: [HS] })
      ).find((o) => o.period === '2024Q4');
      // A plausible figure (5% over last year's) passes the collection checks without a reason.
      const value = Math.round((before?.value ?? 100) * 1.05);
      const sent = await call(w.app, KJJ, 'PUT', `/rounds/${round.body.id}/values`, {
        rows: [{ indicator: 'hightech_enterprises', region: HS, value }],
      });
      expect(sent.status).toBe(200);
      const queue = await call<{ id: string }[]>(w.app, ADMIN, 'GET', '/review');
      expect(
        (await call(w.app, ADMIN, 'POST', '/review/approve', { ids: queue.body.map((r) => r.id) })).status,
      ).toBe(200);
      expect((await call(w.app, ADMIN, 'POST', '/review/publish', { period: '2025Q4' })).status).toBe(200);

      const a = await repos.snapshots.latest();
      expect(a).toMatchObject({ reason: 'publication', roundId: round.body.id, createdBy: ADMIN.username });
      const published = (await repos.snapshots.observationsAt(a!.id)).find(
        (o) => o.indicator === 'hightech_enterprises' && o.region === HS && o.period === '2025Q4',
      );
      expect(published?.value).toBe(value);

      const fixed = await observationRevise(repos, w.plan, ADMIN, published!.id, {
        value: value + 1,
        expectedRevision: published!.revision,
        reason: '更正笔误',
      });
      expect(fixed.ok).toBe(true);
      const b = await repos.snapshots.latest();
      expect(b).toMatchObject({ id: a!.id + 1, reason: 'correction', detail: '更正笔误' });
      const at = async (id: number) =>
        (await repos.snapshots.observationsAt(id, { vintage: 'best' })).find(
          (o) => o.indicator === 'hightech_enterprises' && o.region === HS && o.period === '2025Q4',
        )?.value;
      expect(await at(a!.id)).toBe(value);
      expect(await at(b!.id)).toBe(value + 1);
    });
  });
}
