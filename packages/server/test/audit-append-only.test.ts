// Issue 16 §2: nobody rewrites the audit log — not by REPLACE/upsert (both databases), and on PostgreSQL
// not by the app's own role (a separate owner owns the table; the app may only SELECT and INSERT it).
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories, migrateToLatest, openDatabase, type Database } from '../src/index.ts';
import { postgresAppRoleGrants } from '../src/db/roles.ts';
import {
  TEST_POSTGRES_URL,
  openPostgresTestDatabase,
  openSqliteTestDatabase,
  probePostgres,
  type OpenTestDatabase,
  type TestDatabase,
} from './support/databases.ts';

const probe = await probePostgres();

const forged = (id: number) => ({
  id,
  at: '2000-01-01T00:00:00.000Z',
  actor: 'forger',
  action: 'user.create',
  entity: 'user',
  entity_id: 'x',
  old_value: null,
  new_value: null,
  reason: 'rewritten',
});

function describeNoRewrite(name: 'sqlite' | 'postgres', open: OpenTestDatabase) {
  describe(`audit log on ${name}: an insert cannot overwrite an entry`, () => {
    let t: TestDatabase;
    afterEach(async () => t?.dispose());

    it('REPLACE / upsert of entry #1 is refused and #1 stays as written; appending still works', async () => {
      t = await open();
      const db = t.handle.db;
      const repos = createRepositories(db);
      const first = await repos.audit.append({
        actor: 'boss',
        action: 'user.create',
        entity: 'user',
        entityId: 'u1',
      });
      const upsert = db
        .insertInto('audit_log')
        .values(forged(first.id))
        .onConflict((oc) => oc.column('id').doUpdateSet({ actor: 'forger', reason: 'rewritten' }));
      // SQLite: 0006's BEFORE INSERT trigger fires first; PostgreSQL: the upsert's UPDATE meets 0002's.
      await expect(upsert.execute()).rejects.toThrow(
        name === 'sqlite' ? /INSERT of an existing id/ : /append-only: UPDATE refused/,
      );
      if (name === 'sqlite') {
        // Before 0006 both of these replaced row #1 (REPLACE deletes without firing DELETE triggers).
        await expect(
          sql`insert or replace into audit_log (id, at, actor, action, entity, entity_id, reason)
              values (${first.id}, '2000-01-01', 'forger', 'user.create', 'user', 'x', 'rewritten')`.execute(
            db,
          ),
        ).rejects.toThrow(/INSERT of an existing id \(REPLACE\) refused/);
        await expect(
          sql`replace into audit_log (id, at, actor, action, entity, entity_id)
              values (${first.id}, '2000-01-01', 'forger', 'user.create', 'user', 'x')`.execute(db),
        ).rejects.toThrow(/INSERT of an existing id \(REPLACE\) refused/);
      } else {
        // PostgreSQL has no REPLACE; a plain insert of the id breaks the primary key.
        await expect(db.insertInto('audit_log').values(forged(first.id)).execute()).rejects.toThrow(
          /duplicate key value violates unique constraint/,
        );
      }
      const second = await repos.audit.append({
        actor: 'boss',
        action: 'user.update',
        entity: 'user',
        entityId: 'u1',
      });
      expect(second.id).toBeGreaterThan(first.id);
      const entries = await repos.audit.list();
      expect(entries.map((e) => [e.id, e.actor, e.action])).toEqual([
        [second.id, 'boss', 'user.update'],
        [first.id, 'boss', 'user.create'],
      ]);
    });
  });
}

describeNoRewrite('sqlite', openSqliteTestDatabase);

