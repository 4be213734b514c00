// Public surface of @ding/server: database, repositories, import and export of tables.
export {
  DEFAULT_DATABASE_FILE,
  DatabaseBusyError,
  DatabaseOpenError,
  openDatabase,
  redactUrl,
  type DatabaseDialect,
  type DatabaseHandle,
  type DatabaseOptions,
} from './db/open.ts';
export { MigrationError, migrateToLatest, type MigrationReport } from './db/migrate.ts';
export type { Database, ObservationStatus } from './db/schema.ts';
export * from './repositories/index.ts';
export * from './services/workspace.ts';
export * from './services/index-scores.ts';
export * from './services/target-allocation.ts';
export * from './services/cup.ts';
export {
  eventBusOf,
  eventBusSet,
  eventsClose,
  eventsPublished,
  type DingEvent,
  type EventBus,
} from './services/events.ts';
export { chinaDate } from './china-time.ts';
export * from './services/supervision-bulletin.ts';
export * from './plan/load-plan-file.ts';
export { demoGenerate } from './demo/generate.ts';
export { createApp, type AppOptions, type DingApp } from './http/app.ts';
export * from './auth/index.ts';
export * from './audit/index.ts';
export * from './import/index.ts';
export * from './export/index.ts';
export * from './report/index.ts';
export * from './services/report.ts';
export * from './notify/index.ts';
export * from './services/supervision.ts';
export * from './services/supervision-reminders.ts';
export * from './jobs/reminder-schedule.ts';
export { reminderChannels } from './http/routes/supervision-reminders.ts';
export * from './backup/backup.ts';
export * from './services/events-postgres.ts';
