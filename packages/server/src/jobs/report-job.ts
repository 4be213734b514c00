// The report generation job (issue 9 §7): render a report from its snapshot, then store its files and
// make it final in one transaction — a job that fails or crashes part-way leaves no file in the archive.
// The rendering itself (narrative → DOCX → PDF) is injected: this module knows storage, not documents.
import type { Plan } from '@ding/core';
import {
  ReportIssueMismatchError,
  type Job,
  type ObservationRecord,
  type RenderedFile,
  type Report,
  type ReportIssue,
  type Repositories,
} from '../repositories/index.ts';
import type { JobHandler, JobQueue } from './runner.ts';

export const REPORT_JOB = 'report.generate';

export interface ReportJobPayload {
  reportId: string;
}

export interface ReportRenderInput {
  report: Report;
  /** The plan version the snapshot was taken under (undefined only for a snapshot without one). */
  plan: Plan | undefined;
  /** The snapshot's figures in force, best vintage: the same for every regeneration of this report. */
  observations: ObservationRecord[];
  /** The 期数 to print: the report's own once final, else the one finalise will assign (peekIssue). */
  issue: Pick<ReportIssue, 'number' | 'total'>;
}

/** How often a render is repeated when another full report took its 期数 meanwhile (then the job fails). */
const ISSUE_ATTEMPTS = 3;

/** The reason stored on a report whose generation was interrupted (zh first, as the app shows it). */
export const REPORT_INTERRUPTED =
  '生成中断，请重新生成 (generation was interrupted: the process running it stopped; generate again)';

/** Makes the files; calls `progress` as it goes (0–100, a stage label). */
export type ReportRender = (
  input: ReportRenderInput,
  progress: (percent: number, stage: string) => void,
) => Promise<RenderedFile[]>;

/** The handler to register under REPORT_JOB. */
export function reportJobHandler(repos: Repositories, render: ReportRender): JobHandler {
  return async (payload, ctx) => {
    const { reportId } = payload as ReportJobPayload;
    if (!(await repos.reports.startGenerating(reportId))) {
      const report = await repos.reports.get(reportId);
      throw new Error(
        report
          ? `report ${reportId} is ${report.status}: not generated again`
          : `no report with id ${reportId}`,
      );
    }
    try {
      const report = (await repos.reports.get(reportId))!;
      ctx.progress(5, 'snapshot');
      const snapshot = await repos.snapshots.get(report.snapshotId);
      const stored = snapshot?.planVersionId ? await repos.plans.get(snapshot.planVersionId) : undefined;
      const observations = await repos.snapshots.observationsAt(report.snapshotId, { vintage: 'best' });
      for (let attempt = 1; ; attempt++) {
        // The 期数 printed is the one finalise must assign, or it refuses and the document is rendered
        // again with the number now due (another full report was finalised in between).
        const issue = report.issue ?? (await repos.reports.peekIssue(report.period));
        ctx.progress(10, 'render');
        const files = await render({ report, plan: stored?.plan, observations, issue }, (percent, stage) =>
          // The renderer's 0–100 maps onto 10–95: loading before, storing after.
          ctx.progress(10 + (Math.max(0, Math.min(100, percent)) * 85) / 100, stage),
        );
        ctx.progress(95, 'archive');
        try {
          const final = await repos.reports.finalise(reportId, files, issue);
          return { reportId, ...(final.issue ? { issue: final.issue } : {}) };
        } catch (e) {
          if (!(e instanceof ReportIssueMismatchError) || attempt >= ISSUE_ATTEMPTS) throw e;
        }
      }
    } catch (e) {
      await repos.reports.markFailed(reportId, e instanceof Error ? e.message || e.name : String(e));
      throw e;
    }
  };
}

/**
 * Queue the generation of a report: one job at a time per report, so two clicks on 生成 run it once,
 * while two reports of one period (全文 and 单项指标) are two jobs. Returns the job id.
 */
export function reportJobEnqueue(
  queue: JobQueue,
  report: Pick<Report, 'id'>,
  createdBy: string,
): Promise<string> {
  return queue.enqueue(REPORT_JOB, { reportId: report.id } satisfies ReportJobPayload, {
    singletonKey: `report:${report.id}`,
    createdBy,
  });
}

/**
 * The runner's onInterrupted for reports: a report whose job was found interrupted and is still
 * `generating` becomes `failed` (REPORT_INTERRUPTED), so it can be edited and generated again.
 */
export function reportJobInterrupted(repos: Repositories): (jobs: Job[]) => Promise<void> {
  return async (jobs) => {
    for (const job of jobs) {
      if (job.kind !== REPORT_JOB) continue;
      const { reportId } = job.payload as ReportJobPayload;
      await repos.reports.markFailed(reportId, REPORT_INTERRUPTED);
    }
  };
}
