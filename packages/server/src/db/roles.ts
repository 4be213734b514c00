// PostgreSQL roles for a deployment where the app cannot rewrite its own audit log (issue 16 §2,
// docs/DEPLOY.md): an owner role runs the migrations and owns every table; the app's role may read
// and write the data but only SELECT and INSERT the audit log. Run these as the owner.

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The grants that let `appRole` run Ding in `schema` (after the owner has migrated it): everything on
 * the data tables, SELECT/INSERT only on audit_log — so no UPDATE, DELETE or TRUNCATE of it, and, not
 * owning it, no ALTER TABLE … DISABLE TRIGGER or DROP TRIGGER either. Default privileges make tables
 * a later migration creates follow the same rule; run this again after a migration anyway, since it
 * also takes back anything granted on audit_log by hand.
 */
export function postgresAppRoleGrants(schema: string, appRole: string): string[] {
  for (const [what, name] of [
    ['schema', schema],
    ['role', appRole],
  ] as const) {
    if (!ROLE.test(name))
      throw new Error(`PostgreSQL ${what} '${name}' is not a plain lower-case identifier`);
  }
  const s = `"${schema}"`;
  const r = `"${appRole}"`;
  return [
    `grant usage on schema ${s} to ${r}`,
    `grant select, insert, update, delete on all tables in schema ${s} to ${r}`,
    `grant usage, select on all sequences in schema ${s} to ${r}`,
    `alter default privileges in schema ${s} grant select, insert, update, delete on tables to ${r}`,
    `alter default privileges in schema ${s} grant usage, select on sequences to ${r}`,
    // The audit log: read and append, nothing else.
    `revoke all on table ${s}.audit_log from ${r}`,
    `grant select, insert on table ${s}.audit_log to ${r}`,
  ];
}
