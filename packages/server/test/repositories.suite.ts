// One repository test suite, run against every storage backend (SQLite and PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildPlan } from '@ding/core/testing';
import type { Period } from '@ding/core';
import {
  MigrationError,
  createRepositories,
  migrateToLatest,
  type NewObservation,
  type Repositories,
} from '../src/index.ts';
import type { OpenTestDatabase, TestDatabase } from './support/databases.ts';

const CITATION_GDP = '慈溪市2022年国民经济和社会发展统计公报';

export function newObservation(overrides: Partial<NewObservation> = {}): NewObservation {
  return {
    indicator: 'firms',
    region: 'T1',
    period: '2025Q3',
    value: 10,
    vintage: 'flash',
    provenance: 'synthetic',
    ...overrides,
  };
}

export function describeRepositories(backend: string, open: OpenTestDatabase) {
  describe(`repositories on ${backend}`, () => {
    let t: TestDatabase;
    let repos: Repositories;
    let tick = 0;
    beforeEach(async () => {
      t = await open();
      tick = 0;
      // A clock that moves one second per call: history order is deterministic.
      repos = createRepositories(t.handle.db, {
        clock: () => new Date(Date.UTC(2025, 9, 1, 0, 0, tick++)).toISOString(),
      });
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('reports the dialect it opened', () => {
      expect(t.handle.dialect).toBe(backend);
    });

    describe('migrations', () => {
      it('are idempotent: a second run applies nothing and keeps the data', async () => {
        await repos.observations.insertMany([newObservation()], { createdBy: 'test' });
        const again = await migrateToLatest(t.handle.db, t.handle.dialect);
        expect(again.applied).toEqual([]);
        expect(again.all).toContain('0001_initial');
        expect(await repos.observations.count()).toBe(1);
      });

      it('apply every migration on an empty database', async () => {
        const fresh = await open({ migrate: false });
        try {
          const first = await migrateToLatest(fresh.handle.db, fresh.handle.dialect);
          expect(first.applied).toEqual(first.all);
          expect(first.all[0]).toBe('0001_initial');
          expect(await createRepositories(fresh.handle.db).observations.count()).toBe(0);
        } finally {
          await fresh.dispose();
        }
      });
      it('a failing migration is named and leaves no half-built schema', async () => {
        const fresh = await open({ migrate: false });
        try {
          // A stray table in the way makes 0001 fail after it has already created nothing else.
          await sql`create table import_batches (x integer)`.execute(fresh.handle.db);
          const error = await migrateToLatest(fresh.handle.db, fresh.handle.dialect).catch((e: unknown) => e);
          expect(error).toBeInstanceOf(MigrationError);
          expect((error as MigrationError).migration).toBe('0001_initial');
          expect((error as Error).message).toMatch(
            /^database migration 0001_initial failed: .*import_batches/,
          );
          // plans was created before the failure; the whole migration was rolled back.
          await expect(sql`select count(*) from plans`.execute(fresh.handle.db)).rejects.toThrow(/plans/);
        } finally {
          await fresh.dispose();
        }
      });
    });

    describe('observations', () => {
      it('round-trip every field, Chinese text included', async () => {
        const input = newObservation({
          indicator: 'gdp',
          region: '330282',
          period: '2022',
          value: 2521.58,
          vintage: 'annual',
          provenance: 'real',
          citation: CITATION_GDP,
          source: '市统计局',
          note: '全市生产总值（亿元），含前湾新区；陆中湾街道自2024年11月设立',
        });
        const summary = await repos.observations.insertMany([input], { createdBy: '统计员' });
        expect(summary).toMatchObject({ created: 1, revised: 0, unchanged: 0 });
        const [read] = await repos.observations.current();
        expect(read).toEqual({
          ...input,
          id: summary.written[0]!.id,
          status: 'published',
          revision: 1,
          current: true,
          createdAt: '2025-10-01T00:00:00.000Z',
          createdBy: '统计员',
        });
      });

      it('store values as binary64: published figures and awkward decimals read back exactly', async () => {
        const values = [2521.58, 1689.44, 817.5, 79.69, 3.08, 0.1 + 0.2, 1e-9, 123456789.123456, -3.75, 0];
        await repos.observations.insertMany(
          values.map((value, i) => newObservation({ region: `R${i}`, value })),
          { createdBy: 'test' },
        );
        const read = await repos.observations.current();
        expect(read.map((o) => o.value).sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
        const gdp = read.find((o) => o.region === 'R0')!;
        expect(gdp.value).toBe(2521.58);
        expect(String(gdp.value)).toBe('2521.58');
      });

      it('a second value for the same figure becomes revision 2 and keeps revision 1 in the history', async () => {
        const first = await repos.observations.insertMany([newObservation({ value: 10 })], {
          createdBy: 'a',
        });
        const second = await repos.observations.insertMany([newObservation({ value: 12, note: '更正' })], {
          createdBy: 'b',
        });
        expect(second).toMatchObject({ created: 0, revised: 1, unchanged: 0 });
        const current = await repos.observations.current();
        expect(current).toHaveLength(1);
        expect(current[0]).toMatchObject({ value: 12, revision: 2, supersedes: first.written[0]!.id });

        const history = await repos.observations.history({
          indicator: 'firms',
          region: 'T1',
          period: '2025Q3',
        });
        expect(history.map((h) => [h.value, h.revision, h.current, h.createdBy])).toEqual([
          [10, 1, false, 'a'],
          [12, 2, true, 'b'],
        ]);
        expect(await repos.observations.count()).toBe(1);
        expect(await repos.observations.count({ includeHistory: true })).toBe(2);
      });

      it('storing an identical value again writes nothing', async () => {
        await repos.observations.insertMany([newObservation()], { createdBy: 'a' });
        const again = await repos.observations.insertMany([newObservation()], { createdBy: 'a' });
        expect(again).toMatchObject({ written: [], created: 0, revised: 0, unchanged: 1 });
        expect(await repos.observations.count({ includeHistory: true })).toBe(1);
      });

      it('flash, annual and revised vintages are separate figures; "best" picks the most final', async () => {
        await repos.observations.insertMany(
          [
            newObservation({ period: '2024', vintage: 'flash', value: 100 }),
            newObservation({ period: '2024', vintage: 'annual', value: 103 }),
            newObservation({ period: '2024', vintage: 'revised', value: 104 }),
            newObservation({ period: '2024', region: 'T2', vintage: 'flash', value: 50 }),
          ],
          { createdBy: 'test' },
        );
        expect(await repos.observations.count()).toBe(4);
        const best = await repos.observations.current({ vintage: 'best' });
        expect(best.map((o) => [o.region, o.vintage, o.value])).toEqual([
          ['T1', 'revised', 104],
          ['T2', 'flash', 50],
        ]);
        const annual = await repos.observations.current({ vintage: 'annual' });
        expect(annual.map((o) => o.value)).toEqual([103]);
      });

      it('filter by indicator, region and a chronological period range (a year sorts after its Q4)', async () => {
        const periods = ['2023Q4', '2023', '2024Q1', '2024Q4', '2024', '2025Q1'];
        await repos.observations.insertMany(
          periods.flatMap((period, i) => [
            newObservation({ period, value: i }),
            newObservation({ period, region: 'T2', value: i }),
            newObservation({ period, indicator: 'gdp', value: i }),
          ]),
          { createdBy: 'test' },
        );
        const range = await repos.observations.current({
          indicators: ['firms'],
          regions: ['T1'],
          from: '2023' as Period,
          to: '2024' as Period,
        });
        expect(range.map((o) => o.period)).toEqual(['2023', '2024Q1', '2024Q4', '2024']);
        const years = await repos.observations.current({ regions: ['T2'], periodKind: 'year' });
        expect(years.map((o) => o.period)).toEqual(['2023', '2024']);
        const quarters = await repos.observations.count({ periodKind: 'quarter' });
        expect(quarters).toBe(12);
        expect(await repos.observations.count({ indicators: [] })).toBe(0);
        expect(await repos.observations.count({ periods: ['2025Q1' as Period] })).toBe(3);
      });

      it('revise keeps the old row; revising a stale row is refused with the value now in force', async () => {
        const { written } = await repos.observations.insertMany([newObservation({ value: 10 })], {
          createdBy: 'a',
        });
        const v1 = written[0]!;
        const r2 = await repos.observations.revise(v1.id, { value: 11, createdBy: 'b', note: '年报修订' });
        expect(r2.ok).toBe(true);
        if (!r2.ok) return;
        expect(r2.value).toMatchObject({ value: 11, revision: 2, supersedes: v1.id, note: '年报修订' });

        const stale = await repos.observations.revise(v1.id, { value: 99, createdBy: 'c' });
        expect(stale.ok).toBe(false);
        if (stale.ok) return;
        const [error] = stale.errors;
        expect(error?.kind).toBe('not_current');
        if (error?.kind === 'not_current') expect(error.current?.value).toBe(11);
        expect(error?.message).toContain('revision 2');

        const missing = await repos.observations.revise('no-such-id', { value: 1, createdBy: 'c' });
        expect(!missing.ok && missing.errors[0]?.kind).toBe('not_found');

        const history = await repos.observations.history({
          indicator: 'firms',
          region: 'T1',
          period: '2025Q3',
          vintage: 'flash',
        });
        expect(history.map((h) => h.value)).toEqual([10, 11]);
        expect(await repos.observations.get(v1.id)).toMatchObject({ value: 10, current: false });
      });

      it('two editors revising the same value at once: exactly one wins, no update is lost', async () => {
        const { written } = await repos.observations.insertMany([newObservation({ value: 10 })], {
          createdBy: 'a',
        });
        const id = written[0]!.id;
        const results = await Promise.all([
          repos.observations.revise(id, { value: 20, createdBy: 'x' }),
          repos.observations.revise(id, { value: 30, createdBy: 'y' }),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        const loser = results.find((r) => !r.ok);
        expect(loser && !loser.ok && loser.errors[0]?.kind).toBe('not_current');
        const history = await repos.observations.history({
          indicator: 'firms',
          region: 'T1',
          period: '2025Q3',
        });
        expect(history).toHaveLength(2);
      });

      it('two imports revising the same figure at once: the history stays one chain, nothing lost', async () => {
        await repos.observations.insertMany([newObservation({ value: 1 })], { createdBy: 'a' });
        const results = await Promise.allSettled([
          repos.observations.insertMany([newObservation({ value: 2 })], { createdBy: 'x' }),
          repos.observations.insertMany([newObservation({ value: 3 })], { createdBy: 'y' }),
        ]);
        const history = await repos.observations.history({
          indicator: 'firms',
          region: 'T1',
          period: '2025Q3',
        });
        // SQLite serialises the two (both succeed, 3 versions); PostgreSQL may refuse the later one.
        const succeeded = results.filter((r) => r.status === 'fulfilled').length;
        expect(history).toHaveLength(1 + succeeded);
        expect(history.map((h) => h.revision)).toEqual(history.map((_, i) => i + 1));
        history.slice(1).forEach((h, i) => expect(h.supersedes).toBe(history[i]!.id));
        expect(history.filter((h) => h.current)).toHaveLength(1);
        for (const r of results)
          if (r.status === 'rejected') expect(String(r.reason)).toMatch(/another writer|unique|duplicate/i);
      });

      it('a transaction that fails leaves nothing behind', async () => {
        await expect(
          repos.transaction(async (tx) => {
            await tx.observations.insertMany([newObservation(), newObservation({ region: 'T2' })], {
              createdBy: 'a',
            });
            await tx.importBatches.create({
              fileName: 'x.csv',
              format: 'csv',
              rowCount: 2,
              checksum: 'abc',
              createdBy: 'a',
            });
            expect(await tx.observations.count()).toBe(2);
            throw new Error('crash after the writes');
          }),
        ).rejects.toThrow('crash after the writes');
        expect(await repos.observations.count({ includeHistory: true })).toBe(0);
        expect(await repos.importBatches.count()).toBe(0);
      });

      it('insertMany rejects bad input before writing anything', async () => {
        await expect(
          repos.observations.insertMany(
            [newObservation(), newObservation({ region: 'T2', value: Number.NaN })],
            {
              createdBy: 'a',
            },
          ),
        ).rejects.toThrow('observation #2 (firms, T2, 2025Q3, flash): value NaN is not a finite number');
        await expect(
          repos.observations.insertMany([newObservation(), newObservation()], { createdBy: 'a' }),
        ).rejects.toThrow('repeats observation #1');
        await expect(
          repos.observations.insertMany([newObservation({ provenance: 'real' })], { createdBy: 'a' }),
        ).rejects.toThrow('a real figure needs a citation');
        expect(await repos.observations.count({ includeHistory: true })).toBe(0);
      });

      it('the database itself refuses a second current value for one figure', async () => {
        const { written } = await repos.observations.insertMany([newObservation()], { createdBy: 'a' });
        const row = await t.handle.db
          .selectFrom('observations')
          .selectAll()
          .where('id', '=', written[0]!.id)
          .executeTakeFirstOrThrow();
        await expect(
          t.handle.db
            .insertInto('observations')
            .values({ ...row, id: 'second', revision: 2, supersedes: row.id })
            .execute(),
        ).rejects.toThrow(/unique/i);
        await expect(
          t.handle.db
            .insertInto('observations')
            .values({ ...row, id: 'bad-vintage', vintage: 'monthly' as 'flash', is_current: 0 })
            .execute(),
        ).rejects.toThrow(/check/i);
      });

      it('large batches are written in chunks within one transaction', async () => {
        const rows = Array.from({ length: 1234 }, (_, i) =>
          newObservation({
            region: `R${i % 100}`,
            period: `${2021 + Math.floor(i / 400)}Q${1 + ((i >> 2) % 4)}`,
            indicator: `i${i % 4}`,
          }),
        );
        const unique = [...new Map(rows.map((r) => [`${r.indicator}|${r.region}|${r.period}`, r])).values()];
        const summary = await repos.observations.insertMany(unique, { createdBy: 'bulk' });
        expect(summary.created).toBe(unique.length);
        expect(await repos.observations.count()).toBe(unique.length);
        const again = await repos.observations.insertMany(
          unique.map((r) => ({ ...r, value: r.value + 1 })),
          { createdBy: 'bulk' },
        );
        expect(again.revised).toBe(unique.length);
        expect(await repos.observations.count({ includeHistory: true })).toBe(2 * unique.length);
      });
    });

    describe('plans', () => {
      it('save stores versions, skips identical content, and one version is active', async () => {
        const plan = buildPlan();
        const a = await repos.plans.save(plan, { loadedBy: 'init' });
        expect(a).toMatchObject({ created: true, stored: { planId: 'toy', version: 1, active: false } });
        const same = await repos.plans.save(buildPlan(), { loadedBy: 'init', activate: true });
        expect(same).toMatchObject({ created: false, stored: { id: a.stored.id, active: true } });

        const changed = buildPlan({ name: { zh: '测试县（修订）', en: 'Toy county (rev.)' } });
        const b = await repos.plans.save(changed, { loadedBy: 'admin', activate: true });
        expect(b.stored.version).toBe(2);

        const active = await repos.plans.active();
        expect(active?.id).toBe(b.stored.id);
        expect(active?.plan).toEqual(changed);
        expect((await repos.plans.list('toy')).map((p) => [p.version, p.active])).toEqual([
          [2, true],
          [1, false],
        ]);

        await repos.plans.activate(a.stored.id);
        expect((await repos.plans.active())?.plan.name.zh).toBe('测试县');
        await expect(repos.plans.activate('nope')).rejects.toThrow('no stored plan with id nope');
      });

      it('a stored version is parsed once (the same frozen object); a new version is seen at once', async () => {
        const a = await repos.plans.save(buildPlan(), { loadedBy: 'x', activate: true });
        const first = (await repos.plans.active())!.plan;
        // Another request (or a transaction) gets the very same parsed plan, not a re-parse of it.
        const other = createRepositories(t.handle.db);
        expect((await other.plans.active())!.plan).toBe(first);
        expect(await repos.transaction(async (tx) => (await tx.plans.active())!.plan)).toBe(first);
        expect((await repos.plans.get(a.stored.id))!.plan).toBe(first);
        expect(Object.isFrozen(first) && Object.isFrozen(first.targets[0])).toBe(true);
        expect(() => {
          (first.targets as unknown[]).push({});
        }).toThrow(TypeError);

        // An edit through one set of repositories is in force for the other at its next read.
        const changed = buildPlan({ name: { zh: '测试县（修订）', en: 'Toy county (rev.)' } });
        const b = await other.plans.save(changed, { loadedBy: 'admin', activate: true });
        const now = await repos.plans.active();
        expect(now?.id).toBe(b.stored.id);
        expect(now?.plan).toEqual(changed);
        expect(now?.plan).not.toBe(first);
        await other.plans.activate(a.stored.id);
        expect((await repos.plans.active())!.plan).toBe(first);

        // The key is the row and its checksum: other content under the same id is parsed again.
        const renamed = buildPlan({ name: { zh: '改名县', en: 'Renamed county' } });
        await t.handle.db
          .updateTable('plans')
          .set({ content: JSON.stringify(renamed), checksum: 'other' })
          .where('id', '=', a.stored.id)
          .execute();
        expect((await repos.plans.active())!.plan.name.zh).toBe('改名县');
      });

      it('no active plan on an empty database', async () => {
        expect(await repos.plans.active()).toBeUndefined();
      });

      it('the database refuses two active plans', async () => {
        const a = await repos.plans.save(buildPlan(), { loadedBy: 'x', activate: true });
        const b = await repos.plans.save(buildPlan({ id: 'other' }), { loadedBy: 'x' });
        expect(a.stored.active && !b.stored.active).toBe(true);
        await expect(
          t.handle.db.updateTable('plans').set({ active: 1 }).where('id', '=', b.stored.id).execute(),
        ).rejects.toThrow(/unique/i);
      });

      it('a stored plan that no longer validates is reported with its location', async () => {
        const { stored } = await repos.plans.save(buildPlan(), { loadedBy: 'x', activate: true });
        const broken = { ...buildPlan(), home: 'NOWHERE' };
        await t.handle.db
          .updateTable('plans')
          .set({ content: JSON.stringify(broken) })
          .where('id', '=', stored.id)
          .execute();
        await expect(repos.plans.active()).rejects.toThrow(
          /stored plan 'toy' version 1 .* home: unknown region 'NOWHERE'/,
        );
      });
    });

    describe('import batches', () => {
      it('are recorded and found by checksum', async () => {
        const batch = await repos.importBatches.create({
          fileName: '慈溪2025Q3快报.xlsx',
          format: 'xlsx',
          rowCount: 42,
          checksum: 'f00d',
          createdBy: '统计员',
        });
        expect(await repos.importBatches.get(batch.id)).toEqual(batch);
        expect(await repos.importBatches.findByChecksum('f00d')).toEqual([batch]);
        expect(await repos.importBatches.list()).toEqual([batch]);
        const { written } = await repos.observations.insertMany([newObservation()], {
          createdBy: 'x',
          batchId: batch.id,
        });
        expect(written[0]?.batchId).toBe(batch.id);
      });

      it('an observation cannot point at a batch that does not exist (foreign keys are on)', async () => {
        await expect(
          repos.observations.insertMany([newObservation()], { createdBy: 'x', batchId: 'missing' }),
        ).rejects.toThrow(/foreign key/i);
      });
    });

    it('raw SQL sees the same schema on this backend', async () => {
      const { rows } = await sql<{ n: number | string }>`select count(*) as n from observations`.execute(
        t.handle.db,
      );
      expect(Number(rows[0]?.n)).toBe(0);
    });
  });
}
