// The report archive and the job runner on every storage backend (issue 9 §2, §7): numbering, edits,
// files stored only with finalisation, singleton jobs, failures recorded with no file left behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildPlan } from '@ding/core/testing';
import {
  REPORT_INTERRUPTED,
  REPORT_JOB,
  reportJobEnqueue,
  reportJobHandler,
  reportJobInterrupted,
  type ReportRender,
} from '../src/jobs/report-job.ts';
import { JOB_INTERRUPTED, jobRunnerCreate, type JobHandler } from '../src/jobs/runner.ts';
import { createRepositories, type Repositories } from '../src/index.ts';
import { newObservation } from './repositories.suite.ts';
import type { OpenTestDatabase, TestDatabase } from './support/databases.ts';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
// sha256('abc'), FIPS 180-2 appendix B.1.
const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

export function describeReports(backend: string, open: OpenTestDatabase) {
  describe(`report archive and jobs on ${backend}`, () => {
    let t: TestDatabase;
    let repos: Repositories;
    let snapshotId: number;
    let tick = 0;
    beforeEach(async () => {
      t = await open();
      tick = 0;
      repos = createRepositories(t.handle.db, {
        clock: () => new Date(Date.UTC(2025, 9, 1, 0, 0, tick++)).toISOString(),
      });
      await repos.plans.save(buildPlan(), { loadedBy: 't', activate: true });
      await repos.observations.insertMany([newObservation({ value: 10 })], { createdBy: 't' });
      snapshotId = (await repos.snapshots.create({ createdBy: 't', reason: 'init' })).id;
    });
    afterEach(async () => {
      await t.dispose();
    });

    const generating = async (period = '2025Q3', mode: 'full' | 'indicator' = 'full') => {
      const r = await repos.reports.create({ snapshotId, period, mode, createdBy: '管理员' });
      expect(await repos.reports.startGenerating(r.id)).toBe(true);
      return r;
    };
    const fileCount = async () =>
      Number(
        (await sql<{ n: number | string }>`select count(*) as n from report_files`.execute(t.handle.db))
          .rows[0]?.n,
      );

    describe('reports', () => {
      it('a draft is created, listed, and its 存在问题 paragraphs edited; bad input names the field', async () => {
        const r = await repos.reports.create({
          snapshotId,
          period: '2025Q3',
          mode: 'indicator',
          options: { indicator: 'firms', lang: 'zh' },
          createdBy: '管理员',
        });
        expect(r).toMatchObject({ status: 'draft', mode: 'indicator', options: { indicator: 'firms' } });
        expect(r.issue).toBeUndefined();
        expect(await repos.reports.setEdits(r.id, { problems: ['研发投入增速放缓。'] })).toBe(true);
        expect((await repos.reports.get(r.id))?.edits).toEqual({ problems: ['研发投入增速放缓。'] });
        expect((await repos.reports.list({ period: '2025Q3' })).map((x) => x.id)).toEqual([r.id]);
        expect(await repos.reports.list({ status: 'final' })).toEqual([]);
        await expect(repos.reports.setEdits(r.id, { problems: [1 as never] })).rejects.toThrow(
          /edits\.problems must be a list of paragraphs/,
        );
        await expect(repos.reports.setEdits(r.id, { summary: ['x'] } as never)).rejects.toThrow(
          /edits\.summary is not an editable section/,
        );
        await expect(
          repos.reports.create({ snapshotId, period: '2025Q5', mode: 'full', createdBy: 'x' }),
        ).rejects.toThrow(/period '2025Q5'/);
        await expect(
          repos.reports.create({ snapshotId: 999, period: '2025Q3', mode: 'full', createdBy: 'x' }),
        ).rejects.toThrow(/foreign key/i);
      });

      it('finalising numbers full reports 2025年第1期（总第1期）, 第2期（总第2期）, then 2026年第1期（总第3期）', async () => {
        const a = await generating('2025Q2');
        const fa = await repos.reports.finalise(a.id, [
          { format: 'docx', bytes: bytes('abc') },
          { format: 'pdf', bytes: bytes('%PDF') },
        ]);
        expect(fa).toMatchObject({ status: 'final', issue: { year: 2025, number: 1, total: 1 } });
        expect(fa.finalisedAt).toMatch(/^2025-10-01T/);
        // A one-page indicator sheet is not an issue of the 季报: no number used up.
        const sheet = await generating('2025Q3', 'indicator');
        expect((await repos.reports.finalise(sheet.id, [{ format: 'pdf', bytes: bytes('x') }])).issue).toBe(
          undefined,
        );
        const b = await generating('2025Q3');
        expect((await repos.reports.finalise(b.id, [{ format: 'docx', bytes: bytes('b') }])).issue).toEqual({
          year: 2025,
          number: 2,
          total: 2,
        });
        const c = await generating('2026Q1');
        expect((await repos.reports.finalise(c.id, [{ format: 'docx', bytes: bytes('c') }])).issue).toEqual({
          year: 2026,
          number: 1,
          total: 3,
        });
        expect(await repos.reports.files(a.id)).toEqual([
          { format: 'docx', sha256: SHA256_ABC, size: 3 },
          { format: 'pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 4 },
        ]);
        const docx = await repos.reports.file(a.id, 'docx');
        expect(Buffer.from(docx!.bytes).toString()).toBe('abc');
        expect(await repos.reports.file(a.id, 'pdf')).toMatchObject({ size: 4 });
        // What was issued is not edited, generated again or finalised again.
        expect(await repos.reports.setEdits(a.id, { problems: ['x'] })).toBe(false);
        expect(await repos.reports.startGenerating(a.id)).toBe(false);
        await expect(repos.reports.finalise(a.id, [{ format: 'pdf', bytes: bytes('x') }])).rejects.toThrow(
          /is final, not generating/,
        );
      });

      it('a finalisation that fails in its transaction stores no file and gives its number back', async () => {
        const r = await generating();
        await expect(
          repos.transaction(async (tx) => {
            await tx.reports.finalise(r.id, [{ format: 'docx', bytes: bytes('abc') }]);
            throw new Error('crash after the files were written');
          }),
        ).rejects.toThrow('crash after');
        expect(await fileCount()).toBe(0);
        expect((await repos.reports.get(r.id))?.status).toBe('generating');
        expect((await repos.reports.finalise(r.id, [{ format: 'docx', bytes: bytes('abc') }])).issue).toEqual(
          {
            year: 2025,
            number: 1,
            total: 1,
          },
        );
        // Refused before writing: empty, duplicate or unknown files.
        const s = await generating('2025Q4');
        await expect(
          repos.reports.finalise(s.id, [{ format: 'pdf', bytes: new Uint8Array() }]),
        ).rejects.toThrow(/pdf file .* is empty/);
        await expect(
          repos.reports.finalise(s.id, [
            { format: 'pdf', bytes: bytes('1') },
            { format: 'pdf', bytes: bytes('2') },
          ]),
        ).rejects.toThrow(/two pdf files/);
        await expect(
          repos.reports.finalise(s.id, [{ format: 'odt' as never, bytes: bytes('1') }]),
        ).rejects.toThrow(/'odt' is not docx or pdf/);
        expect(await repos.reports.files(s.id)).toEqual([]);
      });
    });

    describe('job runner', () => {
      it('the same county × period enqueued twice runs once; progress and result are stored', async () => {
        let calls = 0;
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const slow: JobHandler = async (payload, ctx) => {
          calls++;
          ctx.progress(40, 'charts');
          await gate;
          return { echoed: payload };
        };
        const runner = jobRunnerCreate(repos, { slow }, { progressIntervalMs: 0 });
        try {
          const first = await runner.enqueue('slow', { n: 1 }, { singletonKey: 'report:cixi:2025Q3' });
          const second = await runner.enqueue('slow', { n: 2 }, { singletonKey: 'report:cixi:2025Q3' });
          expect(second).toBe(first);
          // Another period is another job (queued behind it: concurrency 1).
          const other = await runner.enqueue('slow', { n: 3 }, { singletonKey: 'report:cixi:2025Q4' });
          expect(other).not.toBe(first);
          await expect.poll(async () => (await runner.status(first))?.stage).toBe('charts');
          expect(await runner.status(first)).toMatchObject({ status: 'running', progress: 40 });
          release();
          const done = await runner.wait(first);
          expect(done).toMatchObject({ status: 'succeeded', progress: 100, result: { echoed: { n: 1 } } });
          expect((await runner.wait(other)).status).toBe('succeeded');
          expect(calls).toBe(2);
          // Once finished, the key is free again.
          const again = await runner.enqueue('slow', { n: 4 }, { singletonKey: 'report:cixi:2025Q3' });
          expect(again).not.toBe(first);
          expect((await runner.wait(again)).status).toBe('succeeded');
          await expect(runner.enqueue('nope', {})).rejects.toThrow(/no handler for job kind 'nope'/);
        } finally {
          await runner.close();
        }
      });

      it('a failing report job records its error on the job and the report, and leaves no file', async () => {
        const broken: ReportRender = async (_input, progress) => {
          progress(50, 'pdf');
          throw new Error('LibreOffice did not answer within 60 s');
        };
        let render: ReportRender = broken;
        const runner = jobRunnerCreate(repos, {
          [REPORT_JOB]: reportJobHandler(repos, (i, p) => render(i, p)),
        });
        try {
          const report = await repos.reports.create({
            snapshotId,
            period: '2025Q3',
            mode: 'full',
            createdBy: 'a',
          });
          const id = await reportJobEnqueue(runner, report, '管理员');
          const failed = await runner.wait(id);
          expect(failed).toMatchObject({ status: 'failed', error: 'LibreOffice did not answer within 60 s' });
          expect(await repos.reports.get(report.id)).toMatchObject({
            status: 'failed',
            error: 'LibreOffice did not answer within 60 s',
          });
          expect(await fileCount()).toBe(0);

          // Fixed: generating again succeeds from the same snapshot's figures.
          let seen: number[] = [];
          render = async ({ observations, plan }) => {
            seen = observations.map((o) => o.value);
            expect(plan?.id).toBe('toy');
            return [{ format: 'docx', bytes: bytes('abc') }];
          };
          await repos.observations.insertMany([newObservation({ value: 99 })], { createdBy: 'later' });
          const ok = await runner.wait(await reportJobEnqueue(runner, report, '管理员'));
          expect(ok).toMatchObject({
            status: 'succeeded',
            result: { reportId: report.id, issue: { year: 2025, number: 1, total: 1 } },
          });
          expect(seen).toEqual([10]);
          expect(await repos.reports.files(report.id)).toEqual([
            { format: 'docx', sha256: SHA256_ABC, size: 3 },
          ]);
          // A final report is not generated again.
          const refused = await runner.wait(await reportJobEnqueue(runner, report, '管理员'));
          expect(refused).toMatchObject({
            status: 'failed',
            error: `report ${report.id} is final: not generated again`,
          });
        } finally {
          await runner.close();
        }
      });

      it('a job left running by a process that stopped is failed as interrupted when a runner starts, and its report with it', async () => {
        // A report job whose runner died mid-render: its lease last renewed a day before the clock (2025-10-01).
        const report = await generating();
        const { job } = await repos.jobs.enqueue({
          kind: REPORT_JOB,
          payload: { reportId: report.id },
          createdBy: 't',
        });
        expect(await repos.jobs.claim(job.id, 'dead-runner')).toBe(true);
        await sql`update jobs set heartbeat_at = '2025-09-30T00:00:00.000Z' where id = ${job.id}`.execute(
          t.handle.db,
        );
        const runner = jobRunnerCreate(repos, {}, { onInterrupted: reportJobInterrupted(repos) });
        await runner.ready;
        expect(await runner.status(job.id)).toMatchObject({ status: 'failed', error: JOB_INTERRUPTED });
        // The report is not left `generating` for ever: failed with why, and it can be generated again.
        expect(await repos.reports.get(report.id)).toMatchObject({
          status: 'failed',
          error: REPORT_INTERRUPTED,
        });
        expect(await repos.reports.startGenerating(report.id)).toBe(true);
        await runner.close();
      });

      it('a runner starting (ding report beside ding serve) leaves another live runner’s job running', async () => {
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const slow: JobHandler = async () => {
          await gate;
          return 'done';
        };
        const server = jobRunnerCreate(repos, { slow });
        try {
          const id = await server.enqueue('slow', {});
          await expect.poll(async () => (await server.status(id))?.status).toBe('running');
          // The CLI's runner starts while the server's job runs: its lease is fresh, so it is not interrupted.
          const cli = jobRunnerCreate(repos, {});
          await cli.ready;
          expect((await server.status(id))?.status).toBe('running');
          await cli.close();
          release();
          expect(await server.wait(id)).toMatchObject({ status: 'succeeded', result: 'done' });
        } finally {
          release();
          await server.close();
        }
      });

      it('two reports of one period (全文 and 单项指标) generated together are two jobs, and both finish', async () => {
        const runner = jobRunnerCreate(repos, {
          [REPORT_JOB]: reportJobHandler(repos, async () => [{ format: 'docx', bytes: bytes('abc') }]),
        });
        try {
          const full = await repos.reports.create({
            snapshotId,
            period: '2025Q3',
            mode: 'full',
            createdBy: 'a',
          });
          const sheet = await repos.reports.create({
            snapshotId,
            period: '2025Q3',
            mode: 'indicator',
            options: { indicator: 'firms' },
            createdBy: 'a',
          });
          const a = await reportJobEnqueue(runner, full, '管理员');
          const b = await reportJobEnqueue(runner, sheet, '管理员');
          expect(b).not.toBe(a);
          // A double click on one report is still one job.
          expect(await reportJobEnqueue(runner, full, '管理员')).toBe(a);
          expect((await runner.wait(a)).status).toBe('succeeded');
          expect((await runner.wait(b)).status).toBe('succeeded');
          expect((await repos.reports.get(full.id))?.status).toBe('final');
          expect((await repos.reports.get(sheet.id))?.status).toBe('final');
        } finally {
          await runner.close();
        }
      });

      it('the 期数 printed is the one archived: a number taken meanwhile makes the job render again', async () => {
        const other = await generating('2025Q2');
        const printed: { number: number; total: number }[] = [];
        const render: ReportRender = async ({ issue }) => {
          printed.push(issue);
          // While the first render runs, another full report is finalised and takes 第1期（总第1期）.
          if (printed.length === 1)
            await repos.reports.finalise(other.id, [{ format: 'docx', bytes: bytes('o') }]);
          return [{ format: 'docx', bytes: bytes(`第${issue.number}期`) }];
        };
        const runner = jobRunnerCreate(repos, { [REPORT_JOB]: reportJobHandler(repos, render) });
        try {
          const report = await repos.reports.create({
            snapshotId,
            period: '2025Q3',
            mode: 'full',
            createdBy: 'a',
          });
          const job = await runner.wait(await reportJobEnqueue(runner, report, '管理员'));
          expect(job).toMatchObject({
            status: 'succeeded',
            result: { issue: { year: 2025, number: 2, total: 2 } },
          });
          expect(printed).toEqual([
            { number: 1, total: 1 },
            { number: 2, total: 2 },
          ]);
          expect(Buffer.from((await repos.reports.file(report.id, 'docx'))!.bytes).toString()).toBe('第2期');
        } finally {
          await runner.close();
        }
      });

      it('finalise refuses files printing another 期数 than the one due, and stores nothing', async () => {
        const r = await generating();
        await expect(
          repos.reports.finalise(r.id, [{ format: 'docx', bytes: bytes('abc') }], { number: 2, total: 2 }),
        ).rejects.toThrow(/prints 第2期（总第2期） but the report would be 第1期（总第1期）/);
        expect(await fileCount()).toBe(0);
        expect((await repos.reports.get(r.id))?.status).toBe('generating');
        // The number was given back: the right one is accepted.
        expect(
          (
            await repos.reports.finalise(r.id, [{ format: 'docx', bytes: bytes('abc') }], {
              number: 1,
              total: 1,
            })
          ).issue,
        ).toEqual({ year: 2025, number: 1, total: 1 });
      });
    });
  });
}
