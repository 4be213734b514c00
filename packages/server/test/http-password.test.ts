// POST /api/auth/password (issue 13 item 7): change your own password — the current one must verify (a wrong
// one counts toward the log-in throttle), the new one passes the admin-set policy and differs; on success every
// other session ends, this one stays, and the change is audited without secrets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD, errorOf, openSqliteWorkspace, openTestApi, type TestApi } from './support/http-client.ts';

let api: TestApi;
beforeEach(async () => {
  api = await openTestApi(openSqliteWorkspace);
});
afterEach(async () => {
  await api.dispose();
});

const NEW_PASSWORD = 'a brand new passphrase';

async function passwordHashOf(username: string): Promise<string | undefined> {
  return (await api.ws.repos.users.credentials(username))?.passwordHash;
}

describe('POST /api/auth/password', () => {
  it('a wrong current password is refused (403, 当前密码不正确) and changes nothing', async () => {
    const c = await api.client().as('hushan');
    const other = await api.client().as('hushan');
    const before = await passwordHashOf('hushan');
    const res = await c.post('/api/auth/password', {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({
      code: 'bad_credentials',
      message: '当前密码不正确',
      details: { field: 'currentPassword' },
    });
    const en = await c.post(
      '/api/auth/password',
      { currentPassword: 'not my password', newPassword: NEW_PASSWORD },
      { headers: { 'accept-language': 'en' } },
    );
    expect((await errorOf(en)).message).toBe('the current password is wrong');
    expect(await passwordHashOf('hushan')).toBe(before);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect(await api.ws.repos.audit.list({ action: 'user.password.change' })).toEqual([]);
  });

  it('a new password below the policy or equal to the current one: 422 validation naming newPassword', async () => {
    const c = await api.client().as('hushan');
    const before = await passwordHashOf('hushan');
    const short = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(422);
    expect(await errorOf(short)).toMatchObject({
      code: 'validation',
      details: { kind: 'weak_password', field: 'newPassword' },
    });
    const same = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: PASSWORD });
    expect(same.status).toBe(422);
    expect(await errorOf(same)).toMatchObject({
      code: 'validation',
      message: '新密码不能与当前密码相同',
      details: { kind: 'same_password', field: 'newPassword' },
    });
    // A malformed body is the schema's 400, as everywhere.
    const missing = await c.post('/api/auth/password', { currentPassword: PASSWORD });
    expect(missing.status).toBe(400);
    expect(await passwordHashOf('hushan')).toBe(before);
  });

  it('needs a session and the CSRF token', async () => {
    const anonymous = await api.client().post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(anonymous.status).toBe(401);
    const c = await api.client().as('hushan');
    const noCsrf = await c.post(
      '/api/auth/password',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      { csrf: false },
    );
    expect(noCsrf.status).toBe(403);
    expect((await errorOf(noCsrf)).code).toBe('csrf');
  });

  it('success: the new password signs in, the old does not; other sessions end, this one stays; audited without secrets', async () => {
    const c = await api.client().as('hushan');
    const second = await api.client().as('hushan');
    const someoneElse = await api.client().as('stats');
    const res = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(res.status).toBe(204);
    // This session goes on, with the same CSRF token; the other device is signed out.
    expect((await c.get('/api/auth/me')).status).toBe(200);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    expect((await someoneElse.get('/api/auth/me')).status).toBe(200);
    expect((await api.client().login('hushan', PASSWORD)).status).toBe(401);
    expect((await api.client().login('hushan', NEW_PASSWORD)).status).toBe(200);

    const entries = await api.ws.repos.audit.list({ action: 'user.password.change' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'hushan',
      entity: 'user',
      entityId: api.users.hushan!.id,
      new: { passwordChanged: true, otherSessionsEnded: 1 },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(NEW_PASSWORD);
  });

  it('wrong current passwords count as failed log-ins of that username from that address: 429 with Retry-After', async () => {
    const c = await api.client('192.0.2.80').as('hushan');
    // (A log-in forgives the failures before it: the guesses come a moment later.)
    api.clock.advance(1000);
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/auth/password', {
        currentPassword: `guess-${i}`,
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(403);
    }
    // Throttled now, even with the right current password (a right guess must not be confirmed).
    const blocked = await c.post('/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(await errorOf(blocked)).toMatchObject({
      code: 'too_many_attempts',
      details: { retryAfterSeconds: 30 },
    });
    expect(blocked.headers.get('retry-after')).toBe('30');
    // The same throttle as log-in: that username from that address waits there too.
    expect((await api.client('192.0.2.80').login('hushan')).status).toBe(429);
    expect((await api.client('192.0.2.81').login('hushan')).status).toBe(200);
    // After the wait the right current password works.
    api.clock.advance(30_000);
    const ok = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(ok.status).toBe(204);
  });
});

describe('a password set by an admin must be changed at first log-in', () => {
  it('a new account signs in, may do nothing but change it; then everything works; an admin reset flags it again', async () => {
    const admin = await api.client().as('boss');
    const created = await admin.post('/api/users', {
      username: 'town-330282118',
      displayName: '庵东镇填报员',
      password: 'andong-2025',
      role: 'town',
      region: '330282118',
    });
    const account = (await created.json()) as { id: string; mustChangePassword?: boolean };
    expect(account.mustChangePassword).toBe(true);
    const c = api.client();
    const login = await c.login('town-330282118', 'andong-2025');
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { mustChangePassword?: boolean } }).user.mustChangePassword).toBe(
      true,
    );
    const blocked = await c.get('/api/rounds');
    expect(blocked.status).toBe(403);
    expect(await errorOf(blocked)).toMatchObject({
      code: 'password_change_required',
      message: '您的密码由管理员设置，请先修改密码',
    });
    expect((await c.get('/api/auth/me')).status).toBe(200);
    const changed = await c.post('/api/auth/password', {
      currentPassword: 'andong-2025',
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    const me = (await (await c.get('/api/auth/me')).json()) as { user: { mustChangePassword?: boolean } };
    expect(me.user.mustChangePassword).toBeUndefined();
    expect((await c.get('/api/rounds')).status).toBe(200);

    expect((await admin.patch(`/api/users/${account.id}`, { password: 'reset-by-admin-1' })).status).toBe(
      200,
    );
    const again = api.client();
    await again.login('town-330282118', 'reset-by-admin-1');
    expect((await again.get('/api/rounds')).status).toBe(403);
  });
});
