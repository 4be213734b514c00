// One lazily loaded chunk per page, so the first load carries only the shell and the login.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { PageKey } from './route-table.ts';

export const PAGES: Record<PageKey, LazyExoticComponent<ComponentType>> = {
  tasks: lazy(() => import('../pages/TasksPage.tsx')),
  entry: lazy(() => import('../pages/EntryPage.tsx')),
  import: lazy(() => import('../pages/ImportPage.tsx')),
  review: lazy(() => import('../pages/ReviewPage.tsx')),
  progress: lazy(() => import('../pages/ProgressPage.tsx')),
  indicators: lazy(() => import('../pages/IndicatorsPage.tsx')),
  reports: lazy(() => import('../pages/ReportsPage.tsx')),
  cup: lazy(() => import('../pages/CupPage.tsx')),
  supervision: lazy(() => import('../pages/SupervisionPage.tsx')),
  rounds: lazy(() => import('../pages/RoundsPage.tsx')),
  audit: lazy(() => import('../pages/AuditPage.tsx')),
  users: lazy(() => import('../pages/UsersPage.tsx')),
};
