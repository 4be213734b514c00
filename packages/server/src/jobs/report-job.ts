// The report generation job (issue 9 §7): render a report from its snapshot, then store its files and
// make it final in one transaction — a job that fails or crashes part-way leaves no file in the archive.
// The rendering itself (narrative → DOCX → PDF) is injected: this module knows storage, not documents.
import type { Plan } from '@ding/core';
import type { ObservationRecord, RenderedFile, Report, Repositories } from '../repositories/index.ts';
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
}

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
      ctx.progress(10, 'render');
      const files = await render({ report, plan: stored?.plan, observations }, (percent, stage) =>
        // The renderer's 0–100 maps onto 10–95: loading before, storing after.
        ctx.progress(10 + (Math.max(0, Math.min(100, percent)) * 85) / 100, stage),
      );
      ctx.progress(95, 'archive');
      const final = await repos.reports.finalise(reportId, files);
      return { reportId, ...(final.issue ? { issue: final.issue } : {}) };
    } catch (e) {
      await repos.reports.markFailed(reportId, e instanceof Error ? e.message || e.name : String(e));
      throw e;
    }
  };
}

/**
 * Queue the generation of a report: one at a time per plan (county) × period, so two clicks on
 * 生成 run it once. Returns the job id.
 */
export function reportJobEnqueue(
  queue: JobQueue,
  report: Pick<Report, 'id' | 'period'>,
  planId: string,
  createdBy: string,
): Promise<string> {
  return queue.enqueue(REPORT_JOB, { reportId: report.id } satisfies ReportJobPayload, {
    singletonKey: `report:${planId}:${report.period}`,
    createdBy,
  });
}
