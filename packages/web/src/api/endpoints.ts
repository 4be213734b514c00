// Every endpoint of docs/API.md the web app uses, typed; pages call these, never fetch directly.
import { apiPath, apiRequest } from './client.ts';
import type {
  AuditEntry,
  AuditFilter,
  GridRow,
  Id,
  NewUser,
  Notice,
  ObservationVersion,
  Plan,
  ProgressRow,
  ReviewRow,
  Round,
  RoundRate,
  RoundTask,
  Session,
  Target,
  UploadPreview,
  User,
  UserChanges,
} from './types.ts';

const seg = (id: Id) => encodeURIComponent(String(id));

export interface ProgressQuery {
  period: string;
  regions: string[];
  lang: 'zh' | 'en';
}

const progressQuery = (q: ProgressQuery) => ({ period: q.period, region: q.regions, lang: q.lang });
const auditQuery = (f: AuditFilter) => ({ entity: f.entity, actor: f.actor, from: f.from, to: f.to });

export const api = {
  auth: {
    login: (username: string, password: string) =>
      apiRequest<Session>('POST', '/auth/login', { json: { username, password } }),
    logout: () => apiRequest<void>('POST', '/auth/logout'),
    me: () => apiRequest<Session>('GET', '/auth/me'),
  },
  users: {
    list: () => apiRequest<User[]>('GET', '/users'),
    create: (user: NewUser) => apiRequest<User>('POST', '/users', { json: user }),
    update: (id: Id, changes: UserChanges) =>
      apiRequest<User>('PATCH', `/users/${seg(id)}`, { json: changes }),
  },
  plan: {
    get: () => apiRequest<Plan>('GET', '/plan'),
    updateTarget: (index: number, target: Target, reason: string) =>
      apiRequest<unknown>('PUT', `/plan/targets/${index}`, { json: { target, reason } }),
  },
  rounds: {
    list: () => apiRequest<Round[]>('GET', '/rounds'),
    open: (period: string, dueDate: string) =>
      apiRequest<Round>('POST', '/rounds', { json: { period, dueDate } }),
    tasks: (id: Id, submitter?: string) =>
      apiRequest<RoundTask[]>('GET', `/rounds/${seg(id)}/tasks`, { query: { submitter } }),
    rates: (id: Id) => apiRequest<RoundRate[]>('GET', `/rounds/${seg(id)}/rates`),
    remind: (id: Id, submitters?: string[]) =>
      apiRequest<{ sent: number }>('POST', `/rounds/${seg(id)}/remind`, {
        json: submitters ? { submitters } : {},
      }),
    templateUrl: (id: Id) => apiPath(`/rounds/${seg(id)}/template.xlsx`),
    upload: (id: Id, file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiRequest<UploadPreview>('POST', `/rounds/${seg(id)}/uploads`, { form });
    },
    putValues: (id: Id, rows: GridRow[]) =>
      apiRequest<UploadPreview>('PUT', `/rounds/${seg(id)}/values`, { json: { rows } }),
  },
  uploads: {
    commit: (id: Id, reasons: { row: number; reason: string }[]) =>
      apiRequest<{ submitted: number }>('POST', `/uploads/${seg(id)}/commit`, { json: { reasons } }),
  },
  notices: () => apiRequest<Notice[]>('GET', '/notices'),
  review: {
    list: () => apiRequest<ReviewRow[]>('GET', '/review'),
    approve: (ids: Id[]) => apiRequest<{ approved: number }>('POST', '/review/approve', { json: { ids } }),
    return: (ids: Id[], comment: string) =>
      apiRequest<{ returned: number }>('POST', '/review/return', { json: { ids, comment } }),
    publish: (period: string) =>
      apiRequest<{ published: number }>('POST', '/review/publish', { json: { period } }),
  },
  periods: {
    lock: (period: string, reason: string) =>
      apiRequest<{ period: string; locked: boolean }>('POST', `/periods/${seg(period)}/lock`, {
        json: { reason },
      }),
    unlock: (period: string, reason: string) =>
      apiRequest<{ period: string; locked: boolean }>('POST', `/periods/${seg(period)}/unlock`, {
        json: { reason },
      }),
  },
  observations: {
    history: (indicator: string, region: string, period: string) =>
      apiRequest<ObservationVersion[]>('GET', '/observations', { query: { indicator, region, period } }),
    revise: (id: Id, value: number, expectedRevision: number, reason: string) =>
      apiRequest<ObservationVersion>('PATCH', `/observations/${seg(id)}`, {
        json: { value, expectedRevision, reason },
      }),
  },
  progress: {
    rows: (q: ProgressQuery, signal?: AbortSignal) =>
      apiRequest<ProgressRow[]>('GET', '/progress', { query: progressQuery(q), signal }),
    csvUrl: (q: ProgressQuery) => apiPath('/progress.csv', progressQuery(q)),
    xlsxUrl: (q: ProgressQuery) => apiPath('/progress.xlsx', progressQuery(q)),
  },
  audit: {
    list: (f: AuditFilter) => apiRequest<AuditEntry[]>('GET', '/audit', { query: auditQuery(f) }),
    csvUrl: (f: AuditFilter) => apiPath('/audit.csv', auditQuery(f)),
  },
};
