import { describe, expect, it } from 'vitest';
import { apiErrorFromResponse } from './errors.ts';

describe('apiErrorFromResponse', () => {
  it('keeps the stable code and the localized message of an error body', () => {
    const e = apiErrorFromResponse(
      401,
      { error: { code: 'bad_credentials', message: '用户名或密码错误' } },
      null,
    );
    expect(e.status).toBe(401);
    expect(e.code).toBe('bad_credentials');
    expect(e.message).toBe('用户名或密码错误');
  });

  it('reads the wait of too_many_attempts from details, the error, the body or the Retry-After header', () => {
    const tooMany = (body: unknown, header: string | null = null) =>
      apiErrorFromResponse(429, body, header).retryAfterSeconds;
    expect(
      tooMany({ error: { code: 'too_many_attempts', message: '', details: { retryAfterSeconds: 60 } } }),
    ).toBe(60);
    expect(tooMany({ error: { code: 'too_many_attempts', message: '', retryAfterSeconds: 30 } })).toBe(30);
    expect(tooMany({ error: { code: 'too_many_attempts', message: '' }, retryAfterSeconds: 12 })).toBe(12);
    expect(tooMany({ error: { code: 'too_many_attempts', message: '' } }, '900')).toBe(900);
    expect(tooMany({ error: { code: 'too_many_attempts', message: '' } })).toBeUndefined();
  });

  it('turns a body that is not the error shape (a proxy page) into an http error with the status', () => {
    const e = apiErrorFromResponse(502, undefined, null);
    expect(e.code).toBe('http');
    expect(e.message).toBe('HTTP 502');
  });

  it('passes the conflict details (the newer value) through', () => {
    const e = apiErrorFromResponse(
      409,
      {
        error: { code: 'conflict', message: '已被他人修改', details: { current: { value: 5, revision: 3 } } },
      },
      null,
    );
    expect(e.details).toEqual({ current: { value: 5, revision: 3 } });
  });
});
