// The audit trail's public surface.
export { auditAppend, auditExportTable, auditList, type AuditChange, type AuditFilter } from './audit.ts';
