// Wire types of the HTTP API as docs/API.md describes them. Domain types come from @ding/core (types only);
// shapes the contract leaves open (PreviewRow, ReviewRow, Notice) are written here as the web app reads them.
import type { LocalizedName, Plan, ProgressRow, Role, Target } from '@ding/core';

export type { Plan, ProgressRow, Role, Target };

/** Ids are opaque: the web app only echoes them back in paths and bodies. */
export type Id = string | number;

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  /** Plan department code of a department reporter. */
  department?: string | null;
  /** Region code of a town reporter. */
  region?: string | null;
  active: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  department?: string;
  region?: string;
}

export type UserChanges = Partial<Pick<User, 'displayName' | 'role' | 'department' | 'region' | 'active'>> & {
  password?: string;
};

export interface Round {
  id: Id;
  period: string;
  dueDate: string;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
}

export type TaskStatus = 'pending' | 'submitted' | 'approved' | 'returned' | 'published';

/** One figure a submitter owes in a round (the contract's `Task`; renamed: a plan Task is an action's task). */
export interface RoundTask {
  indicator: string;
  region: string;
  period: string;
  unit: string;
  status: TaskStatus;
  value?: number | null;
  lastPeriod?: number | null;
  lastYear?: number | null;
  comment?: string | null;
  submittedAt?: string | null;
  /** 'town:330282004' or 'department:tjj' (admin's view of all tasks). */
  submitter?: string;
}

export interface RoundRate {
  submitter: string;
  name: string;
  total: number;
  submitted: number;
  approved: number;
  onTime: number;
  rate: number;
  onTimeRate: number;
}

export interface Notice {
  id: Id;
  /** When it was sent (ISO timestamp). */
  at?: string;
  createdAt?: string;
  title?: string | LocalizedName;
  message?: string | LocalizedName;
  read?: boolean;
  roundId?: Id;
}

/** A located import problem (packages/server/src/import/errors.ts); `kind` stays open for kinds added later. */
export interface ImportProblem {
  kind: string;
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  message: LocalizedName;
}

/** One data row as the server read it from the file or grid (its location, and what it parsed). */
export interface PreviewRow {
  row: number;
  sheet?: string;
  indicator?: string;
  region?: string;
  period?: string;
  value?: number | string | null;
  unit?: string;
  vintage?: string;
  note?: string;
  reason?: string;
  lastYear?: number | null;
  /** YoY change of the row's value (percent or pp). */
  yoy?: number | null;
}

export interface UploadPreview {
  id: Id;
  fileName: string;
  ok: boolean;
  rows: PreviewRow[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
}

export interface GridRow {
  indicator: string;
  region: string;
  value: number;
  note?: string;
  reason?: string;
}

export interface ReviewRow {
  id: Id;
  indicator: string;
  region: string;
  period: string;
  value: number;
  unit?: string;
  /** The published value this submission would replace. */
  previous?: number | null;
  /** YoY change (percent for counts, pp for rates). */
  yoy?: number | null;
  submittedBy?: string;
  submittedAt?: string;
  reason?: string | null;
  note?: string | null;
}

/** One version of a stored figure (GET /observations: all versions, newest first). */
export interface ObservationVersion {
  id: Id;
  indicator: string;
  region: string;
  period: string;
  value: number;
  vintage: 'flash' | 'annual' | 'revised';
  provenance: 'real' | 'synthetic';
  citation?: string;
  source?: string;
  note?: string;
  status: string;
  revision: number;
  supersedes?: string;
  current: boolean;
  batchId?: string;
  createdAt: string;
  createdBy: string;
}

export interface AuditEntry {
  id: Id;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  old: unknown;
  new: unknown;
  reason?: string | null;
}

export interface AuditFilter {
  entity?: string;
  actor?: string;
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  to?: string;
}
