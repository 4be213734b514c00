// /api/reports and /api/jobs in process (app.request) over the demo workspace on SQLite: the admin drafts
// the 2025Q3 report, previews its document, rewrites a 存在问题 paragraph, generates it as a job and
// downloads the DOCX, which carries the title and the edited text; bad requests are refused by name and
// change nothing; leaders read and download but cannot create (issue 9 §7, "Bad input").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineText, type ReportDocument } from '@ding/core';
import { reportQueueClose, workspaceInit } from '../src/index.ts';
import {
  errorOf,
  openSqliteWorkspace,
  openTestApi,
  type TestApi,
  type TestClient,
} from './support/http-client.ts';

interface ReportBody {
  id: string;
  status: string;
  period: string;
  mode: string;
  issue?: { year: number; number: number; total: number };
  edits?: { problems?: string[] };
  files: { format: string; size: number; sha256: string }[];
}

const work = mkdtempSync(join(tmpdir(), 'ding-http-reports-'));
let api: TestApi;
let admin: TestClient;
let leader: TestClient;

beforeAll(async () => {
  // The demo data (and its snapshot) first; openTestApi then adds one account per role.
  api = await openTestApi(async () => {
    const opened = await openSqliteWorkspace();
    await workspaceInit(opened.ws, { demo: true });
    return opened;
  });
  admin = await api.client().as('boss');
  leader = await api.client().as('watcher');
}, 120_000);

afterAll(async () => {
  await reportQueueClose(api.ws);
  await api.dispose();
  rmSync(work, { recursive: true, force: true });
});

/** The text of a DOCX's body (unzip word/document.xml, tags stripped). */
function docxText(bytes: ArrayBuffer): string {
  const file = join(work, `r-${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(file, new Uint8Array(bytes));
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 << 20 }).toString();
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

async function waitForJob(id: string): Promise<{ status: string; progress: number; error?: string }> {
  for (let i = 0; i < 600; i++) {
    const res = await leader.get(`/api/jobs/${id}`);
    expect(res.status).toBe(200);
    const job = (await res.json()) as { status: string; progress: number; error?: string };
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${id} did not finish`);
}

const countReports = async () => (await api.ws.repos.reports.list()).length;

