// The audit log cannot be rewritten by an insert either (issue 16 §2): SQLite's INSERT OR REPLACE /
// REPLACE INTO deletes the row it collides with without firing DELETE triggers (unless the connection
// turned recursive_triggers on), so 0002's triggers let `replace into audit_log (id, …) values (1, …)`
// overwrite entry #1. A BEFORE INSERT trigger refuses any insert naming an id that exists.
//
// PostgreSQL needs no trigger: a plain insert of an existing id violates the primary key, and
// `insert … on conflict do update` fires 0002's UPDATE trigger. What remains there is the role that
// owns the table (it could disable the triggers): see docs/DEPLOY.md and db/roles.ts.
import { sql, type Kysely } from 'kysely';

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  return sql`select ${1}`.compile(db).sql.includes('$1') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  // An auto-assigned id is -1 (or NULL) in a BEFORE INSERT trigger, so only an explicit existing id matches.
  await sql
    .raw(
      `create trigger audit_log_no_replace before insert on audit_log
       when exists (select 1 from audit_log where id = new.id)
       begin select raise(abort, 'audit_log is append-only: INSERT of an existing id (REPLACE) refused'); end`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql.raw('drop trigger audit_log_no_replace').execute(db);
}
