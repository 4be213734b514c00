// The quarterly report over the demo workspace (SQLite): every number in the generated DOCX equals the
// engine's row of the same snapshot, an archived report regenerates identically after a later revision,
// and bad requests (nothing published, no such snapshot, unknown indicator, LibreOffice missing) are refused
// by name with no file in the archive (issue 9 "Done when").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentNumbers,
  inlineText,
  progressCompute,
  reportNumberValue,
  roundHalfAway,
  roundedDifference,
  type Period,
  type Plan,
  type ReportDocument,
} from '@ding/core';
import { REPORT_JOB, reportJobEnqueue, reportJobHandler } from '../src/jobs/report-job.ts';
import { jobRunnerCreate } from '../src/jobs/runner.ts';
import { observationRevise } from '../src/services/observation-edit.ts';
import {
  reportDocumentOf,
  reportDraftCreate,
  reportFile,
  reportGenerate,
  reportPreview,
  reportPreviousPeriod,
  reportQueue,
  reportQueueClose,
  ReportError,
  reportRenderer,
} from '../src/services/report.ts';
import { workspaceInit, workspaceOpen, workspacePlan, type Workspace } from '../src/index.ts';
import { ADMIN } from './collection.support.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-report-'));
let ws: Workspace;
let plan: Plan;

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  plan = await workspacePlan(ws);
}, 60_000);

afterAll(async () => {
  await reportQueueClose(ws);
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const paragraphs = (doc: ReportDocument) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [inlineText(b.parts)] : []));

