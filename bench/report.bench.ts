// Benchmark of the quarterly report (issue 9: aim DOCX < 1 s, PDF < 6 s): the narrative of Cixi's 2025Q3 full
// report on the demo data (engine rows of the period and the one before → document), that document → DOCX with
// cold charts each time (the PNG cache cleared), and DOCX → PDF by LibreOffice with a fresh profile each time,
// as the server does it.
// Medians of several runs after a warm-up; the PDF figures are skipped when soffice is not installed.
import { execFileSync } from 'node:child_process';
import {
  DEFAULT_PLAN_PATH,
  chartCacheClear,
  demoGenerate,
  docxToPdf,
  loadPlanFile,
  reportDocumentOf,
  reportDocx,
} from '../packages/server/src/index.ts';
import type { BenchRow } from './bench-row.ts';

async function medianSeconds(fn: () => Promise<unknown>, reps: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    t.push((performance.now() - t0) / 1000);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)]!;
}

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

export async function benchReport(): Promise<BenchRow[]> {
  const loaded = await loadPlanFile(DEFAULT_PLAN_PATH);
  if (!loaded.ok) throw new Error('the Cixi plan does not load');
  const plan = loaded.value;
  const { observations } = demoGenerate(plan);
  const report = {
    period: '2025Q3',
    mode: 'full' as const,
    options: {},
    createdAt: '2025-10-20T02:00:00.000Z',
    snapshotId: 1,
  };
  const issue = { number: 3, total: 12 };
  const rows: BenchRow[] = [];
  const narrative = await medianSeconds(async () => reportDocumentOf(plan, observations, report, issue), 5);
  rows.push({
    name: `report narrative, Cixi 2025Q3 full (${observations.length} observations → rows → document), median of 5`,
    value: narrative,
    unit: 's',
  });
  const doc = reportDocumentOf(plan, observations, report, issue);
  const docxCold = await medianSeconds(async () => {
    chartCacheClear();
    await reportDocx(doc);
  }, 5);
  rows.push({
    name: `report DOCX, Cixi 2025Q3 full (${doc.blocks.length} blocks, charts rendered cold), median of 5`,
    value: docxCold,
    unit: 's',
  });
  const docxWarm = await medianSeconds(() => reportDocx(doc), 5);
  rows.push({
    name: 'report DOCX, same document again (charts cached), median of 5',
    value: docxWarm,
    unit: 's',
  });
  const docx = await reportDocx(doc);
  rows.push({ name: 'report DOCX size', value: docx.length / 1024, unit: 'KiB' });
  if (hasSoffice()) {
    const pdfSeconds = await medianSeconds(() => docxToPdf(docx, { timeoutMs: 120_000 }), 3, 0);
    rows.push({
      name: 'report PDF by LibreOffice (fresh profile each), median of 3',
      value: pdfSeconds,
      unit: 's',
    });
  }
  return rows;
}
