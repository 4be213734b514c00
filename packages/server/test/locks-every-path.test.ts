// Issue 16 §3: a locked period refuses writes from the import (`ding import`) and from PATCH /observations
// too, not only from collection rounds; an admin overrides with a reason, audited; imports are audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '@ding/core';
import { importObservations, workspacePlan, type ObservationRecord } from '../src/index.ts';
import { probePostgres } from './support/databases.ts';
import { csvFile } from './support/files.ts';
import {
  errorOf,
  openPostgresWorkspace,
  openSqliteWorkspace,
  openTestApi,
  type OpenTestWorkspace,
  type TestApi,
} from './support/http-client.ts';

const LOCKED_AT = '2025-10-20T08:00:00.000Z';
const HEADER = 'indicator,region,period,value';
// Row 2 is in the open 2025Q2, rows 3–4 in the locked 2025Q3.
const ROWS = [
  'invention_patents,330282004,2025Q2,100',
  'invention_patents,330282004,2025Q3,110',
  'invention_patents,330282005,2025Q3,120',
];

function describeLocks(backend: string, open: OpenTestWorkspace) {
  describe(`locked periods on every path (${backend})`, () => {
    let api: TestApi;
    let plan: Plan;
    let obs: ObservationRecord;
    beforeEach(async () => {
      api = await openTestApi(open);
      plan = await workspacePlan(api.ws);
      const { written } = await api.ws.repos.observations.insertMany(
        [
          {
            indicator: 'hightech_enterprises',
            region: '330282004',
            period: '2025Q3',
            value: 50,
            vintage: 'flash',
            provenance: 'synthetic',
          },
        ],
        { createdBy: 'test' },
      );
      obs = written[0]!;
      await api.ws.repos.periodLocks.set('2025Q3', true, 'boss', '三季度数据已审定');
      // The lock's time as stored, pinned so the message can be checked to the minute.
      await api.ws.db.db.updateTable('period_locks').set({ changed_at: LOCKED_AT }).execute();
    });
    afterEach(async () => api.dispose());

    it('an import touching a locked period is refused, located, with who/when/why, and writes nothing', async () => {
      const before = await api.ws.repos.observations.count({ includeHistory: true });
      const audits = await api.ws.repos.audit.count();
      const outcome = await importObservations(api.ws.repos, plan, csvFile([HEADER, ...ROWS], 'q3.csv'), {
        createdBy: 'ding import (tester)',
      });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors).toEqual([]);
      expect(outcome.locked).toHaveLength(1);
      const [refusal] = outcome.locked!;
      expect(refusal).toMatchObject({
        lock: { period: '2025Q3', changedBy: 'boss', changedAt: LOCKED_AT, reason: '三季度数据已审定' },
        rows: 2,
        first: { file: 'q3.csv', row: 3 },
      });
      expect(refusal!.message.zh).toBe(
        'q3.csv第 3 行起共 2 行：期别 2025Q3 已由 boss 于 2025-10-20 16:00（北京时间）锁定（原因：三季度数据已审定）；只有管理员以 --override-lock --reason "原因" 导入后才能修改',
      );
      // Locked at 08:00 UTC = 16:00 China Standard Time (UTC+8): the time as the bureau reads it.
      expect(refusal!.message.en).toContain(
        'period 2025Q3 was locked by boss at 2025-10-20 16:00 Beijing time',
      );
      // Nothing written: not the open 2025Q2 row either (all or nothing), no batch, no audit entry.
      expect(await api.ws.repos.observations.count({ includeHistory: true })).toBe(before);
      expect(await api.ws.repos.audit.count()).toBe(audits);
    });

    it('with a lock override and its reason the import writes, and its audit entry records the override', async () => {
      const outcome = await importObservations(api.ws.repos, plan, csvFile([HEADER, ...ROWS], 'q3.csv'), {
        createdBy: 'ding import (tester)',
        lockOverride: { reason: '统计局更正快报' },
      });
      expect(outcome).toMatchObject({ ok: true, rows: 3, created: 3 });
      if (!outcome.ok) return;
      const [entry] = await api.ws.repos.audit.list({ action: 'observation.import' });
      expect(entry).toMatchObject({
        actor: 'ding import (tester)',
        entity: 'import_batch',
        entityId: outcome.batch.id,
        reason: '统计局更正快报',
        new: {
          file: 'q3.csv',
          format: 'csv',
          checksum: outcome.batch.checksum,
          rows: 3,
          created: 3,
          revised: 0,
          unchanged: 0,
          periods: ['2025Q2', '2025Q3'],
          lockOverride: [{ period: '2025Q3', lockedBy: 'boss', lockedAt: LOCKED_AT }],
        },
      });
    });

    it('an import of open periods only needs no override and is audited like an upload', async () => {
      const outcome = await importObservations(api.ws.repos, plan, csvFile([HEADER, ROWS[0]!], 'q2.csv'), {
        createdBy: 'ding import (tester)',
      });
      expect(outcome).toMatchObject({ ok: true, created: 1 });
      const entries = await api.ws.repos.audit.list({ entity: 'import_batch' });
      expect(entries).toHaveLength(1);
      expect(entries[0]!.new).toMatchObject({ file: 'q2.csv', rows: 1, created: 1, periods: ['2025Q2'] });
      expect(entries[0]!.new).not.toHaveProperty('lockOverride');
      expect(entries[0]!.reason).toBeUndefined();
    });

    it('PATCH /observations of a locked period is 423 with the lock; with overrideLock it is a new revision, audited', async () => {
      const c = await api.client().as('boss');
      const refused = await c.patch(`/api/observations/${obs.id}`, {
        value: 51,
        expectedRevision: 1,
        reason: '更正',
      });
      expect(refused.status).toBe(423);
      const error = await errorOf(refused);
      expect(error).toMatchObject({
        code: 'locked',
        details: { period: '2025Q3', lockedBy: 'boss', lockedAt: LOCKED_AT, lockReason: '三季度数据已审定' },
      });
      expect(error.message).toContain('2025Q3');
      expect((await api.ws.repos.observations.get(obs.id))?.current).toBe(true);

      const ok = await c.patch(`/api/observations/${obs.id}`, {
        value: 51,
        expectedRevision: 1,
        reason: '统计局更正',
        overrideLock: true,
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ value: 51, revision: 2 });
      const [entry] = await api.ws.repos.audit.list({ action: 'observation.revise' });
      expect(entry).toMatchObject({
        actor: 'boss',
        reason: '统计局更正',
        old: { value: 50, revision: 1 },
        new: { value: 51, revision: 2, lockOverride: [{ period: '2025Q3', lockedBy: 'boss' }] },
      });
    });

    it('an unlocked period needs no override; unlocking lifts the refusal', async () => {
      await api.ws.repos.periodLocks.set('2025Q3', false, 'boss', '重新开放');
      const c = await api.client().as('boss');
      const res = await c.patch(`/api/observations/${obs.id}`, {
        value: 52,
        expectedRevision: 1,
        reason: '更正',
      });
      expect(res.status).toBe(200);
      const [entry] = await api.ws.repos.audit.list({ action: 'observation.revise' });
      expect(entry!.new).not.toHaveProperty('lockOverride');
    });
  });
}

describeLocks('sqlite', openSqliteWorkspace);
const probe = await probePostgres();
if (probe.ok) describeLocks('postgres', openPostgresWorkspace);
else if (process.env.CI)
  describe('locked periods on postgres', () => {
    it('needs PostgreSQL in CI', () => {
      throw new Error(probe.reason);
    });
  });