/** The text of the DOCX's body as Word stores it (unzip + strip the XML). */
function docxText(bytes: Uint8Array): string {
  const file = join(dir, `r-${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(file, bytes);
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 << 20 }).toString();
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

describe('the 2025Q3 report of the demo data', () => {
  let doc: ReportDocument;
  let docxBody: string;
  let snapshotId: number;

  beforeAll(async () => {
    const draft = await reportDraftCreate(ws, {
      period: '2025Q3',
      mode: 'full',
      options: { formats: ['docx'] },
      createdBy: 'admin',
    });
    snapshotId = draft.snapshotId;
    doc = (await reportPreview(ws, draft.id)).document;
    const job = await reportQueue(ws).wait(await reportGenerate(ws, draft.id, 'admin'));
    expect(job.status, job.error).toBe('succeeded');
    const { report, file } = await reportFile(ws, draft.id, 'docx');
    expect(report.issue).toMatchObject({ year: 2025, number: 1 });
    docxBody = docxText(file.bytes);
  }, 60_000);

  it('prints every number of the narrative and tables as the engine row of the same snapshot gives it', async () => {
    const observations = await ws.repos.snapshots.observationsAt(snapshotId, { vintage: 'best' });
    const rows = progressCompute(plan, observations, '2025Q3' as Period, { includeComponents: true });
    const before = progressCompute(plan, observations, reportPreviousPeriod('2025Q3' as Period), {
      includeComponents: true,
    });
    const numbers = documentNumbers(doc);
    expect(numbers.length).toBeGreaterThan(200);
    let checked = 0;
    for (const { path, part } of numbers) {
      const { indicator, region, field } = part.source;
      expect(part.source.snapshotId, path).toBe(String(snapshotId));
      if (field === 'count' || field === 'gapToCompared') continue;
      const row = rows.find((r) => r.indicator === indicator && r.region === region);
      expect(row, `${path}: ${indicator} × ${region}`).toBeDefined();
      const prev = before.find((r) => r.indicator === indicator && r.region === region);
      const value = reportNumberValue(row!, field, prev);
      expect(part.value, `${path} ${field}`).toBe(value);
      // printed with the plan's decimals (completion and 序时进度差 to 0.1), half away from zero; a gap
      // prints the difference of the printed figures (75.1 − 75.0 = 0.1), as the core narrative test checks
      const decimals = part.text.includes('.') ? part.text.split('.')[1]!.length : 0;
      const printed =
        field === 'gapToExpected'
          ? roundedDifference(row!.completion!, row!.expected!.shareOfTarget, 1)
          : field === 'gapToTarget'
            ? roundedDifference(row!.value!.value, row!.target!.value, decimals)
            : roundHalfAway(part.value, decimals);
      expect(Math.abs(Number(part.text)), `${path} '${part.text}'`).toBe(Math.abs(printed));
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('the DOCX carries the same sentences and the 附表 values', () => {
    expect(docxBody).toContain('慈溪市科技创新统计季报');
    for (const p of paragraphs(doc)) expect(docxBody).toContain(p);
    const appendix = doc.blocks.find((b) => b.kind === 'table' && b.caption.startsWith('附表'));
    expect(appendix?.kind === 'table' && appendix.rows.length).toBeGreaterThan(5);
    if (appendix?.kind === 'table')
      for (const row of appendix.rows) for (const c of row) expect(docxBody).toContain(c.text);
  });

  it('no 增长-, and every sentence with a number names its scope', () => {
    const text = paragraphs(doc);
    expect(text.join('')).not.toMatch(/增长-|提高-|提升-|超序时进度-/);
    const towns = plan.regions.map((r) => r.name.zh);
    const scoped = /全市（含前湾）|市级（不含前湾）|前湾/;
    for (const p of text.filter((t) => /\d/.test(t))) {
      expect(scoped.test(p) || towns.some((t) => p.includes(t)), p).toBe(true);
    }
  });
});

describe('an archived report is reproducible from its snapshot', () => {
  it('regenerates the same document after a later revision of one of its figures', async () => {
    const draft = await reportDraftCreate(ws, {
      period: '2025Q3',
      mode: 'indicator',
      options: { indicator: 'tech_transaction_value' },
      createdBy: 'admin',
    });
    const first = (await reportPreview(ws, draft.id)).document;
    const [current] = await ws.repos.observations.current({
      indicators: ['tech_transaction_value'],
      regions: ['330282118'],
      periods: ['2025Q3' as Period],
    });
    const revised = await observationRevise(ws.repos, plan, ADMIN, current!.id, {
      value: current!.value + 5,
      expectedRevision: current!.revision,
      reason: '更正',
    });
    expect(revised.ok).toBe(true);
    expect((await ws.repos.snapshots.latest())!.id).toBeGreaterThan(draft.snapshotId);
    const again = (await reportPreview(ws, draft.id)).document;
    expect(again).toEqual(first);
    // a new report of the latest snapshot sees the revision: 全市 技术交易额 is 5 亿元 higher
    const fresh = await reportDraftCreate(ws, {
      period: '2025Q3',
      mode: 'indicator',
      options: { indicator: 'tech_transaction_value' },
      createdBy: 'admin',
    });
    const [sentence] = paragraphs((await reportPreview(ws, fresh.id)).document);
    const [old] = paragraphs(first);
    const figure = (s: string) => Number(/技术交易额完成([\d.]+)亿元/.exec(s)![1]);
    expect(figure(sentence!) - figure(old!)).toBeCloseTo(5, 2);
  });
});

describe('bad requests', () => {
  const refused = async (p: Promise<unknown>, code: string, message: RegExp) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).code).toBe(code);
    expect((e as ReportError).zh).toMatch(message);
  };
  it('a period with nothing published', async () => {
    await refused(
      reportDraftCreate(ws, { period: '2030Q1', mode: 'full', createdBy: 'admin' }),
      'not_published',
      /2030Q1 尚无已发布数据/,
    );
  });
  it('a snapshot that does not exist', async () => {
    await refused(
      reportDraftCreate(ws, { period: '2025Q3', mode: 'full', snapshotId: 9999, createdBy: 'admin' }),
      'no_snapshot',
      /没有编号为 9999 的数据快照/,
    );
  });
  it('an unknown indicator in a custom report', async () => {
    await refused(
      reportDraftCreate(ws, {
        period: '2025Q3',
        mode: 'custom',
        options: { sections: ['overview'], indicators: ['nope'] },
        createdBy: 'admin',
      }),
      'unknown_indicator',
      /方案中没有该指标：nope/,
    );
  });
  it('LibreOffice missing: the report job fails with the cause, the report is failed and keeps no file', async () => {
    const draft = await reportDraftCreate(ws, { period: '2025Q3', mode: 'full', createdBy: 'admin' });
    // The job as the service runs it (reportJobHandler over reportRenderer), with a soffice that is not there.
    const render = reportRenderer({
      plan: () => workspacePlan(ws),
      pdf: { soffice: '/nonexistent/soffice' },
    });
    const runner = jobRunnerCreate(ws.repos, { [REPORT_JOB]: reportJobHandler(ws.repos, render) });
    try {
      const job = await runner.wait(await reportJobEnqueue(runner, draft, 'admin'));
      expect(job.status).toBe('failed');
      expect(job.error).toMatch(
        /^LibreOffice 未安装 \(LibreOffice is not installed\): '\/nonexistent\/soffice' not found/,
      );
      const report = await ws.repos.reports.get(draft.id);
      expect(report).toMatchObject({ status: 'failed', error: job.error });
      expect(report?.issue).toBeUndefined();
      expect(await ws.repos.reports.files(draft.id)).toEqual([]);
    } finally {
      await runner.close();
    }
  });
  it('the document of a snapshot is pure over its inputs', async () => {
    const latest = (await ws.repos.snapshots.latest())!;
    const observations = await ws.repos.snapshots.observationsAt(latest.id, { vintage: 'best' });
    const report = {
      period: '2025Q3',
      mode: 'full' as const,
      options: {},
      createdAt: '2025-10-20T02:00:00.000Z',
      snapshotId: latest.id,
    };
    const a = reportDocumentOf(plan, observations, report, { number: 3, total: 12 });
    expect(a).toEqual(reportDocumentOf(plan, observations, report, { number: 3, total: 12 }));
    expect(a.meta).toMatchObject({ issueLabel: '2025年第3期（总第12期）', date: '2025-10-20' });
  });
});
