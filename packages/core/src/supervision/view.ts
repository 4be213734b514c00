// The 督查督办 views the server answers and the web app, the CLI and the 督查通报 read: one item with its
// light, the overview with the unit ranking and the counts, an item's detail with its timeline. Types only.
import type { Period } from '../period.ts';
import type { Milestone, ProgressReport, SupervisionEvent, SupervisionItem } from './model.ts';
import type { UnitTimeliness } from './ranking.ts';
import type { LightResult } from './rules.ts';

export interface AttachmentMeta {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** A stored report: the rules' view plus who made and decided it, and its attachments. */
export interface SupervisionReportRecord extends ProgressReport {
  itemId: string;
  /** The lead unit's report, or a cooperating unit's part of it. */
  role: 'lead' | 'cooperating';
  submittedBy: string;
  decidedAt?: string;
  decidedBy?: string;
  returnReason?: string;
  attachments: AttachmentMeta[];
}

export interface SupervisionItemView {
  item: SupervisionItem;
  light: LightResult;
  leadNames: string[];
  cooperatingNames: string[];
  /** The 延期 awaiting a decision. */
  extensionPending?: { newDeadline: string; reason: string; at: string; by: string };
  /** The lead units' latest report. */
  lastReport?: SupervisionReportRecord;
  /** The period the next report is for by default, and when it is due. */
  nextReport?: { period: string; dueOn: string };
  /** First day of the current run of red days. */
  redSince?: string;
}

export interface SupervisionOverview {
  /** China's day the lights are computed for. */
  today: string;
  /** The engine period indicator-linked items are judged on (the current period). */
  period?: Period;
  items: SupervisionItemView[];
  ranking: Array<UnitTimeliness & { name: string }>;
  counts: {
    total: number;
    byLight: Record<LightResult['light'], number>;
    /** Open items on 序时进度 (no lag), and behind it. */
    onSchedule: number;
    behindSchedule: number;
    overdue: number;
  };
}

export interface SupervisionItemDetail extends SupervisionItemView {
  events: SupervisionEvent[];
  reports: SupervisionReportRecord[];
  /** The item's reporting periods up to today with their due date. */
  periods: Array<{ period: string; dueOn: string }>;
}

export type { Milestone };
