// The app's error handler: a write that waited out another process's SQLite lock answers 503 with
// Retry-After and says nothing was written (issue 16 §1), never a bare 500.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { DatabaseBusyError } from '../src/db/open.ts';
import type { AppEnv } from '../src/http/context.ts';
import { onError } from '../src/http/errors.ts';
import { NoPlanError } from '../src/services/workspace.ts';

describe('onError', () => {
  it('a database still locked by another writer is 503 busy, retry later', async () => {
    const app = new Hono<AppEnv>();
    app.get('/write', () => {
      throw new DatabaseBusyError('./data/ding.db', 120_000, new Error('SQLITE_BUSY'));
    });
    app.onError(onError);
    const res = await app.request('/write');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('30');
    expect(await res.json()).toEqual({
      error: { code: 'busy', message: '数据库正被其他写入（如导入）占用，本次未写入任何数据，请稍后重试' },
    });
  });

  it('a database without a plan is 404 no_plan naming the fix, not a 500', async () => {
    const app = new Hono<AppEnv>();
    app.get('/cup/results', () => {
      throw new NoPlanError();
    });
    app.onError(onError);
    const res = await app.request('/cup/results');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'no_plan', message: '尚未加载计划，请先运行 ding init' },
    });
  });
});
