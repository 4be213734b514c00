// Accounts and the audit trail: users, sessions (stored hashed), login attempts (throttling), and an
// append-only audit_log that the database itself refuses to update or delete (issue 3 §6).
// Never edit this file once it has landed: add 0003_… instead.
import { sql, type Kysely } from 'kysely';

/**
 * The dialect, found through public API: a compiled parameter is `$1` in PostgreSQL and `?` in SQLite.
 * (Migrations receive only a Kysely instance; the triggers and the audit id column differ per dialect.)
 */
function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const dialect = dialectOf(db);

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('region', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('users_role', sql`role in ('admin', 'department', 'town', 'leader')`)
    .addCheckConstraint('users_active_flag', sql`active in (0, 1)`)
    // A reporter without its unit could write nothing (or, worse, be mistaken for another's): refuse it here.
    .addCheckConstraint('users_department_reporter', sql`role <> 'department' or department is not null`)
    .addCheckConstraint('users_town_reporter', sql`role <> 'town' or region is not null`)
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the cookie's token: a copy of the table does not let anyone sign in.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
  await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addCheckConstraint('login_attempts_ok_flag', sql`ok in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('login_attempts_username')
    .on('login_attempts')
    .columns(['username', 'at'])
    .execute();
  await db.schema.createIndex('login_attempts_ip').on('login_attempts').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('audit_log')
    // A sequence, so entries written in the same millisecond keep their order.
    .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    // JSON text (or null when there was nothing before / nothing after).
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor', 'at']).execute();

  // Append-only, enforced by the database (MISSION: "every change audited"; issue 3: "the database
  // refuses updates/deletes of audit rows") — not only by the absence of such code in the app.
  if (dialect === 'postgres') {
    await sql
      .raw(
        `create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'integrity_constraint_violation';
end
$$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger audit_log_no_update_delete before update or delete on audit_log
         for each row execute function audit_log_append_only()`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger audit_log_no_truncate before truncate on audit_log
         for each statement execute function audit_log_append_only()`,
      )
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger audit_log_no_update before update on audit_log
         begin select raise(abort, 'audit_log is append-only: UPDATE refused'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger audit_log_no_delete before delete on audit_log
         begin select raise(abort, 'audit_log is append-only: DELETE refused'); end`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_log').execute();
  if (dialectOf(db) === 'postgres') await sql.raw('drop function audit_log_append_only()').execute(db);
  await db.schema.dropTable('login_attempts').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('users').execute();
}
