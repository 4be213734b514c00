// The API's platform half (auth, users, plan edits, observation edits, audit, OpenAPI) through
// in-process requests, run against every storage backend (SQLite and PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Plan } from '@ding/core';
import type { AuditEntry, NewObservation, ObservationRecord } from '../src/index.ts';
import {
  ACCOUNTS,
  PASSWORD,
  errorOf,
  openTestApi,
  type OpenTestWorkspace,
  type TestApi,
  type TestClient,
} from './support/http-client.ts';
import { throttleDelayMs } from '../src/auth/throttle.ts';

const GDP_CITATION = '慈溪市2022年国民经济和社会发展统计公报';

function observation(overrides: Partial<NewObservation> = {}): NewObservation {
  return {
    indicator: 'hightech_enterprises',
    region: '330282004',
    period: '2025Q3',
    value: 100,
    vintage: 'flash',
    provenance: 'synthetic',
    ...overrides,
  };
}

/** Everything a refused write must leave untouched. */
async function snapshot(api: TestApi) {
  const repos = api.ws.repos;
  return {
    users: await repos.users.list(),
    plans: await repos.plans.list(),
    observations: await repos.observations.count({ includeHistory: true }),
    audit: await repos.audit.count(),
  };
}

export function describeHttpApi(backend: string, open: OpenTestWorkspace) {
  describe(`HTTP API on ${backend}`, () => {
    let api: TestApi;
    let obs: ObservationRecord;
    beforeEach(async () => {
      api = await openTestApi(open);
      const { written } = await api.ws.repos.observations.insertMany(
        [
          observation(),
          observation({
            indicator: 'gdp',
            region: '330282',
            period: '2022',
            value: 2521.58,
            vintage: 'annual',
            provenance: 'real',
            citation: GDP_CITATION,
          }),
        ],
        { createdBy: 'test' },
      );
      obs = written[0]!;
    });
    afterEach(async () => {
      await api.dispose();
    });

    describe('log-in, me, log-out', () => {
      it('log-in sets an HttpOnly, SameSite=Lax session cookie and returns the user and a CSRF token', async () => {
        const c = api.client();
        const res = await c.login('hushan');
        expect(res.status).toBe(200);
        const cookie = res.headers.get('set-cookie')!;
        expect(cookie).toMatch(/^ding_session=[A-Za-z0-9_-]{43};/);
        expect(cookie).toContain('HttpOnly');
        expect(cookie).toContain('SameSite=Lax');
        expect(cookie).toContain('Path=/');
        expect(cookie).toContain('Max-Age=43200');
        expect(cookie).not.toContain('Secure');
        expect(await res.json()).toEqual({
          user: {
            id: api.users.hushan!.id,
            username: 'hushan',
            displayName: 'hushan',
            role: 'town',
            region: '330282004',
            active: true,
          },
          csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        });
      });

      it('the cookie is Secure over https', async () => {
        const res = await api
          .client()
          .post(
            '/api/auth/login',
            { username: 'hushan', password: PASSWORD },
            { base: 'https://ding.example.gov.cn' },
          );
        expect(res.status).toBe(200);
        expect(res.headers.get('set-cookie')).toContain('Secure');
      });

      it('the session is stored as the SHA-256 of the token, never the token', async () => {
        const c = await api.client().as('hushan');
        const token = c.cookie!.slice('ding_session='.length);
        const rows = await api.ws.db.db.selectFrom('sessions').select('id').execute();
        expect(rows).toHaveLength(1);
        expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
        expect(rows[0]!.id).not.toContain(token);
      });

      it('me answers with the user and the same CSRF token; without a session 401 unauthenticated', async () => {
        const c = await api.client().as('stats');
        const res = await c.get('/api/auth/me');
        expect(res.status).toBe(200);
        expect(await res.json()).toMatchObject({
          user: { username: 'stats', role: 'department', department: 'tjj' },
          csrfToken: c.csrfToken,
        });
        const anonymous = await api.client().get('/api/auth/me');
        expect(anonymous.status).toBe(401);
        expect(await errorOf(anonymous)).toEqual({ code: 'unauthenticated', message: '请先登录' });
      });

      it('log-out ends the session: 204, the cookie is cleared, the old cookie no longer works', async () => {
        const c = await api.client().as('watcher');
        const cookie = c.cookie;
        const res = await c.post('/api/auth/logout');
        expect(res.status).toBe(204);
        expect(res.headers.get('set-cookie')).toMatch(/ding_session=;.*Max-Age=0/);
        expect(await api.ws.repos.sessions.count()).toBe(0);
        const replay = await api.client().get('/api/auth/me', { headers: { cookie: cookie! } });
        expect(replay.status).toBe(401);
      });

      it('a wrong password is 401 bad_credentials, in English on request; an unknown user gets the same answer', async () => {
        const wrong = await api.client().login('hushan', 'nope');
        expect(wrong.status).toBe(401);
        expect(await errorOf(wrong)).toEqual({ code: 'bad_credentials', message: '用户名或密码错误' });
        const unknown = await api
          .client()
          .post(
            '/api/auth/login',
            { username: 'nobody', password: PASSWORD },
            { headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } },
          );
        expect(unknown.status).toBe(401);
        expect(await errorOf(unknown)).toEqual({
          code: 'bad_credentials',
          message: 'wrong username or password',
        });
      });

      it('usernames are case- and space-insensitive at log-in', async () => {
        expect((await api.client().login(' HuShan ')).status).toBe(200);
      });

      it('the session slides: used within 12 h it lives on; 12 h without use it expires', async () => {
        const c = await api.client().as('hushan');
        api.clock.advance(11 * 3600_000);
        const renewed = await c.get('/api/auth/me');
        expect(renewed.status).toBe(200);
        expect(renewed.headers.get('set-cookie')).toContain('Max-Age=43200');
        api.clock.advance(11 * 3600_000);
        expect((await c.get('/api/auth/me')).status).toBe(200);
        api.clock.advance(12 * 3600_000 + 1000);
        const expired = await c.get('/api/auth/me');
        expect(expired.status).toBe(401);
        expect(await api.ws.repos.sessions.count()).toBe(0);
      });
      it('a session ends 7 days after sign-in however often it is used; the cookie says how long is left', async () => {
        const c = await api.client().as('hushan');
        // Used every 11 h: alive after 15 × 11 h = 165 h (6 d 21 h) …
        let last: Response | undefined;
        for (let i = 0; i < 15; i++) {
          api.clock.advance(11 * 3600_000);
          last = await c.get('/api/auth/me');
          expect(last.status).toBe(200);
        }
        // … but the last renewal slid the expiry only to the absolute end, 168 h: 3 h (10 800 s) away, not 12 h.
        expect(last!.headers.get('set-cookie')).toContain('Max-Age=10800');
        api.clock.advance(3 * 3600_000 - 1000);
        expect((await c.get('/api/auth/me')).status).toBe(200);
        api.clock.advance(1000);
        expect((await c.get('/api/auth/me')).status).toBe(401);
        expect(await api.ws.repos.sessions.count()).toBe(0);
      });
    });

    describe('login throttling', () => {
      // Issue 16 §8: a lockout must not keep an account out from its owner's desk. Per username + address:
      // four failures free, then 30 s, 60 s, 120 s … (doubling) up to 15 min before the next attempt.
      it('failures of a username from one address delay that address progressively; the owner elsewhere signs in', async () => {
        const c = api.client('192.0.2.50');
        for (let i = 0; i < 5; i++) expect((await c.login('hushan', `guess-${i}`)).status).toBe(401);
        // Five failures: the next attempt waits 30 s, even with the right password.
        const blocked = await c.login('hushan');
        expect(blocked.status).toBe(429);
        const error = await errorOf(blocked);
        expect(error.code).toBe('too_many_attempts');
        expect(error.details).toEqual({ retryAfterSeconds: 30 });
        expect(blocked.headers.get('retry-after')).toBe('30');
        expect(blocked.headers.get('set-cookie')).toBeNull();
        // The owner at another address is not held back (the old per-username block was a denial of service).
        expect((await api.client('192.0.2.51').login('hushan')).status).toBe(200);
        // …and that success does not forgive the guesser's address.
        expect((await c.login('hushan')).status).toBe(429);
        // After 30 s, one more try; a sixth failure makes the wait 60 s, a seventh 120 s.
        api.clock.advance(30_000);
        expect((await c.login('hushan', 'guess-5')).status).toBe(401);
        expect(await errorOf(await c.login('hushan'))).toMatchObject({ details: { retryAfterSeconds: 60 } });
        api.clock.advance(60_000);
        expect((await c.login('hushan', 'guess-6')).status).toBe(401);
        expect(await errorOf(await c.login('hushan'))).toMatchObject({ details: { retryAfterSeconds: 120 } });
        api.clock.advance(120_000);
        // The right password, once the wait is over, signs in and forgives this address's failures.
        expect((await c.login('hushan')).status).toBe(200);
        for (let i = 0; i < 4; i++) expect((await c.login('hushan', 'typo')).status).toBe(401);
        expect((await c.login('hushan')).status).toBe(200);
      });

      it('the progressive delay: 0 for four failures, then 30 s doubling, capped at 15 min', () => {
        // 30 s × 2^(n − 5) from the fifth failure: 30, 60, 120, 240, 480, then 960 > 900 → 900.
        expect(Array.from({ length: 11 }, (_, i) => throttleDelayMs(i + 1) / 1000)).toEqual([
          0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900,
        ]);
      });

      it('a successful log-in forgives earlier typos', async () => {
        const c = api.client();
        for (let i = 0; i < 4; i++) await c.login('hushan', 'typo');
        expect((await c.login('hushan')).status).toBe(200);
        for (let i = 0; i < 4; i++) await c.login('hushan', 'typo');
        expect((await c.login('hushan')).status).toBe(200);
      });

      it('a hundred failures from one address within 15 min block it for every username; 99 do not', async () => {
        const c = api.client('192.0.2.7');
        // 99 misses on 99 different (unknown) usernames: no username is delayed, the address not yet blocked —
        // an office behind one NAT mistyping all morning stays below this.
        for (let i = 0; i < 99; i++) expect((await c.login(`nobody-${i}`, 'x')).status).toBe(401);
        expect((await c.login('stats')).status).toBe(200);
        expect((await c.login('nobody-99', 'x')).status).toBe(401);
        const blocked = await c.login('boss');
        expect(blocked.status).toBe(429);
        // Blocked until the oldest of the hundred leaves the 15-minute window (the clock stood still: 900 s).
        expect(await errorOf(blocked)).toMatchObject({ details: { retryAfterSeconds: 900 } });
        expect((await api.client('192.0.2.8').login('boss')).status).toBe(200);
        api.clock.advance(900_000);
        expect((await c.login('boss')).status).toBe(200);
      });

      it('parallel guesses count against each other (the attempt is recorded before the password is checked)', async () => {
        const c = api.client();
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) => c.login('hushan', `parallel-${i}`)),
        );
        expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
        expect((await c.login('hushan')).status).toBe(429);
      });
    });

    describe('CSRF', () => {
      it('a signed-in POST without X-CSRF-Token is refused (403 csrf) and changes nothing', async () => {
        const c = await api.client().as('boss');
        const before = await snapshot(api);
        const res = await c.post(
          '/api/users',
          { username: 'mallory', displayName: 'x', password: 'password-1', role: 'admin' },
          { csrf: false },
        );
        expect(res.status).toBe(403);
        expect((await errorOf(res)).code).toBe('csrf');
        expect(await snapshot(api)).toEqual(before);
      });

      it('a wrong X-CSRF-Token is refused', async () => {
        const c = await api.client().as('boss');
        const res = await c.post(
          '/api/auth/logout',
          {},
          { csrf: false, headers: { 'x-csrf-token': 'A'.repeat(43) } },
        );
        expect(res.status).toBe(403);
        expect(await api.ws.repos.sessions.count()).toBe(1);
      });

      it('a request whose Origin names another site is refused even with the token', async () => {
        const c = await api.client().as('boss');
        const before = await snapshot(api);
        const res = await c.patch(
          `/api/users/${api.users.watcher!.id}`,
          { role: 'admin' },
          { headers: { origin: 'https://evil.example' } },
        );
        expect(res.status).toBe(403);
        expect(await errorOf(res)).toMatchObject({
          code: 'csrf',
          message: expect.stringContaining('evil.example'),
        });
        expect(await snapshot(api)).toEqual(before);
        const same = await c.patch(
          `/api/users/${api.users.watcher!.id}`,
          { displayName: '领导' },
          { headers: { origin: 'http://localhost' } },
        );
        expect(same.status).toBe(200);
      });

      it('the Origin must match our scheme too: http://localhost may not write to https://localhost', async () => {
        const c = await api.client().as('boss');
        const before = await snapshot(api);
        const path = `/api/users/${api.users.watcher!.id}`;
        const downgraded = await c.patch(
          path,
          { role: 'admin' },
          { headers: { origin: 'https://localhost' } },
        );
        expect(downgraded.status).toBe(403);
        expect(await errorOf(downgraded)).toMatchObject({ code: 'csrf' });
        const viaHttp = await c.patch(
          path,
          { role: 'admin' },
          { base: 'https://localhost', headers: { origin: 'http://localhost' } },
        );
        expect(viaHttp.status).toBe(403);
        expect(await snapshot(api)).toEqual(before);
        const same = await c.patch(
          path,
          { displayName: '领导' },
          { base: 'https://localhost', headers: { origin: 'https://localhost' } },
        );
        expect(same.status).toBe(200);
      });

      it('log-in from another site is refused (no login CSRF); Sec-Fetch-Site cross-site too', async () => {
        const foreign = await api
          .client()
          .post('/api/auth/login', { username: 'boss', password: PASSWORD }, { headers: { origin: 'null' } });
        expect(foreign.status).toBe(403);
        const crossSite = await api
          .client()
          .post(
            '/api/auth/login',
            { username: 'boss', password: PASSWORD },
            { headers: { 'sec-fetch-site': 'cross-site' } },
          );
        expect(crossSite.status).toBe(403);
        expect(await api.ws.repos.sessions.count()).toBe(0);
      });

      it('GET needs no token', async () => {
        const c = await api.client().as('watcher');
        expect((await c.get('/api/plan', { headers: { origin: 'https://evil.example' } })).status).toBe(200);
      });
    });

    describe('every write refuses the unauthenticated (401) and the out-of-role (403), changing nothing', () => {
      const writes: {
        name: string;
        call: (c: TestClient, api: TestApi, obs: ObservationRecord) => Promise<Response>;
      }[] = [
        {
          name: 'POST /users',
          call: (c) =>
            c.post('/api/users', {
              username: 'new',
              displayName: 'n',
              password: 'password-1',
              role: 'admin',
            }),
        },
        {
          name: 'PATCH /users/:id',
          call: (c, api) => c.patch(`/api/users/${api.users.watcher!.id}`, { role: 'admin' }),
        },
        {
          name: 'PUT /plan/targets/:index',
          call: async (c, api) => {
            const plan = (await api.ws.repos.plans.active())!.plan;
            return c.put('/api/plan/targets/0', { target: plan.targets[0], reason: 'test' });
          },
        },
        {
          name: 'PATCH /plan/indicators/:code',
          call: (c) => c.patch('/api/plan/indicators/gdp', { changes: { decimals: 1 }, reason: 'test' }),
        },
        {
          name: 'PATCH /observations/:id',
          call: (c, _api, obs) =>
            c.patch(`/api/observations/${obs.id}`, { value: 1, expectedRevision: 1, reason: 'test' }),
        },
      ];
      for (const w of writes) {
        it(`${w.name}`, async () => {
          const before = await snapshot(api);
          const anonymous = await w.call(api.client(), api, obs);
          expect(anonymous.status).toBe(401);
          expect((await errorOf(anonymous)).code).toBe('unauthenticated');
          // The town reporter may write its own town's figures — but not through the admin's endpoints.
          for (const username of ['watcher', 'stats', 'hushan']) {
            const res = await w.call(await api.client().as(username), api, obs);
            expect(res.status, `${w.name} as ${username}`).toBe(403);
            expect((await errorOf(res)).code).toBe('forbidden');
          }
          expect(await snapshot(api)).toEqual(before);
        });
      }

      it('admin-only reads (users, audit) are 403 for the other roles', async () => {
        for (const username of ['watcher', 'stats', 'hushan']) {
          const c = await api.client().as(username);
          for (const path of ['/api/users', '/api/audit', '/api/audit.csv'])
            expect((await c.get(path)).status, `${path} as ${username}`).toBe(403);
        }
      });

      it('reads need a session', async () => {
        for (const path of [
          '/api/plan',
          '/api/progress?period=2025Q3',
          '/api/observations?indicator=gdp&region=330282&period=2022',
        ])
          expect((await api.client().get(path)).status, path).toBe(401);
      });
    });

    describe('users', () => {
      it('an admin creates a town reporter: audited without the password, and the new account can log in', async () => {
        const c = await api.client().as('boss');
        const res = await c.post('/api/users', {
          username: 'Town-330282118',
          displayName: '庵东镇填报员',
          password: 'andong-2025',
          role: 'town',
          region: '330282118',
        });
        expect(res.status).toBe(201);
        const user = (await res.json()) as { id: string; username: string };
        expect(user).toMatchObject({
          username: 'town-330282118',
          role: 'town',
          region: '330282118',
          active: true,
        });
        const [entry] = await api.ws.repos.audit.list({ entity: 'user', entityId: user.id });
        expect(entry).toMatchObject({ actor: 'boss', action: 'user.create', old: null });
        expect(JSON.stringify(entry)).not.toMatch(/andong-2025|scrypt/);
        expect((await api.client().login('town-330282118', 'andong-2025')).status).toBe(200);
        const list = (await (await c.get('/api/users')).json()) as { username: string }[];
        expect(list.map((u) => u.username)).toContain('town-330282118');
      });

      it('refuses a unit the plan does not have, a reporter without its unit, and a taken username', async () => {
        const c = await api.client().as('boss');
        const base = { displayName: 'x', password: 'password-1' };
        const cases: [unknown, number, string][] = [
          [{ ...base, username: 'a1', role: 'town', region: '999' }, 422, 'unknown_region'],
          [{ ...base, username: 'a2', role: 'town' }, 422, 'missing_region'],
          [{ ...base, username: 'a3', role: 'department', department: 'nope' }, 422, 'unknown_department'],
          [{ ...base, username: 'a4', role: 'department' }, 422, 'missing_department'],
          [{ ...base, username: 'stats', role: 'leader' }, 409, 'username_taken'],
        ];
        const before = await snapshot(api);
        for (const [body, status, kind] of cases) {
          const res = await c.post('/api/users', body);
          expect(res.status, kind).toBe(status);
          expect((await errorOf(res)).details).toMatchObject({ kind });
        }
        expect(await snapshot(api)).toEqual(before);
        const short = await c.post('/api/users', {
          ...base,
          username: 'a5',
          role: 'leader',
          password: 'short',
        });
        expect(short.status).toBe(400);
        expect((await errorOf(short)).code).toBe('validation');
      });

      it('deactivating an account ends its sessions and refuses its log-in; audited old → new', async () => {
        const admin = await api.client().as('boss');
        const town = await api.client().as('hushan');
        const res = await admin.patch(`/api/users/${api.users.hushan!.id}`, { active: false });
        expect(res.status).toBe(200);
        expect((await town.get('/api/auth/me')).status).toBe(401);
        expect((await api.client().login('hushan')).status).toBe(401);
        const [entry] = await api.ws.repos.audit.list({ action: 'user.update' });
        expect(entry).toMatchObject({ old: { active: true }, new: { active: false } });
      });

      it('a new password ends the account’s sessions; the entry says the password changed, not what it is', async () => {
        const admin = await api.client().as('boss');
        const town = await api.client().as('hushan');
        await admin.patch(`/api/users/${api.users.hushan!.id}`, { password: 'new-password-2025' });
        expect((await town.get('/api/auth/me')).status).toBe(401);
        expect((await api.client().login('hushan', 'new-password-2025')).status).toBe(200);
        const [entry] = await api.ws.repos.audit.list({ action: 'user.update' });
        expect(entry!.new).toMatchObject({ passwordChanged: true });
        expect(JSON.stringify(entry)).not.toContain('new-password-2025');
      });

      it('the last active admin cannot be demoted or deactivated', async () => {
        const admin = await api.client().as('boss');
        expect((await admin.patch(`/api/users/${api.users.boss2!.id}`, { active: false })).status).toBe(200);
        const demote = await admin.patch(`/api/users/${api.users.boss!.id}`, { role: 'leader' });
        expect(demote.status).toBe(409);
        expect((await errorOf(demote)).details).toMatchObject({ kind: 'last_admin' });
        expect((await api.ws.repos.users.get(api.users.boss!.id))!.role).toBe('admin');
      });

      it('an unknown id is 404', async () => {
        const admin = await api.client().as('boss');
        expect((await admin.patch('/api/users/nope', { displayName: 'x' })).status).toBe(404);
      });
    });

    describe('plan edits', () => {
      it('GET /plan is the active plan with its version in X-Plan-Version', async () => {
        const res = await (await api.client().as('watcher')).get('/api/plan');
        expect(res.status).toBe(200);
        expect(res.headers.get('x-plan-version')).toBe('1');
        expect(((await res.json()) as Plan).id).toBe('cixi');
      });

      it('replacing a target saves the next plan version, activates it, and audits old → new with the reason', async () => {
        const c = await api.client().as('boss');
        const plan = (await api.ws.repos.plans.active())!.plan;
        const index = plan.targets.findIndex((t) => t.type === 'path' && t.indicator === 'rd_gdp_ratio');
        const old = plan.targets[index]!;
        const target = {
          ...old,
          values: { ...(old as { values: Record<string, number> }).values, '2026': 4.5 },
        };
        const res = await c.put(`/api/plan/targets/${index}`, { target, reason: '市政府调整2026年目标' });
        expect(res.status).toBe(200);
        const version = (await res.json()) as { version: number; active: boolean; plan: Plan };
        expect(version).toMatchObject({ version: 2, active: true, loadedBy: 'boss' });
        expect(version.plan.targets[index]).toEqual(target);
        const now = await c.get('/api/plan');
        expect(now.headers.get('x-plan-version')).toBe('2');
        expect(((await now.json()) as Plan).targets[index]).toEqual(target);
        const [entry] = await api.ws.repos.audit.list({ entity: 'target' });
        expect(entry).toMatchObject({
          actor: 'boss',
          action: 'plan.target.update',
          entityId: `cixi:targets[${index}]`,
          old,
          new: target,
          reason: '市政府调整2026年目标',
        });
      });

      it('an edit that breaks the plan is 422 with located errors, and nothing is saved', async () => {
        const c = await api.client().as('boss');
        const plan = (await api.ws.repos.plans.active())!.plan;
        const before = await snapshot(api);
        const res = await c.put('/api/plan/targets/0', {
          target: { ...plan.targets[0], indicator: 'no_such_indicator' },
          reason: 'x',
        });
        expect(res.status).toBe(422);
        const error = await errorOf(res);
        expect(error.code).toBe('validation');
        expect(error.details).toMatchObject({
          errors: [
            {
              path: expect.stringContaining('targets[0]'),
              message: expect.stringContaining('no_such_indicator'),
            },
          ],
        });
        expect(await snapshot(api)).toEqual(before);
      });

      it('a target that is not there is 404; a malformed target 400', async () => {
        const c = await api.client().as('boss');
        const plan = (await api.ws.repos.plans.active())!.plan;
        expect(
          (await c.put('/api/plan/targets/100000', { target: plan.targets[0], reason: 'x' })).status,
        ).toBe(404);
        expect((await c.put('/api/plan/targets/0', { target: { type: 'path' }, reason: 'x' })).status).toBe(
          400,
        );
        expect((await c.put('/api/plan/targets/0', { target: plan.targets[0], reason: '' })).status).toBe(
          400,
        );
      });

      it('editing an indicator audits only the fields that changed; the code cannot change', async () => {
        const c = await api.client().as('boss');
        const res = await c.patch('/api/plan/indicators/hightech_enterprises', {
          changes: { yoyThreshold: 25, name: { zh: '有效高新技术企业数', en: 'High-tech enterprises' } },
          reason: '统一口径',
        });
        expect(res.status).toBe(200);
        const [entry] = await api.ws.repos.audit.list({ entity: 'indicator' });
        expect(entry).toMatchObject({
          entityId: 'hightech_enterprises',
          new: { yoyThreshold: 25, name: { zh: '有效高新技术企业数' } },
          reason: '统一口径',
        });
        expect(Object.keys(entry!.new as object).sort()).toEqual(['name', 'yoyThreshold']);
        const recode = await c.patch('/api/plan/indicators/gdp', { changes: { code: 'gdp2' }, reason: 'x' });
        expect(recode.status).toBe(400);
        expect((await c.patch('/api/plan/indicators/nope', { changes: {}, reason: 'x' })).status).toBe(404);
      });

      it('an edit made on an older version (expectedVersion) is a 409 conflict; edits of different targets both stay', async () => {
        const a = await api.client().as('boss');
        const b = await api.client().as('boss2');
        const plan = (await api.ws.repos.plans.active())!.plan;
        const t0 = { ...plan.targets[0]!, note: 'A’s edit' };
        const t1 = { ...plan.targets[1]!, note: 'B’s edit' };
        expect(
          (await a.put('/api/plan/targets/0', { target: t0, reason: 'a', expectedVersion: 1 })).status,
        ).toBe(200);
        const stale = await b.put('/api/plan/targets/1', { target: t1, reason: 'b', expectedVersion: 1 });
        expect(stale.status).toBe(409);
        expect(await errorOf(stale)).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
        // Without expectedVersion the edit applies to the plan in force: A's edit is kept.
        expect((await b.put('/api/plan/targets/1', { target: t1, reason: 'b' })).status).toBe(200);
        const now = (await api.ws.repos.plans.active())!;
        expect(now.version).toBe(3);
        expect(now.plan.targets[0]).toEqual(t0);
        expect(now.plan.targets[1]).toEqual(t1);
      });
    });

    describe('observations', () => {
      it('GET /observations is the whole history of a figure, newest first', async () => {
        await api.ws.repos.observations.revise(obs.id, { value: 101, createdBy: 'test' });
        const c = await api.client().as('watcher');
        const res = await c.get(
          '/api/observations?indicator=hightech_enterprises&region=330282004&period=2025Q3',
        );
        const history = (await res.json()) as ObservationRecord[];
        expect(history.map((h) => [h.revision, h.value, h.current])).toEqual([
          [2, 101, true],
          [1, 100, false],
        ]);
        expect((await c.get('/api/observations?indicator=gdp')).status).toBe(400);
      });

      it('two editors change the same figure: the second gets 409 with the newer value, and no update is lost', async () => {
        const first = await api.client().as('boss');
        const second = await api.client().as('boss2');
        const a = await first.patch(`/api/observations/${obs.id}`, {
          value: 120,
          expectedRevision: 1,
          reason: '快报更正',
        });
        expect(a.status).toBe(200);
        const newer = (await a.json()) as ObservationRecord;
        expect(newer).toMatchObject({
          value: 120,
          revision: 2,
          current: true,
          createdBy: 'boss',
          supersedes: obs.id,
        });

        const b = await second.patch(`/api/observations/${obs.id}`, {
          value: 130,
          expectedRevision: 1,
          reason: '另一人的更正',
        });
        expect(b.status).toBe(409);
        const error = await errorOf(b);
        expect(error.code).toBe('conflict');
        expect(error.message).toContain('120');
        expect(error.details).toMatchObject({
          current: { id: newer.id, value: 120, revision: 2, createdBy: 'boss' },
        });

        // Having seen it, the second editor revises the newer value: both changes are in the history.
        const retry = await second.patch(`/api/observations/${newer.id}`, {
          value: 130,
          expectedRevision: 2,
          reason: '核对后更正',
        });
        expect(retry.status).toBe(200);
        const history = await api.ws.repos.observations.history(obs);
        expect(history.map((h) => [h.revision, h.value, h.createdBy])).toEqual([
          [1, 100, 'test'],
          [2, 120, 'boss'],
          [3, 130, 'boss2'],
        ]);
        const audit = await api.ws.repos.audit.list({ entity: 'observation' });
        expect(audit.map((e) => [e.actor, e.old, e.new, e.reason])).toEqual([
          [
            'boss2',
            { id: newer.id, value: 120, revision: 2 },
            expect.objectContaining({ value: 130, revision: 3 }),
            '核对后更正',
          ],
          [
            'boss',
            { id: obs.id, value: 100, revision: 1 },
            { id: newer.id, value: 120, revision: 2 },
            '快报更正',
          ],
        ]);
        expect(audit[0]!.entityId).toBe('hightech_enterprises:330282004:2025Q3:flash');
      });

      it('two editors at the same moment: exactly one wins, the other gets 409, one new revision', async () => {
        const first = await api.client().as('boss');
        const second = await api.client().as('boss2');
        const results = await Promise.all([
          first.patch(`/api/observations/${obs.id}`, { value: 111, expectedRevision: 1, reason: 'a' }),
          second.patch(`/api/observations/${obs.id}`, { value: 222, expectedRevision: 1, reason: 'b' }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const history = await api.ws.repos.observations.history(obs);
        expect(history).toHaveLength(2);
        expect(await api.ws.repos.audit.count()).toBe(1);
      });

      it('a stale expectedRevision on the current row is a conflict too; an unknown id 404; a reason is required', async () => {
        const c = await api.client().as('boss');
        const stale = await c.patch(`/api/observations/${obs.id}`, {
          value: 1,
          expectedRevision: 7,
          reason: 'x',
        });
        expect(stale.status).toBe(409);
        expect((await errorOf(stale)).details).toMatchObject({ current: { id: obs.id, revision: 1 } });
        expect(
          (await c.patch('/api/observations/nope', { value: 1, expectedRevision: 1, reason: 'x' })).status,
        ).toBe(404);
        expect((await c.patch(`/api/observations/${obs.id}`, { value: 1, expectedRevision: 1 })).status).toBe(
          400,
        );
        expect(await api.ws.repos.observations.count({ includeHistory: true })).toBe(2);
      });

      it('correcting a published real figure keeps its citation and says it was corrected', async () => {
        const [gdp] = await api.ws.repos.observations.current({ indicators: ['gdp'] });
        const c = await api.client().as('boss');
        const res = await c.patch(`/api/observations/${gdp!.id}`, {
          value: 2521.6,
          expectedRevision: 1,
          reason: '按年报更正',
        });
        expect(res.status).toBe(200);
        expect(((await res.json()) as ObservationRecord).citation).toBe(
          `${GDP_CITATION}（boss 更正：按年报更正）`,
        );
      });
    });

    describe('audit log', () => {
      it('GET /audit filters by entity, actor and dates; the CSV carries the same rows', async () => {
        const c = await api.client().as('boss');
        await c.patch(`/api/observations/${obs.id}`, { value: 5, expectedRevision: 1, reason: 'r1' });
        await c.patch(`/api/users/${api.users.watcher!.id}`, { displayName: '领导' });
        const all = (await (await c.get('/api/audit')).json()) as AuditEntry[];
        expect(all.map((e) => e.action)).toEqual(['user.update', 'observation.revise']);
        const users = (await (await c.get('/api/audit?entity=user&actor=boss')).json()) as AuditEntry[];
        expect(users.map((e) => e.action)).toEqual(['user.update']);
        const today = new Date().toISOString().slice(0, 10);
        expect(
          ((await (await c.get(`/api/audit?from=${today}&to=${today}`)).json()) as AuditEntry[]).length,
        ).toBe(2);
        expect(((await (await c.get('/api/audit?to=2000-01-01')).json()) as AuditEntry[]).length).toBe(0);
        const csv = await c.get('/api/audit.csv?entity=observation');
        expect(csv.headers.get('content-type')).toContain('text/csv');
        expect(csv.headers.get('content-disposition')).toContain('audit.csv');
        const bytes = new Uint8Array(await csv.arrayBuffer());
        expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        const lines = new TextDecoder().decode(bytes).trim().split('\r\n');
        expect(lines[0]).toBe(
          '序号,时间,操作人,操作,对象类型,对象,变更,原因,操作批次,操作代码,对象类型代码,对象标识,原值,新值',
        );
        expect(lines).toHaveLength(2);
        expect(lines[1]).toContain('r1');
      });

      it('the database refuses to update or delete audit rows', async () => {
        const c = await api.client().as('boss');
        await c.patch(`/api/users/${api.users.watcher!.id}`, { displayName: '领导' });
        const db = api.ws.db.db;
        await expect(db.updateTable('audit_log').set({ actor: 'nobody' }).execute()).rejects.toThrow(
          /audit_log is append-only: UPDATE refused/,
        );
        await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(
          /audit_log is append-only: DELETE refused/,
        );
        await expect(sql`update audit_log set reason = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
        if (api.ws.db.dialect === 'postgres') {
          await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only: TRUNCATE refused/);
        }
        const [entry] = await api.ws.repos.audit.list();
        expect(entry).toMatchObject({ actor: 'boss', new: { displayName: '领导' } });
        expect(await api.ws.repos.audit.count()).toBe(1);
      });

      it('a change and its audit entry are one transaction: when the audit write fails, the change is undone', async () => {
        const db = api.ws.db.db;
        if (api.ws.db.dialect === 'postgres') {
          await sql`create function audit_fail() returns trigger language plpgsql as $$ begin raise exception 'audit down'; end $$`.execute(
            db,
          );
          await sql`create trigger audit_fail before insert on audit_log for each row execute function audit_fail()`.execute(
            db,
          );
        } else {
          await sql`create trigger audit_fail before insert on audit_log begin select raise(abort, 'audit down'); end`.execute(
            db,
          );
        }
        const c = await api.client().as('boss');
        const before = await snapshot(api);
        const quiet = console.error;
        console.error = () => undefined;
        try {
          const res = await c.patch(`/api/users/${api.users.watcher!.id}`, { displayName: 'half-done' });
          expect(res.status).toBe(500);
          expect((await errorOf(res)).code).toBe('internal');
          expect(
            (await c.patch(`/api/observations/${obs.id}`, { value: 1, expectedRevision: 1, reason: 'x' }))
              .status,
          ).toBe(500);
        } finally {
          console.error = quiet;
        }
        expect(await snapshot(api)).toEqual(before);
      });
    });

    describe('errors and languages', () => {
      it('unknown API paths are 404 not_found in JSON; a body that is not JSON is 400 validation', async () => {
        const c = await api.client().as('boss');
        const missing = await c.get('/api/nothing-here');
        expect(missing.status).toBe(404);
        expect((await errorOf(missing)).code).toBe('not_found');
        const broken = await c.request('PATCH', `/api/users/${api.users.watcher!.id}`, {
          headers: { 'content-type': 'application/json' },
        });
        expect(broken.status).toBe(400);
        expect((await errorOf(broken)).code).toBe('validation');
      });

      it('?lang=en and Accept-Language choose English messages; zh-CN is the default', async () => {
        const anonymous = api.client();
        expect((await errorOf(await anonymous.get('/api/users?lang=en'))).message).toBe('please sign in');
        expect(
          (await errorOf(await anonymous.get('/api/users', { headers: { 'accept-language': 'en' } })))
            .message,
        ).toBe('please sign in');
        expect(
          (
            await errorOf(
              await anonymous.get('/api/users', { headers: { 'accept-language': 'zh-CN,en;q=0.8' } }),
            )
          ).message,
        ).toBe('请先登录');
      });
    });

    it('test accounts cover every role', () => {
      expect(new Set(Object.values(ACCOUNTS).map((a) => a.role))).toEqual(
        new Set(['admin', 'leader', 'department', 'town']),
      );
    });
  });
}
