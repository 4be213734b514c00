// importObservations against a real database (run on every backend): all or nothing, inside one transaction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildPlan } from '@ding/core/testing';
import { createRepositories, importObservations, type Repositories } from '../src/index.ts';
import type { OpenTestDatabase, TestDatabase } from './support/databases.ts';
import { csvFile, xlsxFile } from './support/files.ts';

const PLAN = buildPlan();
const HEADER = '指标,地区,期别,数值,来源,备注';
/** 10 valid rows: firms and new_firms for three towns and the county … */
const ROWS = ['T1', 'T2', 'T3', 'C', '一镇'].flatMap((region, i) =>
  region === '一镇'
    ? [`firms,一镇,2025Q2,${7.5},市科技局,上季度`, `new_firms,一镇,2025Q2,3,市科技局,`]
    : [
        `firms,${region},2025Q3,${10 + i},市科技局,含陆中湾`,
        // A flow is year to date: T1's 1-9月 (3.25) is not below its 1-6月 (3) further down.
        `new_firms,${region},2025Q3,${i + 3.25},市科技局,`,
      ],
);

export function describeImport(backend: string, open: OpenTestDatabase) {
  describe(`importObservations on ${backend}`, () => {
    let t: TestDatabase;
    let repos: Repositories;
    beforeEach(async () => {
      t = await open();
      repos = createRepositories(t.handle.db);
    });
    afterEach(async () => {
      await t.dispose();
    });

    it('writes every row with its batch; importing the same file again changes nothing', async () => {
      const file = csvFile([HEADER, ...ROWS], '2025Q3快报.csv');
      const outcome = await importObservations(repos, PLAN, file, { createdBy: '统计员' });
      expect(outcome).toMatchObject({ ok: true, rows: 10, created: 10, revised: 0, unchanged: 0 });
      if (!outcome.ok) return;
      expect(outcome.batch).toMatchObject({
        fileName: '2025Q3快报.csv',
        format: 'csv',
        rowCount: 10,
        createdBy: '统计员',
      });
      const stored = await repos.observations.current({ regions: ['T1'] });
      expect(
        stored.map((o) => [o.indicator, o.period, o.value, o.provenance, o.citation, o.batchId]),
      ).toEqual([
        ['firms', '2025Q2', 7.5, 'real', '市科技局', outcome.batch.id],
        ['firms', '2025Q3', 10, 'real', '市科技局', outcome.batch.id],
        ['new_firms', '2025Q2', 3, 'real', '市科技局', outcome.batch.id],
        ['new_firms', '2025Q3', 3.25, 'real', '市科技局', outcome.batch.id],
      ]);
      expect(stored[1]?.note).toBe('含陆中湾');

      const again = await importObservations(repos, PLAN, file, { createdBy: '统计员' });
      expect(again).toMatchObject({ ok: true, created: 0, revised: 0, unchanged: 10 });
      expect(await repos.observations.count({ includeHistory: true })).toBe(10);
      expect(await repos.importBatches.findByChecksum(outcome.batch.checksum)).toHaveLength(2);
    });

    it('a corrected file adds revisions and keeps the earlier values', async () => {
      await importObservations(repos, PLAN, csvFile([HEADER, 'firms,T1,2025Q3,10,,']), { createdBy: 'a' });
      const outcome = await importObservations(
        repos,
        PLAN,
        await xlsxFile([
          ['指标', '地区', '期别', '数值', '备注'],
          ['firms', 'T1', '2025Q3', 11, '更正'],
        ]),
        { createdBy: 'b', provenance: 'synthetic' },
      );
      expect(outcome).toMatchObject({ ok: true, created: 0, revised: 1 });
      const history = await repos.observations.history({
        indicator: 'firms',
        region: 'T1',
        period: '2025Q3',
      });
      expect(history.map((h) => [h.value, h.revision, h.current])).toEqual([
        [10, 1, false],
        [11, 2, true],
      ]);
    });

    it('one bad row: nothing is written, not even the batch, and the error is located', async () => {
      const outcome = await importObservations(
        repos,
        PLAN,
        csvFile([HEADER, ...ROWS, 'firms,T1,2025Q4,abc,,']),
        {
          createdBy: 'a',
        },
      );
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.errors.map((e) => [e.kind, e.row, e.column])).toEqual([['not_a_number', 12, '数值']]);
      expect(await repos.observations.count({ includeHistory: true })).toBe(0);
      expect(await repos.importBatches.count()).toBe(0);
    });

    it('a crash after half the rows were written leaves nothing (one transaction)', async () => {
      const written: number[] = [];
      await expect(
        importObservations(repos, PLAN, csvFile([HEADER, ...ROWS]), {
          createdBy: 'a',
          chunkSize: 2,
          onProgress: async (done, total) => {
            written.push(done);
            if (done * 2 >= total) throw new Error(`simulated crash after ${done} of ${total} rows`);
          },
        }),
      ).rejects.toThrow('simulated crash after 6 of 10 rows');
      // Three chunks (six rows) had been inserted when the crash came; the rollback removed them.
      expect(written).toEqual([2, 4, 6]);
      expect(await repos.observations.count({ includeHistory: true })).toBe(0);
      expect(await repos.importBatches.count()).toBe(0);
    });

    it('a crash mid-import keeps the values that were there before', async () => {
      await importObservations(repos, PLAN, csvFile([HEADER, 'firms,T1,2025Q3,10,,']), { createdBy: 'a' });
      await expect(
        importObservations(repos, PLAN, csvFile([HEADER, 'firms,T1,2025Q3,99,,', 'firms,T2,2025Q3,5,,']), {
          createdBy: 'b',
          chunkSize: 1,
          onProgress: (done) => {
            if (done === 1) throw new Error('disk full');
          },
        }),
      ).rejects.toThrow('disk full');
      const current = await repos.observations.current();
      expect(current.map((o) => [o.region, o.value, o.revision])).toEqual([['T1', 10, 1]]);
    });

    it('a town ratio whose components are already stored is accepted', async () => {
      const refused = await importObservations(repos, PLAN, csvFile([HEADER, 'rd_gdp,T1,2025Q3,3.5,,']), {
        createdBy: 'a',
      });
      expect(!refused.ok && refused.errors.map((e) => e.kind)).toEqual(['component_required']);
      await importObservations(repos, PLAN, csvFile([HEADER, 'rd,T1,2025Q3,0.7,,', 'gdp,T1,2025Q3,20,,']), {
        createdBy: 'a',
      });
      const accepted = await importObservations(repos, PLAN, csvFile([HEADER, 'rd_gdp,T1,2025Q3,3.5,,']), {
        createdBy: 'a',
      });
      expect(accepted).toMatchObject({ ok: true, created: 1 });
    });

    it('a YTD flow below the stored previous quarter is refused, all or nothing; correcting that quarter in the same file passes', async () => {
      // Plan schema: flows are year to date. Stored 1-6月 of T1 is 12 (and 1 for T2); a file bringing
      // 1-9月 = 8 for T1 is refused as a whole, T2's valid 1-9月 included.
      await importObservations(
        repos,
        PLAN,
        csvFile([HEADER, 'new_firms,T1,2025Q2,12,,', 'new_firms,T2,2025Q2,1,,']),
        {
          createdBy: 'a',
        },
      );
      const refused = await importObservations(
        repos,
        PLAN,
        csvFile([HEADER, 'new_firms,T2,2025年1-9月,5,,', 'new_firms,T1,2025年1-9月,8,,']),
        { createdBy: 'b' },
      );
      expect(!refused.ok && refused.errors.map((e) => e.message.zh)).toEqual([
        '文件 data.csv，第 3 行，「数值」列：T1 2025Q3（1-9月）累计数 8 小于上一季度 2025Q2（1-6月）的累计数 12（已入库数据）：指标 new_firms 为年初至今累计数，同一年内不会减少；如上一季度数据有误，请在同一文件中一并更正',
      ]);
      expect(await repos.observations.count({ includeHistory: true })).toBe(2);
      expect(await repos.importBatches.count()).toBe(1);

      const corrected = await importObservations(
        repos,
        PLAN,
        csvFile([
          HEADER,
          'new_firms,T1,2025Q2,7,,更正',
          'new_firms,T1,2025Q3,8,,',
          'new_firms,T2,2025Q3,5,,',
        ]),
        { createdBy: 'b' },
      );
      expect(corrected).toMatchObject({ ok: true, created: 2, revised: 1 });
    });

    it('the stored previous quarter is the value in force of the most final vintage', async () => {
      // 1-6月: 快报 12, then 年报 6 (revised down); 1-9月 = 9 is compared with 6 and accepted.
      await importObservations(
        repos,
        PLAN,
        csvFile(['指标,地区,期别,数值,版本', 'new_firms,T1,2025Q2,12,快报', 'new_firms,T1,2025Q2,6,年报']),
        { createdBy: 'a' },
      );
      const outcome = await importObservations(repos, PLAN, csvFile([HEADER, 'new_firms,T1,2025Q3,9,,']), {
        createdBy: 'b',
      });
      expect(outcome).toMatchObject({ ok: true, created: 1 });
    });
  });
}
