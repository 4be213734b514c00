// The collection round end to end through the HTTP API, and its repositories, on every storage backend:
// open a round, template, upload with mistakes, fix, commit, review, publish, progress; scope, locks, rates.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { roundAssignments, submitterKey, type Period, type RegionCode } from '@ding/core';
import type {
  ReminderPreview,
  ReviewRow,
  RoundSummary,
  SubmitterRate,
  Task,
  UploadPreview,
} from '../src/collection/index.ts';
import { TEMPLATE_SHEET } from '../src/collection/index.ts';
import { createRepositories, workspaceProgress, type Repositories } from '../src/index.ts';
import {
  ADMIN,
  ANDONG,
  HUSHAN,
  KJJ,
  LEADER,
  TJJ,
  call,
  collectionWorld,
  tablesSnapshot,
  upload,
  type CollectionWorld,
} from './collection.support.ts';
import type { OpenTestDatabase, TestDatabase } from './support/databases.ts';

const HS = '330282004';
const AD = '330282118';
type Preview = UploadPreview & { submitted?: number };
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

export function describeCollection(backend: string, open: OpenTestDatabase) {
  describe(`collection repositories on ${backend}`, () => {
    let t: TestDatabase;
    let repos: Repositories;
    let now = '2026-01-10T00:00:00.000Z';
    beforeEach(async () => {
      t = await open();
      repos = createRepositories(t.handle.db, { clock: () => now });
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function aRound() {
      return repos.transaction((tx) =>
        tx.rounds.create({ period: '2025Q4' as Period, dueDate: '2026-01-15', openedBy: 'admin' }, [
          { submitter: 'town:T1', indicator: 'firms', region: 'T1', period: '2025Q4' },
          { submitter: 'town:T1', indicator: 'gdp', region: 'T1', period: '2025Q4' },
          { submitter: 'department:tjj', indicator: 'std', region: 'C', period: '2025' },
        ]),
      );
    }
    const submission = (roundId: string, value: number) => ({
      roundId,
      submitter: 'town:T1',
      indicator: 'firms',
      region: 'T1',
      period: '2025Q4',
      value,
      vintage: 'flash' as const,
      submittedBy: 'town-t1',
    });

    it('a round keeps its assignments; the first submission time stays when a figure is resubmitted', async () => {
      const round = await aRound();
      expect(await repos.rounds.byPeriod('2025Q4')).toEqual(round);
      expect(
        (await repos.rounds.assignments(round.id, { submitter: 'town:T1' })).map((a) => a.indicator),
      ).toEqual(['firms', 'gdp']);
      await repos.rounds.setStatus(round.id, [{ indicator: 'firms', region: 'T1' }], 'submitted');
      now = '2026-01-20T00:00:00.000Z';
      await repos.rounds.setStatus(round.id, [{ indicator: 'firms', region: 'T1' }], 'returned', {
        comment: '请核实',
      });
      await repos.rounds.setStatus(round.id, [{ indicator: 'firms', region: 'T1' }], 'submitted');
      const [firms] = await repos.rounds.assignments(round.id, { submitter: 'town:T1' });
      expect(firms).toEqual({
        roundId: round.id,
        submitter: 'town:T1',
        indicator: 'firms',
        region: 'T1',
        period: '2025Q4',
        status: 'submitted',
        submittedAt: '2026-01-10T00:00:00.000Z',
      });
      now = '2026-01-10T00:00:00.000Z';
    });

    it('a resubmission replaces the one in force and keeps it; the database refuses two in force', async () => {
      const round = await aRound();
      const [first] = await repos.submissions.submit([submission(round.id, 10)]);
      const [second] = await repos.submissions.submit([submission(round.id, 11)]);
      expect((await repos.submissions.list({ roundIds: [round.id] })).map((s) => s.value)).toEqual([11]);
      expect(
        (await repos.submissions.list({ roundIds: [round.id], currentOnly: false })).map((s) => [
          s.value,
          s.current,
        ]),
      ).toEqual([
        [10, false],
        [11, true],
      ]);
      // Bypass the replacement: a second row in force for the same figure is a unique violation.
      await expect(
        t.handle.db
          .updateTable('submission_rows')
          .set({ is_current: 1 })
          .where('id', '=', first!.id)
          .execute(),
      ).rejects.toThrow();
      expect(await repos.submissions.review([second!.id], ['submitted'], 'approved', 'admin')).toBe(1);
      expect(await repos.submissions.review([second!.id], ['submitted'], 'approved', 'admin')).toBe(0);
      expect(await repos.submissions.review([first!.id], ['submitted'], 'approved', 'admin')).toBe(0);
    });

    it('an upload is committed once', async () => {
      const round = await aRound();
      const u = await repos.submissions.createUpload({
        roundId: round.id,
        submitter: 'town:T1',
        fileName: 'a.xlsx',
        format: 'xlsx',
        checksum: 'x',
        createdBy: 'town-t1',
        ok: true,
        preview: '{}',
      });
      expect(await repos.submissions.markCommitted(u.id, 'town-t1')).toBe(true);
      expect(await repos.submissions.markCommitted(u.id, 'town-t1')).toBe(false);
      expect((await repos.submissions.upload(u.id))?.committedAt).toBe(now);
    });

    it('locks are set and cleared with who, when and why; notices reach their recipient only', async () => {
      expect(await repos.periodLocks.lockedAmong(['2025Q4'])).toEqual(new Set());
      await repos.periodLocks.set('2025Q4', true, 'admin', '季报已发布');
      expect(await repos.periodLocks.lockedAmong(['2025Q4', '2025'])).toEqual(new Set(['2025Q4']));
      await repos.periodLocks.set('2025Q4', false, 'admin', '更正');
      expect(await repos.periodLocks.get('2025Q4')).toEqual({
        period: '2025Q4',
        locked: false,
        changedBy: 'admin',
        changedAt: now,
        reason: '更正',
      });
      const [n] = await repos.notices.create([
        { recipient: 'town:T1', message: { zh: '催报', en: 'reminder' }, createdBy: 'admin' },
      ]);
      expect(await repos.notices.forRecipients(['town:T2'])).toEqual([]);
      expect(await repos.notices.markRead(n!.id, ['town:T2'])).toBe(false);
      expect(await repos.notices.markRead(n!.id, ['u1', 'town:T1'])).toBe(true);
      expect((await repos.notices.forRecipients(['town:T1']))[0]?.readAt).toBe(now);
    });
  });

  describe(`collection API on ${backend}`, () => {
    let t: TestDatabase;
    let w: CollectionWorld;
    beforeEach(async () => {
      t = await open();
      w = await collectionWorld(t);
    });
    afterEach(async () => {
      await t.dispose();
    });

    async function openRound(period = '2025Q4', dueDate = '2026-01-15'): Promise<RoundSummary> {
      const res = await call<RoundSummary>(w.app, ADMIN, 'POST', '/rounds', { period, dueDate });
      expect(res.status).toBe(201);
      return res.body;
    }
    async function tasksOf(roundId: string, user = HUSHAN): Promise<Task[]> {
      const res = await call<Task[]>(w.app, user, 'GET', `/rounds/${roundId}/tasks`);
      expect(res.status).toBe(200);
      return res.body;
    }
    async function template(roundId: string, user = HUSHAN): Promise<ExcelJS.Workbook> {
      const res = await call<Uint8Array>(w.app, user, 'GET', `/rounds/${roundId}/template.xlsx`);
      expect(res.status).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(res.body) as unknown as ArrayBuffer);
      return wb;
    }
    async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
      return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    }
    /** Row number of an indicator × region in the template (columns A and C hold the codes). */
    function rowOf(ws: ExcelJS.Worksheet, indicator: string, region = HS): number {
      let found = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(1).value === indicator && r.getCell(3).value === region && !found) found = n;
      });
      if (!found) throw new Error(`no template row for ${indicator} × ${region}`);
      return found;
    }
    const lastYearOf = (ws: ExcelJS.Worksheet, indicator: string, region = HS) =>
      Number(ws.getCell(rowOf(ws, indicator, region), 8).value);
    /** A value 5% above last year's published one: no YoY jump, no scale slip. */
    async function plausible(
      roundId: string,
      user: typeof HUSHAN,
      indicator: string,
      region = user.region ?? HS,
    ): Promise<number> {
      const task = (await tasksOf(roundId, user)).find(
        (x) => x.indicator === indicator && x.region === region,
      )!;
      // At the indicator's decimals: counts (integer: true) are whole numbers.
      const f = 10 ** (w.plan.indicators.find((i) => i.code === indicator)?.decimals ?? 2);
      return Math.round((task.lastYear ?? 100) * 1.05 * f) / f;
    }
    async function grid(user: typeof HUSHAN, roundId: string, rows: unknown[], reason?: string) {
      return call<Preview>(w.app, user, 'PUT', `/rounds/${roundId}/values`, {
        rows,
        ...(reason ? { reason } : {}),
      });
    }

    it('an admin opens a round: who owes what comes from the plan (departments their registers, towns their own)', async () => {
      const round = await openRound();
      const expected = roundAssignments(w.plan, '2025Q4' as Period);
      expect(round).toMatchObject({
        period: '2025Q4',
        dueDate: '2026-01-15',
        status: 'open',
        assignments: expected.length,
      });
      const all = await call<Task[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/tasks`);
      const towns = w.plan.regions.filter((r) => r.parent === w.plan.home).map((r) => r.code);
      const owing = new Set(all.body.map((task) => task.submitter));
      for (const town of towns) expect(owing).toContain(`town:${town}`);
      expect(owing).toContain('department:kjj');
      expect(new Set(expected.map((a) => submitterKey(a.submitter)))).toEqual(owing);
      // Annual indicators are the year's figure in a Q4 round.
      const annual = all.body.find((x) => x.indicator === 'rd_institutes_provincial' && x.region === HS);
      expect(annual).toMatchObject({ period: '2025', status: 'pending', unit: '家' });
      expect(
        (await call(w.app, ADMIN, 'POST', '/rounds', { period: '2025Q4', dueDate: '2026-01-15' })).status,
      ).toBe(409);
      expect((await call<RoundSummary[]>(w.app, HUSHAN, 'GET', '/rounds')).body.map((r) => r.period)).toEqual(
        ['2025Q4'],
      );
    });

    it('a reporter sees only its own tasks, with last period’s and last year’s published values', async () => {
      const round = await openRound();
      const tasks = await tasksOf(round.id);
      expect(new Set(tasks.map((x) => x.submitter))).toEqual(new Set([`town:${HS}`]));
      expect(new Set(tasks.map((x) => x.region))).toEqual(new Set([HS]));
      // plans/cixi/plan.yaml townFiguresBy: a town owes the figures of its own budget; 高企 is 科技局's.
      expect(tasks.map((x) => x.indicator).sort()).toEqual([
        'fiscal_recurrent_expenditure',
        'fiscal_st_spending',
        'science_popularization_spending',
      ]);
      const kjj = await tasksOf(round.id, KJJ);
      expect(new Set(kjj.map((x) => x.submitter))).toEqual(new Set(['department:kjj']));
      const towns = w.plan.regions.filter((r) => r.parent === w.plan.home).map((r) => r.code);
      expect(
        kjj
          .filter((x) => x.indicator === 'hightech_enterprises')
          .map((x) => x.region)
          .sort(),
      ).toEqual([...towns].sort());
      const hte = kjj.find((x) => x.indicator === 'hightech_enterprises' && x.region === HS)!;
      const published = async (period: string) =>
        (
          await w.ws.repos.observations.current({
            indicators: ['hightech_enterprises'],
            regions: [HS],
            periods: [period as Period],
          })
        )[0]?.value;
      expect(hte).toMatchObject({
        period: '2025Q4',
        unit: '家',
        status: 'pending',
        regionName: '浒山街道',
        lastPeriod: await published('2025Q3'),
        lastYear: await published('2024Q4'),
      });
      expect(
        (await call(w.app, HUSHAN, 'GET', `/rounds/${round.id}/tasks?submitter=town:${AD}`)).status,
      ).toBe(403);
      expect(
        (await call(w.app, KJJ, 'GET', `/rounds/${round.id}/tasks?submitter=department:tjj`)).status,
      ).toBe(403);
      expect((await call(w.app, ADMIN, 'GET', `/rounds/${round.id}/tasks?submitter=town:${AD}`)).status).toBe(
        200,
      );
      expect((await call(w.app, HUSHAN, 'GET', '/rounds/nope/tasks')).status).toBe(404);
      expect((await call(w.app, undefined, 'GET', `/rounds/${round.id}/tasks`)).status).toBe(401);
    });

    it('the template holds the reporter’s rows, reference values, validation and locked reference columns', async () => {
      const round = await openRound();
      // 市科技局 supplies its indicators for every town: one sheet, a row per town × indicator.
      const tasks = await tasksOf(round.id, KJJ);
      const wb = await template(round.id, KJJ);
      expect(wb.worksheets.map((x) => x.name)).toEqual([TEMPLATE_SHEET, '填报说明']);
      const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
      expect(ws.rowCount - 1).toBe(tasks.length);
      const towns = w.plan.regions.filter((r) => r.parent === w.plan.home).map((r) => r.code);
      const hteRegions: string[] = [];
      // The round is 2025Q4 and 市科技局 owes flows: the header says they are asked year to date.
      expect(ws.getRow(1).getCell(9).value).toBe('数值（填报；流量指标填1-12月累计数）');
      for (let r = 2; r <= ws.rowCount; r++) {
        const [indicator, region] = [ws.getCell(r, 1).value, ws.getCell(r, 3).value];
        if (indicator === 'hightech_enterprises') hteRegions.push(String(region));
        const task = tasks.find((x) => x.indicator === indicator && x.region === region)!;
        expect([ws.getCell(r, 4).value, ws.getCell(r, 5).value, ws.getCell(r, 6).value]).toEqual([
          task.regionName,
          task.period,
          task.unit,
        ]);
        expect(ws.getCell(r, 7).value ?? undefined).toBe(task.lastPeriod);
        expect(ws.getCell(r, 8).value ?? undefined).toBe(task.lastYear);
        const integer = w.plan.indicators.find((i) => i.code === task.indicator)?.integer;
        expect(ws.getCell(r, 9).dataValidation).toMatchObject({
          type: integer ? 'whole' : 'decimal',
          showErrorMessage: true,
        });
        expect(ws.getCell(r, 9).protection).toMatchObject({ locked: false });
      }
      expect(hteRegions.sort()).toEqual([...towns].sort());
      expect(ws.getCell(rowOf(ws, 'hightech_enterprises', AD), 9).dataValidation).toMatchObject({
        // plans/cixi/plan.yaml: range { min: 0, max: 1e6 } for 家 (issue 16 item 6).
        operator: 'between',
        formulae: [0, 1e6],
        prompt: expect.stringContaining('请填写0 至 1000000 之间的整数，单位：家'),
      });
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect((await call(w.app, LEADER, 'GET', `/rounds/${round.id}/template.xlsx`)).status).toBe(403);
      const res = await call(w.app, KJJ, 'GET', `/rounds/${round.id}/template.xlsx`);
      expect(res.headers.get('content-disposition')).toContain(
        encodeURIComponent('2025Q4-市科技局-填报模板.xlsx'),
      );
      // A town's template holds its own town only: the figures it holds.
      const own = (await template(round.id)).getWorksheet(TEMPLATE_SHEET)!;
      const hs = await tasksOf(round.id);
      expect(own.rowCount - 1).toBe(hs.length);
      for (let r = 2; r <= own.rowCount; r++) expect(own.getCell(r, 3).value).toBe(HS);
      expect(() => rowOf(own, 'hightech_enterprises')).toThrow();
    });

    it('a whole round: mistakes located, fixed, committed, approved, published — and the progress table sees it', async () => {
      // 市科技局 fills its one-sheet template for two towns (浒山, 庵东) and leaves the others for later.
      const round = await openRound();
      const wb = await template(round.id, KJJ);
      const ws = wb.getWorksheet(TEMPLATE_SHEET)!;
      const at = (indicator: string, region = HS) => rowOf(ws, indicator, region);
      const value = (indicator: string, v: string | number, region = HS) =>
        (ws.getCell(at(indicator, region), 9).value = v);
      const ly = {
        hte: lastYearOf(ws, 'hightech_enterprises'),
        hteAd: lastYearOf(ws, 'hightech_enterprises', AD),
        smes: lastYearOf(ws, 'tech_smes'),
        ttv: lastYearOf(ws, 'tech_transaction_value'),
        nts: lastYearOf(ws, 'new_tech_smes'),
      };
      value('hightech_enterprises', 'abc');
      value('new_tech_smes', -5);
      value('hightech_enterprises', ly.hteAd + 4, AD);
      value('tech_smes', ly.smes * 3 + 10);
      value('tech_transaction_value', Number((ly.ttv * 10_000).toFixed(2)));
      const extra = ws.rowCount;
      ws.getRow(extra + 1).values = [
        'hightech_enterprises',
        '',
        AD,
        '',
        '2025Q4',
        '家',
        null,
        null,
        ly.hteAd + 5,
      ];
      ws.getRow(extra + 2).values = ['no_such_indicator', '', HS, '', '2025Q4', '', null, null, 1];
      // 有效发明专利 is 市市场监管局's (plans/cixi/plan.yaml): outside 市科技局's scope.
      ws.getRow(extra + 3).values = ['invention_patents', '', HS, '', '2025Q4', '件', null, null, 10];
      const first = await upload<Preview>(w.app, KJJ, round.id, {
        name: '科技局-2025Q4.xlsx',
        data: await bytes(wb),
      });
      expect(first.status).toBe(201);
      expect(first.body.ok).toBe(false);
      const located = first.body.errors.map((e) => [e.kind, e.sheet, e.row, e.column]);
      expect(located).toEqual(
        expect.arrayContaining([
          ['not_a_number', TEMPLATE_SHEET, at('hightech_enterprises'), 'I'],
          ['negative_value', TEMPLATE_SHEET, at('new_tech_smes'), 'I'],
          ['needs_reason', TEMPLATE_SHEET, at('tech_smes'), 'I'],
          ['unit_scale', TEMPLATE_SHEET, at('tech_transaction_value'), 'I'],
          ['duplicate_row', TEMPLATE_SHEET, extra + 1, undefined],
          ['unknown_indicator', TEMPLATE_SHEET, extra + 2, 'A'],
          ['out_of_scope', TEMPLATE_SHEET, extra + 3, 'C'],
        ]),
      );
      expect(located).toHaveLength(7);
      const scale = first.body.errors.find((e) => e.kind === 'unit_scale')!;
      expect(scale.message.zh).toContain('疑似按「万元」填报，本指标单位为「亿元」');
      expect(first.body.warnings.map((x) => x.kind)).toEqual(['rows_skipped']);
      // Nothing is submitted by an upload; its commit refuses while errors remain (out of scope → 403).
      expect((await call(w.app, KJJ, 'POST', `/uploads/${first.body.id}/commit`, {})).status).toBe(403);
      expect(await w.ws.repos.submissions.list({ roundIds: [round.id] })).toEqual([]);

      // Fixed: the YoY jump stays, explained at commit time.
      value('hightech_enterprises', ly.hte + 4);
      value('new_tech_smes', Math.max(0, ly.nts - 2));
      value('tech_transaction_value', Number((ly.ttv * 1.1).toFixed(2)));
      for (let r = extra + 3; r > extra; r--) ws.spliceRows(r, 1);
      const fixed = await upload<Preview>(w.app, KJJ, round.id, {
        name: '科技局-2025Q4.xlsx',
        data: await bytes(wb),
      });
      expect(fixed.body.errors.map((e) => [e.kind, e.row])).toEqual([['needs_reason', at('tech_smes')]]);
      expect(fixed.body.rows).toHaveLength(5);
      const commitPath = `/uploads/${fixed.body.id}/commit`;
      const refused = await call<ErrorBody>(w.app, KJJ, 'POST', commitPath, {});
      expect(refused.status).toBe(422);
      expect((refused.body.error.details as Preview).errors[0]?.kind).toBe('needs_reason');
      const reasons = [
        { row: at('tech_smes'), sheet: TEMPLATE_SHEET, reason: '新一批科技型中小企业集中入库' },
      ];
      const committed = await call<{ submitted: number; preview: Preview }>(w.app, KJJ, 'POST', commitPath, {
        reasons,
      });
      expect(committed.status).toBe(200);
      expect(committed.body.submitted).toBe(5);
      expect(committed.body.preview.warnings.map((x) => x.kind)).toContain('yoy_explained');
      expect((await call(w.app, KJJ, 'POST', commitPath, { reasons })).status).toBe(409);
      const mine = await tasksOf(round.id, KJJ);
      expect(
        mine
          .filter((x) => x.status === 'submitted')
          .map((x) => `${x.indicator} ${x.region}`)
          .sort(),
      ).toEqual([
        `hightech_enterprises ${HS}`,
        `hightech_enterprises ${AD}`,
        `new_tech_smes ${HS}`,
        `tech_smes ${HS}`,
        `tech_transaction_value ${HS}`,
      ]);

      // Review: what replaces what, YoY, who, why.
      const queue = await call<ReviewRow[]>(w.app, ADMIN, 'GET', '/review');
      expect(queue.body).toHaveLength(5);
      const smes = queue.body.find((r) => r.indicator === 'tech_smes')!;
      expect(smes).toMatchObject({
        submitter: 'department:kjj',
        submittedBy: KJJ.username,
        region: HS,
        reason: '新一批科技型中小企业集中入库',
        lastYear: ly.smes,
        source: '科技局-2025Q4.xlsx',
        yoy: expect.any(Number),
      });
      expect(smes.previous).toBeDefined();
      expect((await call(w.app, KJJ, 'GET', '/review')).status).toBe(403);
      const approved = await call(w.app, ADMIN, 'POST', '/review/approve', {
        ids: queue.body.map((r) => r.id),
      });
      expect(approved.body).toEqual({ approved: 5 });
      const published = await call(w.app, ADMIN, 'POST', '/review/publish', { period: '2025Q4' });
      expect(published.status).toBe(200);
      expect(published.body).toEqual({ published: 5, created: 0, revised: 5, unchanged: 0 });

      // The published figure is a new revision (the demo value kept), cited, and what the engine uses.
      const hte = ly.hte + 4;
      const history = await w.ws.repos.observations.history({
        indicator: 'hightech_enterprises',
        region: HS,
        period: '2025Q4',
      });
      expect(history.map((o) => [o.revision, o.current])).toEqual([
        [1, false],
        [2, true],
      ]);
      expect(history[1]).toMatchObject({
        value: hte,
        provenance: 'real',
        citation: '2025Q4 填报 by department:kjj',
        source: '科技局-2025Q4.xlsx',
        createdBy: 'admin',
      });
      const progress = await workspaceProgress(w.ws, w.plan, '2025Q4' as Period, {
        regions: [HS as RegionCode],
      });
      expect(progress.find((r) => r.indicator === 'hightech_enterprises')?.value?.value).toBe(hte);
      expect(
        (await tasksOf(round.id, KJJ)).find((x) => x.indicator === 'hightech_enterprises' && x.region === HS)
          ?.status,
      ).toBe('published');
      const audit = await w.ws.repos.audit.list({ action: 'observation.publish' });
      expect(audit).toHaveLength(5);
      expect((await w.ws.repos.audit.list({ action: 'submission.submit' }))[0]).toMatchObject({
        actor: KJJ.username,
        entity: 'upload',
        entityId: fixed.body.id,
      });
    });

    it('grid entry and uploads refuse a fractional count and a flow below its published 1-9月; reviewers see the exact value', async () => {
      // Issue 8 items 9 and 12. The round is 2025Q4: a flow's figure is 1-12月, at least the published 1-9月.
      const round = await openRound();
      const tasks = await tasksOf(round.id, KJJ);
      const measure = (code: string) => w.plan.indicators.find((i) => i.code === code);
      const flow = tasks.find(
        (x) =>
          measure(x.indicator)?.measure === 'flow' &&
          !measure(x.indicator)?.integer &&
          x.region === HS &&
          x.period === '2025Q4' &&
          (x.lastPeriod ?? 0) > 1,
      )!;
      expect(flow).toBeDefined();
      const before = await tablesSnapshot(w.ws);

      const count = await grid(KJJ, round.id, [
        { indicator: 'hightech_enterprises', region: HS, value: 75.6 },
      ]);
      expect(count.body).toMatchObject({ ok: false, submitted: 0 });
      expect(count.body.errors.map((e) => e.message.zh)).toEqual([
        '文件 在线填报，第 1 行，「数值」列：指标 hightech_enterprises 以「家」计数，数值须为整数（填报值 75.6）',
      ]);

      const below = flow.lastPeriod! - 1;
      const fell = await grid(KJJ, round.id, [{ indicator: flow.indicator, region: HS, value: below }]);
      expect(fell.body).toMatchObject({ ok: false, submitted: 0 });
      // (It is also far below last year's 1-12月: that YoY jump is reported beside it.)
      expect(fell.body.errors.filter((e) => e.kind === 'ytd_below_previous')).toMatchObject([
        {
          kind: 'ytd_below_previous',
          file: '在线填报',
          row: 1,
          column: '数值',
          previousPeriod: '2025Q3',
          previousValue: flow.lastPeriod,
          previousSource: 'published',
        },
      ]);
      expect(fell.body.errors.find((e) => e.kind === 'ytd_below_previous')!.message.zh).toContain(
        `${HS} 2025Q4（1-12月）累计数 ${below} 小于上一季度 2025Q3（1-9月）的累计数 ${flow.lastPeriod}（已发布数据）`,
      );

      const quarter = await upload<Preview>(w.app, KJJ, round.id, {
        name: 'q4.csv',
        data: Buffer.from(
          `指标,地区,期别,数值\n${flow.indicator},${HS},2025年第四季度,${flow.lastPeriod! + 1}\n`,
        ),
      });
      expect(quarter.body.ok).toBe(false);
      expect(quarter.body.errors).toMatchObject([
        { kind: 'period_not_ytd', file: 'q4.csv', row: 2, column: '期别', quarter: 4, year: 2025 },
      ]);
      expect(quarter.body.errors[0]!.message.zh).toContain('请写作「2025年1-12月」或 2025Q4');
      const { uploads: _uploads, ...unchanged } = await tablesSnapshot(w.ws);
      const { uploads: _before, ...was } = before;
      expect(unchanged).toEqual(was);

      // A valid figure with more decimals than the plan shows reaches the review queue exactly as typed.
      const decimals = measure(flow.indicator)!.decimals;
      const exact = Number(((flow.lastYear ?? flow.lastPeriod!) * 1.05 + 0.0001).toFixed(decimals + 3));
      expect(exact).toBeGreaterThan(flow.lastPeriod!);
      const ok = await grid(KJJ, round.id, [{ indicator: flow.indicator, region: HS, value: exact }]);
      expect(ok.body).toMatchObject({ ok: true, submitted: 1 });
      const queue = await call<ReviewRow[]>(w.app, ADMIN, 'GET', '/review?submitter=department:kjj');
      expect(queue.body.map((r) => [r.indicator, r.value])).toEqual([[flow.indicator, exact]]);
    });

    it('out-of-scope writes are refused (403) and change nothing', async () => {
      const round = await openRound();
      // 财政科技投入 is a town's own (plans/cixi/plan.yaml townFiguresBy: towns), the year's figure in Q4.
      const hsValue = await plausible(round.id, HUSHAN, 'fiscal_st_spending');
      const own = { indicator: 'fiscal_st_spending', region: HS, value: hsValue };
      const theirs = { indicator: 'fiscal_st_spending', region: AD, value: 10 };
      const adValue = await plausible(round.id, ANDONG, 'fiscal_st_spending');
      const ad = await upload<Preview>(w.app, ANDONG, round.id, {
        name: 'ad.csv',
        data: Buffer.from(`指标,地区,期别,数值\nfiscal_st_spending,${AD},2025,${adValue}\n`),
      });
      expect(ad.body.ok).toBe(true);
      const before = await tablesSnapshot(w.ws);

      const mixed = await grid(HUSHAN, round.id, [own, theirs]);
      expect(mixed.status).toBe(403);
      expect(((mixed.body as unknown as ErrorBody).error.details as Preview).errors).toMatchObject([
        { kind: 'out_of_scope', file: '在线填报', row: 2, column: '地区', region: AD },
      ]);
      // 高企 by town is 市科技局's: a town cannot write it, even for itself.
      const hte = await grid(HUSHAN, round.id, [
        { indicator: 'hightech_enterprises', region: HS, value: 60 },
      ]);
      expect(hte.status).toBe(403);
      expect(((hte.body as unknown as ErrorBody).error.details as Preview).errors).toMatchObject([
        { kind: 'out_of_scope', region: HS },
      ]);
      // …and no department writes a figure the towns supply.
      expect((await grid(TJJ, round.id, [own])).status).toBe(403);
      expect((await grid(KJJ, round.id, [own])).status).toBe(403);
      const writes: [typeof HUSHAN, string, string, unknown][] = [
        [HUSHAN, 'POST', `/uploads/${ad.body.id}/commit`, {}],
        [HUSHAN, 'POST', '/rounds', { period: '2026Q1', dueDate: '2026-04-15' }],
        [HUSHAN, 'PATCH', `/rounds/${round.id}`, { status: 'closed' }],
        [HUSHAN, 'POST', `/rounds/${round.id}/remind`, {}],
        [HUSHAN, 'POST', '/review/approve', { ids: ['x'] }],
        [HUSHAN, 'POST', '/review/return', { ids: ['x'], comment: 'x' }],
        [HUSHAN, 'POST', '/review/publish', { period: '2025Q4' }],
        [HUSHAN, 'POST', '/periods/2025Q4/lock', { reason: 'x' }],
        [LEADER, 'PUT', `/rounds/${round.id}/values`, { rows: [own] }],
        [KJJ, 'POST', '/periods/2025Q4/unlock', { reason: 'x' }],
      ];
      for (const [user, method, path, body] of writes) {
        const res = await call<ErrorBody>(w.app, user, method, path, body);
        expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'forbidden']);
      }
      const leaderUpload = await upload(w.app, LEADER, round.id, { name: 'x.csv', data: Buffer.from('a') });
      expect(leaderUpload.status).toBe(403);
      expect(await tablesSnapshot(w.ws)).toEqual(before);
    });

    it('a locked period refuses uploads and commits (423) except from an admin giving a reason', async () => {
      const round = await openRound();
      const csv = (indicator: string, v: number) => ({
        name: `${indicator}.csv`,
        data: Buffer.from(`指标,地区,期别,数值\n${indicator},${HS},2025Q4,${v}\n`),
      });
      const early = await upload<Preview>(w.app, KJJ, round.id, csv('tech_smes', 210));
      expect(early.body.ok).toBe(true);
      const lock = await call(w.app, ADMIN, 'POST', '/periods/2025Q4/lock', { reason: '季报已发布' });
      expect(lock.body).toEqual({ period: '2025Q4', locked: true });
      const before = await tablesSnapshot(w.ws);
      const refused = [
        await upload<ErrorBody>(w.app, KJJ, round.id, csv('hightech_enterprises', 60)),
        await call<ErrorBody>(w.app, KJJ, 'POST', `/uploads/${early.body.id}/commit`, {}),
        await call<ErrorBody>(w.app, KJJ, 'PUT', `/rounds/${round.id}/values`, {
          rows: [{ indicator: 'hightech_enterprises', region: HS, value: 60 }],
        }),
        await call<ErrorBody>(w.app, ADMIN, 'PUT', `/rounds/${round.id}/values`, {
          rows: [{ indicator: 'hightech_enterprises', region: HS, value: 60 }],
        }),
      ];
      expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array(4).fill([423, 'locked']));
      expect(await tablesSnapshot(w.ws)).toEqual(before);

      // An admin with a reason files for the owing unit: the row is 市科技局's, submitted by the admin.
      const byAdmin = await upload<Preview>(w.app, ADMIN, round.id, csv('hightech_enterprises', 61), {
        reason: '年报更正',
      });
      expect(byAdmin.status).toBe(201);
      expect((await call(w.app, ADMIN, 'POST', `/uploads/${byAdmin.body.id}/commit`, {})).status).toBe(423);
      const ok = await call(w.app, ADMIN, 'POST', `/uploads/${byAdmin.body.id}/commit`, {
        reason: '年报更正',
      });
      expect(ok.status).toBe(200);
      const [row] = await w.ws.repos.submissions.list({ roundIds: [round.id] });
      expect(row).toMatchObject({ submitter: 'department:kjj', submittedBy: 'admin', value: 61 });
      const approve = await call(w.app, ADMIN, 'POST', '/review/approve', { ids: [row!.id] });
      expect(approve.status).toBe(200);
      expect((await call(w.app, ADMIN, 'POST', '/review/publish', { period: '2025Q4' })).status).toBe(423);
      const pub = await call(w.app, ADMIN, 'POST', '/review/publish', {
        period: '2025Q4',
        reason: '年报更正',
      });
      expect(pub.body).toMatchObject({ published: 1 });

      await call(w.app, ADMIN, 'POST', '/periods/2025Q4/unlock', { reason: '补报' });
      expect((await call(w.app, KJJ, 'POST', `/uploads/${early.body.id}/commit`, {})).status).toBe(200);
      const actions = (await w.ws.repos.audit.list({ entity: 'period' })).map((a) => [a.action, a.reason]);
      expect(actions).toEqual([
        ['period.unlock', '补报'],
        ['period.lock', '季报已发布'],
      ]);
    });

    it('reporting and on-time rates per submitter, computed by hand; reminders reach those still owing', async () => {
      w.setNow('2026-01-05T02:00:00.000Z');
      const round = await openRound('2025Q4', '2026-01-15');
      const owed = new Map<string, number>();
      for (const a of roundAssignments(w.plan, '2025Q4' as Period))
        owed.set(submitterKey(a.submitter), (owed.get(submitterKey(a.submitter)) ?? 0) + 1);
      const hsOwed = owed.get(`town:${HS}`)!;
      const adOwed = owed.get(`town:${AD}`)!;

      w.setNow('2026-01-10T01:00:00.000Z');
      // Each town owes the three figures of its own budget (plans/cixi/plan.yaml townFiguresBy: towns).
      expect([hsOwed, adOwed]).toEqual([3, 3]);
      const hs = await grid(HUSHAN, round.id, [
        {
          indicator: 'fiscal_st_spending',
          region: HS,
          value: await plausible(round.id, HUSHAN, 'fiscal_st_spending'),
        },
        {
          indicator: 'science_popularization_spending',
          region: HS,
          value: await plausible(round.id, HUSHAN, 'science_popularization_spending'),
        },
      ]);
      expect(hs.body).toMatchObject({ ok: true, submitted: 2 });
      // 23:30 on the due date in Cixi (UTC+8) is on time; 00:30 the next day is late.
      w.setNow('2026-01-15T15:30:00.000Z');
      const ad1 = await plausible(round.id, ANDONG, 'fiscal_st_spending');
      const ad2 = await plausible(round.id, ANDONG, 'fiscal_recurrent_expenditure');
      expect(
        (await grid(ANDONG, round.id, [{ indicator: 'fiscal_st_spending', region: AD, value: ad1 }])).body.ok,
      ).toBe(true);
      w.setNow('2026-01-15T16:30:00.000Z');
      expect(
        (
          await grid(ANDONG, round.id, [
            { indicator: 'fiscal_recurrent_expenditure', region: AD, value: ad2 },
          ])
        ).body.ok,
      ).toBe(true);
      const queue = await call<ReviewRow[]>(w.app, ADMIN, 'GET', `/review?submitter=town:${HS}`);
      expect(queue.body).toHaveLength(2);
      await call(w.app, ADMIN, 'POST', '/review/approve', { ids: [queue.body[0]!.id] });

      const rates = await call<SubmitterRate[]>(w.app, ADMIN, 'GET', `/rounds/${round.id}/rates`);
      const of = (s: string) => rates.body.find((r) => r.submitter === s);
      expect(of(`town:${HS}`)).toEqual({
        submitter: `town:${HS}`,
        name: '浒山街道',
        total: hsOwed,
        submitted: 2,
        approved: 1,
        onTime: 2,
        rate: 2 / hsOwed,
        onTimeRate: 2 / hsOwed,
        dueDate: '2026-01-15',
        due: true,
        overdue: hsOwed - 2,
      });
      expect(of(`town:${AD}`)).toMatchObject({
        total: adOwed,
        submitted: 2,
        approved: 0,
        onTime: 1,
        rate: 2 / adOwed,
        onTimeRate: 1 / adOwed,
      });
      expect(of('department:kjj')).toMatchObject({
        total: owed.get('department:kjj'),
        submitted: 0,
        rate: 0,
      });
      expect(rates.body).toHaveLength(owed.size);
      expect((await call(w.app, HUSHAN, 'GET', `/rounds/${round.id}/rates`)).status).toBe(403);

      // 催报 reaches the units with an active account (here the two towns), previewed and then confirmed.
      for (const u of [HUSHAN, ANDONG])
        await w.ws.repos.users.create({ ...u, passwordHash: 'x', region: u.region! });
      const preview = await call<ReminderPreview>(
        w.app,
        ADMIN,
        'POST',
        `/rounds/${round.id}/remind/preview`,
        {},
      );
      expect(preview.body.recipients.map((r) => r.submitter).sort()).toEqual([`town:${HS}`, `town:${AD}`]);
      expect(preview.body.skipped).toHaveLength(owed.size - 2);
      const remind = await call(w.app, ADMIN, 'POST', `/rounds/${round.id}/remind`, {
        token: preview.body.token,
      });
      expect(remind.body).toMatchObject({ sent: 2 });
      const one = await call<ReminderPreview>(w.app, ADMIN, 'POST', `/rounds/${round.id}/remind/preview`, {
        submitters: [`town:${HS}`],
      });
      expect(
        (
          await call(w.app, ADMIN, 'POST', `/rounds/${round.id}/remind`, {
            submitters: [`town:${HS}`],
            token: one.body.token,
          })
        ).body,
      ).toMatchObject({ sent: 1 });
      const notices = await call<{ id: string; message: { zh: string } }[]>(w.app, HUSHAN, 'GET', '/notices');
      expect(notices.body).toHaveLength(2);
      expect(notices.body[0]!.message.zh).toContain(`尚有 ${hsOwed - 2} 项数据未报送，截止日期 2026-01-15`);
      expect((await call(w.app, ANDONG, 'POST', `/notices/${notices.body[0]!.id}/read`)).status).toBe(404);
      expect((await call(w.app, HUSHAN, 'POST', `/notices/${notices.body[0]!.id}/read`)).status).toBe(204);
    });

    it('a returned figure shows the comment on its task; the resubmission replaces it and the old one stays', async () => {
      const round = await openRound();
      await grid(KJJ, round.id, [
        { indicator: 'hightech_enterprises', region: HS, value: 70 },
        { indicator: 'tech_smes', region: HS, value: 210 },
      ]);
      const queue = (await call<ReviewRow[]>(w.app, ADMIN, 'GET', '/review')).body;
      const hte = queue.find((r) => r.indicator === 'hightech_enterprises')!;
      const back = await call(w.app, ADMIN, 'POST', '/review/return', {
        ids: [hte.id],
        comment: '口径有误，请核实',
      });
      expect(back.body).toEqual({ returned: 1 });
      const task = (await tasksOf(round.id, KJJ)).find(
        (x) => x.indicator === 'hightech_enterprises' && x.region === HS,
      )!;
      expect(task).toMatchObject({ status: 'returned', comment: '口径有误，请核实', value: 70 });
      const notices = await call<{ message: { zh: string } }[]>(w.app, KJJ, 'GET', '/notices');
      expect(notices.body[0]!.message.zh).toContain('意见：口径有误，请核实');

      // Entered over the returned figure: based on the submission in force (task.submissionId).
      const again = await grid(KJJ, round.id, [
        { indicator: 'hightech_enterprises', region: HS, value: 72, basedOn: task.submissionId },
      ]);
      expect(again.body).toMatchObject({ ok: true, submitted: 1 });
      expect(
        (await tasksOf(round.id, KJJ)).find((x) => x.indicator === 'hightech_enterprises' && x.region === HS),
      ).toMatchObject({
        status: 'submitted',
        value: 72,
      });
      const all = await w.ws.repos.submissions.list({ roundIds: [round.id], currentOnly: false });
      expect(
        all.filter((s) => s.indicator === 'hightech_enterprises').map((s) => [s.value, s.status, s.current]),
      ).toEqual([
        [70, 'returned', false],
        [72, 'submitted', true],
      ]);
      // The replaced row can no longer be approved; nothing changes.
      const stale = await call<ErrorBody>(w.app, ADMIN, 'POST', '/review/approve', {
        ids: [hte.id, queue[1]!.id],
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.details).toEqual({
        refused: [{ id: hte.id, status: 'returned', current: false }],
      });
      expect((await call<ReviewRow[]>(w.app, ADMIN, 'GET', '/review?status=approved')).body).toEqual([]);
    });

    it('two commits of one upload at the same moment: one submits, the other gets 409, nothing twice', async () => {
      const round = await openRound();
      const file = {
        name: 'kjj.csv',
        data: Buffer.from(
          `指标,地区,期别,数值\nhightech_enterprises,${HS},2025Q4,70\ntech_smes,${HS},2025Q4,210\n`,
        ),
      };
      const u = await upload<Preview>(w.app, KJJ, round.id, file);
      const path = `/uploads/${u.body.id}/commit`;
      const [a, b] = await Promise.all([
        call(w.app, KJJ, 'POST', path, {}),
        call(w.app, KJJ, 'POST', path, {}),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const all = await w.ws.repos.submissions.list({ roundIds: [round.id], currentOnly: false });
      expect(all.map((s) => s.indicator).sort()).toEqual(['hightech_enterprises', 'tech_smes']);
      expect(await w.ws.repos.audit.list({ action: 'submission.submit' })).toHaveLength(1);
    });

    // Issue 16 §4: no silent last-writer-wins. A grid entry carries the submission it was entered over
    // (task.submissionId, null for none); an upload's commit is based on the figures in force when it was
    // checked. A figure submitted since gets 409 with the newer value (who, when, value), nothing written.
    it('a grid entry over a figure someone submitted since gets 409 with the newer value; nothing changes', async () => {
      const round = await openRound();
      // The admin opens the grid while nothing is submitted: the task has no submissionId.
      const seen = (await tasksOf(round.id, ADMIN)).find(
        (x) => x.indicator === 'hightech_enterprises' && x.region === HS,
      )!;
      expect(seen.submissionId).toBeUndefined();
      const first = await grid(KJJ, round.id, [
        { indicator: 'hightech_enterprises', region: HS, value: 70, basedOn: null },
      ]);
      expect(first.body).toMatchObject({ ok: true, submitted: 1 });
      const before = await tablesSnapshot(w.ws);

      const stale = await call<ErrorBody>(w.app, ADMIN, 'PUT', `/rounds/${round.id}/values`, {
        rows: [{ indicator: 'hightech_enterprises', region: HS, value: 71, basedOn: null }],
      });
      expect(stale.status).toBe(409);
      const [hs] = await w.ws.repos.submissions.list({ roundIds: [round.id] });
      expect(stale.body.error.code).toBe('conflict');
      expect(stale.body.error.message).toBe(
        `有效高新技术企业数 · 浒山街道 已由 ${hs!.submittedBy} 于 ${hs!.submittedAt} 提交为 70，请刷新核对后再提交；未作任何修改`,
      );
      expect(stale.body.error.details).toMatchObject({
        current: [
          {
            indicator: 'hightech_enterprises',
            region: HS,
            period: '2025Q4',
            submissionId: hs!.id,
            value: 70,
            submittedBy: hs!.submittedBy,
            submittedAt: hs!.submittedAt,
            status: 'submitted',
          },
        ],
      });
      // Omitting basedOn is the same as null: the caller saw no submission.
      const omitted = await call<ErrorBody>(w.app, ADMIN, 'PUT', `/rounds/${round.id}/values`, {
        rows: [{ indicator: 'hightech_enterprises', region: HS, value: 71 }],
      });
      expect(omitted.status).toBe(409);
      // A made-up version is stale too.
      const made = await call<ErrorBody>(w.app, ADMIN, 'PUT', `/rounds/${round.id}/values`, {
        rows: [{ indicator: 'hightech_enterprises', region: HS, value: 71, basedOn: 'no-such-submission' }],
      });
      expect(made.status).toBe(409);
      expect(await tablesSnapshot(w.ws)).toEqual(before);

      // Reloaded: based on the submission in force, the entry goes in.
      const task = (await tasksOf(round.id, ADMIN)).find(
        (x) => x.indicator === 'hightech_enterprises' && x.region === HS,
      )!;
      expect(task.submissionId).toBe(hs!.id);
      const fresh = await grid(ADMIN, round.id, [
        { indicator: 'hightech_enterprises', region: HS, value: 71, basedOn: task.submissionId },
      ]);
      expect(fresh.body).toMatchObject({ ok: true, submitted: 1 });
      // …and the version moved: the reporter's old base is now stale.
      const late = await call<ErrorBody>(w.app, KJJ, 'PUT', `/rounds/${round.id}/values`, {
        rows: [{ indicator: 'hightech_enterprises', region: HS, value: 69, basedOn: hs!.id }],
      });
      expect(late.status).toBe(409);
      expect(late.body.error.message).toContain(`已由 admin 于 `);
      expect(late.body.error.message).toContain('提交为 71');
    });

    it('an upload committed after someone submitted one of its figures gets 409 naming that value; nothing is written', async () => {
      const round = await openRound();
      const file = {
        name: 'kjj.csv',
        data: Buffer.from(
          `指标,地区,期别,数值\nhightech_enterprises,${HS},2025Q4,70\ntech_smes,${HS},2025Q4,210\n`,
        ),
      };
      const u = await upload<Preview>(w.app, KJJ, round.id, file);
      expect(u.body.ok).toBe(true);
      expect(u.body.rows.map((r) => r.inForce)).toEqual([undefined, undefined]);
      // Meanwhile the admin enters one of the file's figures in the grid.
      expect(
        (await grid(ADMIN, round.id, [{ indicator: 'tech_smes', region: HS, value: 211, basedOn: null }]))
          .body,
      ).toMatchObject({ ok: true, submitted: 1 });
      const before = await tablesSnapshot(w.ws);
      const commit = await call<ErrorBody>(w.app, KJJ, 'POST', `/uploads/${u.body.id}/commit`, {});
      expect(commit.status).toBe(409);
      const [ip] = await w.ws.repos.submissions.list({ roundIds: [round.id] });
      expect(commit.body.error.message).toBe(
        `科技型中小企业数 · 浒山街道 已由 admin 于 ${ip!.submittedAt} 提交为 211，请刷新核对后再提交；未作任何修改`,
      );
      expect(commit.body.error.details).toMatchObject({
        current: [{ indicator: 'tech_smes', region: HS, value: 211, submittedBy: 'admin' }],
      });
      expect(await tablesSnapshot(w.ws)).toEqual(before);
      expect((await w.ws.repos.submissions.upload(u.body.id!))?.committedAt).toBeUndefined();

      // Uploaded again, the preview shows the figure it would replace, and the commit goes in.
      const again = await upload<Preview>(w.app, KJJ, round.id, file);
      expect(again.body.rows.find((r) => r.indicator === 'tech_smes')?.inForce).toMatchObject({
        submissionId: ip!.id,
        value: 211,
        submittedBy: 'admin',
      });
      const ok = await call<Preview>(w.app, KJJ, 'POST', `/uploads/${again.body.id}/commit`, {});
      expect(ok.body).toMatchObject({ submitted: 2 });
    });

    it('a closed round accepts nothing until it is reopened; an approved figure is not resubmitted', async () => {
      const round = await openRound();
      const closed = await call(w.app, ADMIN, 'PATCH', `/rounds/${round.id}`, {
        status: 'closed',
        reason: '截止',
      });
      expect(closed.body).toMatchObject({ status: 'closed' });
      const row = [{ indicator: 'hightech_enterprises', region: HS, value: 70 }];
      const refused = await grid(KJJ, round.id, row);
      expect(refused.body).toMatchObject({ ok: false, submitted: 0, id: null });
      expect(refused.body.errors.map((e) => e.kind)).toEqual(['round_closed']);
      await call(w.app, ADMIN, 'PATCH', `/rounds/${round.id}`, { status: 'open' });
      expect((await grid(KJJ, round.id, row)).body).toMatchObject({ ok: true, submitted: 1 });
      const [s] = await w.ws.repos.submissions.list({ roundIds: [round.id] });
      await call(w.app, ADMIN, 'POST', '/review/approve', { ids: [s!.id] });
      const late = await grid(KJJ, round.id, [{ ...row[0], value: 71 }]);
      expect(late.body.errors).toMatchObject([{ kind: 'already_reviewed', status: 'approved' }]);
      // The template now leaves the approved figure out.
      const ws = (await template(round.id, KJJ)).getWorksheet(TEMPLATE_SHEET)!;
      expect(() => rowOf(ws, 'hightech_enterprises')).toThrow();
    });
  });
}
