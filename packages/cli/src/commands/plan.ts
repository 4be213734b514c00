// `ding plan`: the loaded plan — regions, indicators, targets, actions and tasks.
import type { Command } from 'commander';
import { workspaceConsistency, workspacePlan } from '@ding/server';
import type { Plan, Target } from '@ding/core';
import { printJson, printTable } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

export function registerPlanCommand(program: Command): void {
  addDatabaseOption(program.command('plan'))
    .description('show the plan in force: regions, indicators, targets, actions and tasks')
    .option('--json', 'print the whole plan as JSON (the plan file’s field names)')
    .option('--check', 'consistency report: 全市 = 市级 + 前湾, and the 全市 ratio implied by the parts')
    .action(async (opts: { db?: string; json?: boolean; check?: boolean }) => {
      await withWorkspace(opts, async (ws) => {
        const plan = await workspacePlan(ws);
        if (opts.check) {
          const checks = await workspaceConsistency(ws, plan);
          if (opts.json) return printJson(checks);
          printTable(
            ['检查', '指标', '年份', '期望', '实际', '差', '结果', '说明'],
            checks.map((c) => [
              c.kind,
              c.indicator,
              c.year,
              c.expected,
              round(c.actual),
              round(c.difference),
              c.ok ? '✓' : '✗',
              c.message,
            ]),
          );
          const failed = checks.filter((c) => !c.ok).length;
          console.log(`\n${checks.length} checks, ${failed} outside tolerance`);
          return;
        }
        if (opts.json) return printJson(plan);
        printPlanSummary(plan);
      });
    });
}

function targetText(t: Target): string {
  switch (t.type) {
    case 'path':
      return Object.entries(t.values)
        .map(([y, v]) => `${y}: ${t.comparator === '<=' ? '≤' : ''}${v}`)
        .join('  ');
    case 'annual_flow':
      return `${t.from}–${t.to} 每年 ${t.value}`;
    case 'cumulative':
      return `${t.from}–${t.to} 累计 ${t.value}`;
    case 'multiple_of_base':
      return `${t.year} 达 ${t.baseYear} 年的 ${t.factor} 倍`;
    case 'average_growth':
      return `${t.baseYear}–${t.year} 年均增长 ${t.rate}%`;
    case 'relative_growth':
      return `${t.from}–${t.to} 增速高于 ${t.exceeds}${t.marginPp ? ` ${t.marginPp} 个百分点` : ''}`;
  }
}

function printPlanSummary(plan: Plan): void {
  const indicators = new Map(plan.indicators.map((i) => [i.code, i]));
  const departments = new Map(plan.departments.map((d) => [d.code, d.name.zh]));
  const names = new Map([...plan.regions, ...plan.regionGroups].map((r) => [r.code, r.name.zh]));
  console.log(`${plan.name.zh} (${plan.id}) — ${plan.startYear}–${plan.targetYear}`);
  console.log(
    `${plan.regions.length} region versions, ${plan.regionGroups.length} groups, ${plan.indicators.length} indicators, ` +
      `${plan.targets.length} targets, ${plan.actions.length} actions / ${plan.actions.flatMap((a) => a.tasks).length} tasks\n`,
  );
  printTable(
    ['指标', '地区', '目标', '牵头单位', '出处'],
    plan.targets.map((t) => {
      const ind = indicators.get(t.indicator)!;
      return [
        `${ind.name.zh} (${ind.unit})`,
        names.get(t.region) ?? t.region,
        targetText(t),
        ind.leadUnits.map((d) => departments.get(d) ?? d).join('、'),
        t.source,
      ];
    }),
  );
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;