describe('a 2025Q3 report through the API', () => {
  let draft: ReportBody;
  let doc: ReportDocument;
  const EDITED = '部分镇（街道）研发投入增长乏力，需加强跟踪服务（人工修改）。';

  beforeAll(async () => {
    const res = await admin.post('/api/reports', {
      period: '2025Q3',
      mode: 'full',
      options: { formats: ['docx'] },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    draft = (await res.json()) as ReportBody;
  }, 60_000);

  it('creates a draft of the latest snapshot: status draft, no files, no 期数 yet', () => {
    expect(draft).toMatchObject({ period: '2025Q3', mode: 'full', status: 'draft', files: [] });
    expect(draft.issue).toBeUndefined();
  });

  it('previews the document: the 报头 with the 期数 the archive will assign, editable 存在问题 paragraphs', async () => {
    const res = await leader.get(`/api/reports/${draft.id}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { report: ReportBody; document: ReportDocument };
    doc = body.document;
    expect(body.report.id).toBe(draft.id);
    expect(doc.meta.title).toBe('慈溪市科技创新统计季报');
    // the first report of 2025 in an empty archive: 第1期（总第1期）
    expect(doc.meta.issueLabel).toBe('2025年第1期（总第1期）');
    const editable = doc.blocks.filter((b) => b.kind === 'paragraph' && b.editableId);
    expect(editable.map((b) => b.kind === 'paragraph' && b.editableId)).toContain('problems.1');
    expect(editable.map((b) => b.kind === 'paragraph' && b.editableId)).toContain('nextSteps');
    const numbers = doc.blocks.flatMap((b) =>
      b.kind === 'paragraph' ? b.parts.filter((p) => p.kind === 'number') : [],
    );
    expect(numbers.length).toBeGreaterThan(20);
    expect(numbers[0]).toMatchObject({ source: { period: '2025Q3', field: expect.any(String) } });
  });

  it('saves an edit of 存在问题 and shows it in the preview; a leader may not edit', async () => {
    const refused = await leader.put(`/api/reports/${draft.id}/edits`, { problems: ['x'] });
    expect(refused.status).toBe(403);
    const res = await admin.put(`/api/reports/${draft.id}/edits`, { problems: [EDITED] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as ReportBody).edits).toEqual({ problems: [EDITED] });
    const preview = (await (await admin.get(`/api/reports/${draft.id}`)).json()) as {
      document: ReportDocument;
    };
    const p1 = preview.document.blocks.find((b) => b.kind === 'paragraph' && b.editableId === 'problems.1');
    expect(p1?.kind === 'paragraph' && inlineText(p1.parts)).toBe(EDITED);
  });

  it('an edit that is not a list of paragraphs is a 400 naming the field', async () => {
    const res = await admin.put(`/api/reports/${draft.id}/edits`, { problems: 'one paragraph' });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('problems');
    const extra = await admin.put(`/api/reports/${draft.id}/edits`, { summary: ['x'] });
    expect(extra.status).toBe(400);
  });

  it('generates it as a job (202), progress to 100, then final with its 期数 and a DOCX', async () => {
    expect((await leader.post(`/api/reports/${draft.id}/generate`)).status).toBe(403);
    const res = await admin.post(`/api/reports/${draft.id}/generate`);
    expect(res.status).toBe(202);
    const { jobId, reportId } = (await res.json()) as { jobId: string; reportId: string };
    expect(reportId).toBe(draft.id);
    const job = await waitForJob(jobId);
    expect(job.status, job.error).toBe('succeeded');
    expect(job.progress).toBe(100);
    const list = (await (await leader.get('/api/reports')).json()) as ReportBody[];
    const final = list.find((r) => r.id === draft.id)!;
    expect(final).toMatchObject({ status: 'final', issue: { year: 2025, number: 1, total: 1 } });
    expect(final.files.map((f) => f.format)).toEqual(['docx']);
    expect(final.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('the leader downloads the DOCX under its Chinese name; it carries the title and the edited text', async () => {
    const res = await leader.get(`/api/reports/${draft.id}/files/docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('慈溪市科技创新统计季报2025年第1期.docx')}`,
    );
    const text = docxText(await res.arrayBuffer());
    expect(text).toContain('慈溪市科技创新统计季报');
    expect(text).toContain('2025年第1期（总第1期）');
    expect(text).toContain(EDITED);
    expect(text).toContain('附表');
  });

  it('a final report is not edited or generated again (409); its missing PDF is a 404 naming it', async () => {
    const edit = await admin.put(`/api/reports/${draft.id}/edits`, { problems: ['late'] });
    expect(edit.status).toBe(409);
    expect((await errorOf(edit)).message).toBe('报告已定稿或正在生成，不能修改');
    const again = await admin.post(`/api/reports/${draft.id}/generate`);
    expect(again.status).toBe(409);
    const pdf = await leader.get(`/api/reports/${draft.id}/files/pdf`);
    expect(pdf.status).toBe(404);
    expect((await errorOf(pdf)).message).toBe('该报告没有 pdf 文件');
  });
});

describe('bad requests change nothing', () => {
  it('a period with nothing published: 400 not_published, in zh and en', async () => {
    const before = await countReports();
    const res = await admin.post('/api/reports', { period: '2030Q1', mode: 'full' });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toEqual({
      code: 'not_published',
      message: '2030Q1 尚无已发布数据，无法生成报告',
    });
    const en = await admin.post('/api/reports?lang=en', { period: '2030Q1', mode: 'full' });
    expect((await errorOf(en)).message).toMatch(/2030Q1/);
    expect(await countReports()).toBe(before);
  });

  it('a period that is not YYYY or YYYYQn: 400 bad_period', async () => {
    const res = await admin.post('/api/reports', { period: '2025Q5', mode: 'full' });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'bad_period' });
  });

  it('a snapshot that does not exist: 404 no_snapshot naming it', async () => {
    const before = await countReports();
    const res = await admin.post('/api/reports', { period: '2025Q3', mode: 'full', snapshotId: 9999 });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: 'no_snapshot', message: '没有编号为 9999 的数据快照' });
    expect(await countReports()).toBe(before);
  });

  it('an unknown indicator in a custom report: 400 unknown_indicator naming it', async () => {
    const before = await countReports();
    const res = await admin.post('/api/reports', {
      period: '2025Q3',
      mode: 'custom',
      options: { sections: ['overview'], indicators: ['no_such_indicator'] },
    });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('unknown_indicator');
    expect(error.message).toContain('no_such_indicator');
    expect(await countReports()).toBe(before);
  });

  it('an unknown option is a 400 from the schema; a sheet without its indicator a 400 from the service', async () => {
    const extra = await admin.post('/api/reports', {
      period: '2025Q3',
      mode: 'full',
      options: { colour: 'red' },
    });
    expect(extra.status).toBe(400);
    expect(await errorOf(extra)).toMatchObject({ code: 'validation' });
    const sheet = await admin.post('/api/reports', { period: '2025Q3', mode: 'indicator' });
    expect(sheet.status).toBe(400);
    expect(await errorOf(sheet)).toEqual({
      code: 'bad_request',
      message: '单项指标报告须指定指标（indicator）',
    });
  });

  it('a leader cannot create (403); a town reporter cannot read the archive (403)', async () => {
    const before = await countReports();
    const res = await leader.post('/api/reports', { period: '2025Q3', mode: 'full' });
    expect(res.status).toBe(403);
    expect(await countReports()).toBe(before);
    const town = await api.client().as('hushan');
    expect((await town.get('/api/reports')).status).toBe(403);
  });

  it('an unknown report or job is a 404', async () => {
    const report = await leader.get('/api/reports/nope');
    expect(report.status).toBe(404);
    expect(await errorOf(report)).toEqual({ code: 'not_found', message: '没有该报告：nope' });
    expect((await leader.get('/api/jobs/nope')).status).toBe(404);
    expect((await leader.get('/api/reports/nope/files/docx')).status).toBe(404);
    expect((await leader.get('/api/reports/nope/files/xlsx')).status).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every report endpoint', async () => {
    const doc = (await (await api.client().get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths['/api/reports']!)).toEqual(['post', 'get']);
    expect(doc.paths['/api/reports/{id}']).toHaveProperty('get');
    expect(doc.paths['/api/reports/{id}/edits']).toHaveProperty('put');
    expect(doc.paths['/api/reports/{id}/generate']).toHaveProperty('post');
    expect(doc.paths['/api/reports/{id}/files/{format}']).toHaveProperty('get');
    expect(doc.paths['/api/jobs/{id}']).toHaveProperty('get');
    expect(doc.components.schemas).toHaveProperty('ReportDocument');
  });
});