if (probe.ok) {
  describeNoRewrite('postgres', openPostgresTestDatabase);

  describe('audit log on postgres: the app role cannot rewrite it (docs/DEPLOY.md)', () => {
    const tag = randomBytes(5).toString('hex');
    const owner = `ding_owner_${tag}`;
    const app = `ding_app_${tag}`;
    const schema = `ding_roles_${tag}`;
    const urlAs = (role: string) => {
      const u = new URL(TEST_POSTGRES_URL);
      u.username = role;
      u.password = '';
      return u.toString();
    };
    let admin: pg.Client;
    let asApp: Kysely<Database>;
    let closeApp: () => Promise<void>;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`create role "${owner}" login`);
      await admin.query(`create role "${app}" login`);
      const { rows } = await admin.query<{ db: string }>('select current_database() as db');
      await admin.query(`grant connect on database "${rows[0]!.db}" to "${owner}", "${app}"`);
      await admin.query(`create schema "${schema}" authorization "${owner}"`);
      // The deployment step: the owner migrates, then grants the app its rights.
      const asOwner = await openDatabase({ url: urlAs(owner), schema });
      try {
        await migrateToLatest(asOwner.db, 'postgres');
        await createRepositories(asOwner.db).audit.append({
          actor: 'ding init',
          action: 'plan.load',
          entity: 'plan',
          entityId: 'p1',
        });
        for (const statement of postgresAppRoleGrants(schema, app))
          await sql.raw(statement).execute(asOwner.db);
      } finally {
        await asOwner.close();
      }
      const handle = await openDatabase({ url: urlAs(app), schema });
      asApp = handle.db;
      closeApp = handle.close;
    });
    afterAll(async () => {
      await closeApp?.();
      await admin.query(`drop schema if exists "${schema}" cascade`);
      for (const role of [app, owner]) {
        await admin.query(`drop owned by "${role}"`).catch(() => undefined);
        await admin.query(`drop role if exists "${role}"`);
      }
      await admin.end();
    });

    it('the app role appends and reads; UPDATE, DELETE, TRUNCATE, DISABLE/DROP TRIGGER and DROP TABLE are refused', async () => {
      const repos = createRepositories(asApp);
      const entry = await repos.audit.append({
        actor: 'boss',
        action: 'user.create',
        entity: 'user',
        entityId: 'u1',
      });
      expect((await repos.audit.list()).map((e) => e.action)).toEqual(['user.create', 'plan.load']);
      const refused = /permission denied|must be (the )?owner/;
      await expect(sql`update audit_log set reason = 'forged'`.execute(asApp)).rejects.toThrow(refused);
      await expect(sql`delete from audit_log`.execute(asApp)).rejects.toThrow(refused);
      await expect(sql`truncate audit_log`.execute(asApp)).rejects.toThrow(refused);
      await expect(sql`alter table audit_log disable trigger all`.execute(asApp)).rejects.toThrow(refused);
      await expect(
        sql`alter table audit_log disable trigger audit_log_no_update_delete`.execute(asApp),
      ).rejects.toThrow(refused);
      await expect(sql`drop trigger audit_log_no_update_delete on audit_log`.execute(asApp)).rejects.toThrow(
        refused,
      );
      await expect(sql`drop table audit_log`.execute(asApp)).rejects.toThrow(refused);
      expect(await repos.audit.count()).toBe(2);
      expect((await repos.audit.list())[0]).toMatchObject({ id: entry.id, actor: 'boss' });
    });

    it('the app role runs Ding: the schema is current (no migration to apply) and the data tables are writable', async () => {
      expect((await migrateToLatest(asApp, 'postgres')).applied).toEqual([]);
      const repos = createRepositories(asApp);
      await repos.periodLocks.set('2025Q3', true, 'boss', '审核完毕');
      expect(await repos.periodLocks.get('2025Q3')).toMatchObject({ locked: true, changedBy: 'boss' });
    });
  });
} else if (process.env.CI) {
  describe('audit log on postgres', () => {
    it('needs PostgreSQL in CI (DING_TEST_DATABASE_URL)', () => {
      throw new Error(probe.reason);
    });
  });
} else {
  describe.skip(`audit log on postgres: ${probe.reason} — SKIPPED`, () => {
    it('runs against PostgreSQL', () => undefined);
  });
}
