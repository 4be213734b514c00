// `ding tasks` end to end (issue 11): a real process on a temporary SQLite file after `ding init` (the demo's
// 督办事项 with their history): the list with lights and reasons, the filters, --json as the overview, and
// `ding tasks bulletin` writing the 督查通报.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dingProcess } from './support/ding-process.ts';
import type { SupervisionOverview } from '@ding/core';

const { dir, ding, dingFails, dispose } = dingProcess('ding-cli-tasks-');

beforeAll(async () => {
  await ding('init', '--json');
}, 120_000);
afterAll(dispose);

describe('ding tasks', () => {
  it('--json is the overview: 17 plan tasks and DB-1..3, counts by light adding up to the total', async () => {
    const o = JSON.parse((await ding('tasks', '--json')).stdout) as SupervisionOverview;
    expect(o.items).toHaveLength(20);
    expect(o.items.map((v) => v.item.code)).toEqual(expect.arrayContaining(['A1.1', 'DB-1', 'DB-2', 'DB-3']));
    expect(Object.values(o.counts.byLight).reduce((a, n) => a + n, 0)).toBe(o.counts.total);
    // DB-3 (上级督查) is 10 days past its deadline: red, and the reason says so first.
    const db3 = o.items.find((v) => v.item.code === 'DB-3')!;
    expect(db3.light.light).toBe('red');
    expect(db3.light.reasons[0]!.zh).toContain('已超过办结时限');
    expect(o.ranking.length).toBeGreaterThan(0);
  }, 60_000);

  it('prints the items with light, reason and 牵头单位, then the ranking; --light and --unit filter', async () => {
    const { stdout } = await ding('tasks');
    expect(stdout).toMatch(/编号\s+灯色\s+状态\s+事项\s+牵头单位\s+办结时限\s+剩余天数\s+原因/);
    expect(stdout).toMatch(
      /DB-3\s+红灯\s+\S+\s+省科技厅督查反馈问题整改\s+市市场监管局\s+\d{4}-\d{2}-\d{2}\s+-10\s+已超过办结时限/,
    );
    expect(stdout).toContain('单位按时反馈排名');
    expect(stdout).toMatch(/位次\s+单位\s+应报\s+按时\s+逾期\s+未报\s+按时率/);
    const red = JSON.parse((await ding('tasks', '--light', 'red', '--json')).stdout) as SupervisionOverview;
    expect(red.items.length).toBeGreaterThan(0);
    expect(red.items.every((v) => v.light.light === 'red')).toBe(true);
    const list = await ding('tasks', 'list', '--unit', 'scjgj', '--json');
    const mine = JSON.parse(list.stdout) as SupervisionOverview;
    expect(mine.items.length).toBeGreaterThan(0);
    expect(
      mine.items.every(
        (v) => v.item.leadUnits.includes('scjgj') || v.item.cooperatingUnits.includes('scjgj'),
      ),
    ).toBe(true);
    expect((await dingFails('tasks', '--light', 'purple')).stderr).toContain("--light 'purple'");
    expect((await dingFails('tasks', '--unit', 'nope')).stderr).toContain("--unit 'nope'");
  }, 60_000);

  it('bulletin --month writes the 督查通报 DOCX; a month not begun is refused', async () => {
    const out = join(dir, 'bulletin.docx');
    const { stderr } = await ding('tasks', 'bulletin', '--month', '2026-01', '--out', out);
    expect(stderr).toMatch(/as of 2026-01-31 →/);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const e = await dingFails('tasks', 'bulletin', '--month', '2999-01', '--out', out);
    expect(e.stderr).toContain('尚未开始');
    expect((await dingFails('tasks', 'bulletin', '--month', '2026-11', '--out', 'x.pdf')).stderr).toContain(
      'expected a .docx file',
    );
  }, 60_000);
});
