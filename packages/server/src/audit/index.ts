// The audit trail's public surface.
export { auditAppend, auditExportTable, auditList, type AuditChange, type AuditFilter } from './audit.ts';
export {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditActionName,
  auditEntityName,
  type AuditAction,
  type AuditEntity,
} from './names.ts';
export {
  auditLookups,
  auditPeopleView,
  auditRows,
  type AuditChangeView,
  type AuditItemView,
  type AuditLookups,
  type AuditPeopleView,
  type AuditRowView,
} from './present.ts';
