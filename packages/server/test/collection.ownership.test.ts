// Who owes what in Cixi's rounds (issue 12 item 1): from plans/cixi/plan.yaml's townFiguresBy, every
// figure owed has exactly one submitter, the one unit whose scope of writing covers it, and every
// submitter has a demo account after `ding init`, so a round can reach 100%.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundAssignments, scopeAllowsWrite, submitterKey, type Period, type Plan } from '@ding/core';
import type { UserRecord } from '../src/repositories/index.ts';
import { workspaceInit, workspaceOpen, type Workspace } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'ding-ownership-'));
let ws: Workspace;
let plan: Plan;
let users: UserRecord[];

beforeAll(async () => {
  ws = await workspaceOpen({ file: join(dir, 'ding.db') });
  await workspaceInit(ws, { demo: true });
  plan = (await ws.repos.plans.active())!.plan;
  users = await ws.repos.users.list();
});
afterAll(async () => {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The demo account a submitter key signs in as. */
function accountOf(submitter: string): UserRecord | undefined {
  const [kind, code] = submitter.split(':');
  return users.find((u) =>
    kind === 'town'
      ? u.role === 'town' && u.region === code
      : u.role === 'department' && u.department === code,
  );
}

function owedBy(period: string): Map<string, number> {
  const owed = new Map<string, number>();
  for (const a of roundAssignments(plan, period as Period))
    owed.set(submitterKey(a.submitter), (owed.get(submitterKey(a.submitter)) ?? 0) + 1);
  return owed;
}

describe('who owes what in a Cixi round', () => {
  it.each(['2025Q3', '2025Q4', '2025'])(
    '%s: one submitter per figure, with a demo account, and the only reporter able to write it',
    (period) => {
      const assignments = roundAssignments(plan, period as Period);
      expect(assignments.length).toBeGreaterThan(0);
      const figures = assignments.map((a) => `${a.indicator} ${a.region}`);
      expect(new Set(figures).size).toBe(figures.length);
      const reporters = users.filter((u) => u.role === 'town' || u.role === 'department');
      const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
      for (const a of assignments) {
        const key = submitterKey(a.submitter);
        const account = accountOf(key);
        expect(account, `${key} has no demo account`).toMatchObject({ active: true });
        const writers = reporters.filter((u) =>
          scopeAllowsWrite(
            {
              role: u.role,
              ...(u.department ? { department: u.department } : {}),
              ...(u.region ? { region: u.region } : {}),
            },
            indicators.get(a.indicator)!,
            a.region,
          ),
        );
        expect([a.indicator, a.region, writers.map((u) => u.username)]).toEqual([
          a.indicator,
          a.region,
          [account!.username],
        ]);
      }
    },
  );

  it('2025Q3: 市科技局, 市市场监管局 and 市统计局 supply the quarterly town figures; towns owe none', () => {
    // Hand count, plans/cixi/plan.yaml, 20 towns: 科技局 高企, 新增科技型中小企业, 技术交易额, 科技型中小企业
    // (4 × 20); 市场监管局 有效发明专利, PCT (2 × 20); 统计局 the 9 quarterly statistical components
    // (GDP, 规上工业营收/增加值, 高新技术产业增加值/投资, 工业投资, 服务业三项) × 20.
    expect(Object.fromEntries(owedBy('2025Q3'))).toEqual({
      'department:kjj': 80,
      'department:scjgj': 40,
      'department:tjj': 180,
    });
  });

  it('2025Q4: the annual figures join; each town owes the three it holds; no one owes for 高新区管委会', () => {
    const owed = owedBy('2025Q4');
    expect(owed.get('department:kjj')).toBe(281); // 14 summed × 20 + 每千个国家标准参与制定指数 (全市)
    expect(owed.get('department:tjj')).toBe(440); // 22 × 20
    expect(owed.get('department:scjgj')).toBe(80); // 专利 2 + 企业数 + 核心知识产权企业数, × 20
    expect(owed.get('department:jxj')).toBe(101); // 5 × 20 + 信息化发展指数 (全市)
    expect(owed.get('department:swj')).toBe(40); // 企业所得税优惠额, 应纳所得税额
    expect(owed.get('department:zzb')).toBe(20); // 科技人才（团队）
    expect(owed.has('department:gxyq')).toBe(false);
    const towns = [...owed].filter(([k]) => k.startsWith('town:'));
    expect(towns).toHaveLength(20);
    expect(new Set(towns.map(([, n]) => n))).toEqual(new Set([3]));
    const q4 = roundAssignments(plan, '2025Q4' as Period);
    expect(
      q4
        .filter((a) => a.submitter.kind === 'town' && a.region === '330282004')
        .map((a) => a.indicator)
        .sort(),
    ).toEqual(['fiscal_recurrent_expenditure', 'fiscal_st_spending', 'science_popularization_spending']);
    expect(
      q4.filter((a) => a.indicator === 'hightech_enterprises').map((a) => submitterKey(a.submitter)),
    ).toEqual(Array(20).fill('department:kjj'));
  });
});
