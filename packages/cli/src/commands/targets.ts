// `ding targets allocate`: a group target split over its towns (目标分解到镇街, issue 10) — the
// proposal table, or with --approve the towns' targets saved as the plan's next version (audited).
import type { Command } from 'commander';
import {
  UserError,
  targetAllocationApprove,
  targetAllocationPropose,
  workspacePlan,
  type TargetAllocationError,
  type TargetAllocationRequest,
} from '@ding/server';
import {
  ALLOCATION_METHOD_NAMES,
  ALLOCATION_METHODS,
  allocationBelowBase,
  roundHalfAway,
  type AllocationMethod,
  type AllocationProposal,
  type Plan,
} from '@ding/core';
import { printJson, printTable } from '../output.ts';
import { addDatabaseOption, withWorkspace } from './workspace-options.ts';

interface AllocateOptions {
  db?: string;
  indicator: string;
  year: string;
  method: string;
  group?: string;
  baseYear?: string;
  weight?: string;
  manual?: string;
  approve?: boolean;
  reason?: string;
  json?: boolean;
}

function yearOf(flag: string, raw: string): number {
  if (!/^\d{4}$/.test(raw)) throw new UserError(`${flag} '${raw}': expected a year, e.g. 2026`);
  return Number(raw);
}

/** --manual 330282004=120,330282005=80 (or a JSON object). */
function manualOf(raw: string): Record<string, number> {
  const trimmed = raw.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as unknown;
      if (parsed && typeof parsed === 'object' && Object.values(parsed).every((v) => typeof v === 'number'))
        return parsed as Record<string, number>;
    } catch {
      // fall through to the error below
    }
    throw new UserError(`--manual: expected a JSON object {town: number}`);
  }
  const out: Record<string, number> = {};
  for (const pair of trimmed.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*(-?\d+(?:\.\d+)?)\s*$/.exec(pair);
    if (!m) throw new UserError(`--manual '${pair}': expected town=value, e.g. 330282004=120`);
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

function errorText(e: TargetAllocationError): string {
  switch (e.kind) {
    case 'allocation':
      return e.errors.map((x) => `${x.field}: ${x.message.zh}`).join('\n  ');
    case 'invalid':
      return `${e.message.zh}\n  ${e.errors.map((x) => `${x.path}: ${x.message}`).join('\n  ')}`;
    case 'no_plan':
    case 'not_found':
    case 'stale':
    case 'check_failed':
      return e.message.zh;
  }
}

/** The proposal as a table, every figure at its indicator's decimals (shares to 0.01 %). */
function printProposal(p: AllocationProposal, plan: Plan): void {
  const ind = plan.indicators.find((i) => i.code === p.indicator);
  const decimals = ind?.decimals ?? 2;
  const fixed = (x: number | undefined, d = decimals) =>
    x === undefined ? '—' : roundHalfAway(x, d).toFixed(d);
  const ratio = p.allocates === 'numerator';
  const weight = p.weight
    ? (plan.indicators.find((i) => i.code === p.weight)?.name.zh ?? p.weight)
    : undefined;
  console.log(
    `${ind?.name.zh ?? p.indicator} ${p.year}年 ${p.groupName.zh}（${p.group}）目标 ${p.comparator === '<=' ? '≤ ' : ''}${fixed(p.groupTarget)}${ind?.unit ?? ''}，` +
      `方法 ${ALLOCATION_METHOD_NAMES[p.method].zh}，基期 ${p.baseYear}年${weight ? `，权重 ${weight}` : ''}`,
  );
  const below = new Set<string>(allocationBelowBase(p, p.rows));
  printTable(
    ['镇街', '代码', '基期值', '分解目标', '占比%', ...(ratio ? ['分子', '分母'] : [])],
    p.rows.map((r) => [
      r.name.zh,
      r.region,
      fixed(r.base),
      `${fixed(r.proposed)}${below.has(r.region) ? ' ⚠' : ''}`,
      fixed(r.share * 100, 2),
      // a ratio's numerator and denominator are amounts (亿元): 4 decimals show what the split moved
      ...(ratio ? [fixed(r.numerator, 4), fixed(r.denominator, 4)] : []),
    ]),
  );
  if (p.checks.sum) {
    const c = p.checks.sum;
    console.log(
      `\n合计 ${fixed(c.actual)}，${p.groupName.zh}目标 ${fixed(c.expected)}：${c.ok ? '✓ 相符' : '✗ 不符'}`,
    );
  }
  if (p.checks.ratio) {
    const c = p.checks.ratio;
    console.log(
      `\n按各镇街分母汇总的${p.groupName.zh}值 ${fixed(c.implied, decimals + 2)}，目标 ${c.comparator === '<=' ? '≤' : '≥'} ${fixed(c.target)}：${c.ok ? '✓ 达到' : '✗ 未达到'}`,
    );
  }
  if (below.size > 0)
    console.log(
      `⚠ ${below.size}个镇（街道）的分解目标低于其${p.baseYear}年实际值：${p.rows
        .filter((r) => below.has(r.region))
        .map((r) => r.name.zh)
        .join('、')}`,
    );
  console.log(p.explanation.zh);
}

export function registerTargetsCommand(program: Command): void {
  const targets = program.command('targets').description('targets: allocation of group targets to towns');
  addDatabaseOption(targets.command('allocate'))
    .description('split a group target (市级, 前湾 or the county) over its towns; --approve saves it')
    .requiredOption('--indicator <code>', 'indicator code, e.g. hightech_enterprises')
    .requiredOption('--year <year>', 'target year, e.g. 2026')
    .requiredOption('--method <method>', `one of ${ALLOCATION_METHODS.join(', ')}`)
    .option('--group <code>', "the group to split, e.g. 330282-SJ or 330282-QW (default: the plan's county)")
    .option('--base-year <year>', 'year of the actuals that weight the split (default: year − 1)')
    .option('--weight <indicator>', '--method weighted: the weighting indicator, e.g. gdp')
    .option('--manual <values>', '--method manual: town=value,… (or a JSON object)')
    .option('--approve', 'save the towns’ targets as the plan’s next version (needs --reason)')
    .option('--reason <text>', 'why (kept in the audit log)')
    .option('--json', 'print the proposal (and the new version) as JSON')
    .action(async (opts: AllocateOptions) => {
      if (!(ALLOCATION_METHODS as readonly string[]).includes(opts.method))
        throw new UserError(`--method '${opts.method}': expected one of ${ALLOCATION_METHODS.join(', ')}`);
      if (opts.approve && !opts.reason?.trim()) throw new UserError('--approve needs --reason "…"');
      const request: TargetAllocationRequest = {
        indicator: opts.indicator,
        year: yearOf('--year', opts.year),
        method: opts.method as AllocationMethod,
        group: opts.group,
        ...(opts.baseYear === undefined ? {} : { baseYear: yearOf('--base-year', opts.baseYear) }),
        ...(opts.weight === undefined ? {} : { weight: opts.weight }),
        ...(opts.manual === undefined ? {} : { manual: manualOf(opts.manual) }),
      };
      await withWorkspace(opts, async (ws) => {
        const plan = await workspacePlan(ws);
        if (opts.approve) {
          const result = await targetAllocationApprove(ws, request, {
            actor: `ding targets (${process.env.USER ?? 'cli'})`,
            reason: opts.reason!.trim(),
          });
          if (!result.ok) throw new UserError(errorText(result.error));
          const { version, proposal } = result.value;
          if (opts.json) return printJson({ version: version.version, planId: version.planId, proposal });
          printProposal(proposal, plan);
          console.log(`\n已批准：${proposal.rows.length} 个镇街目标写入计划第 ${version.version} 版`);
          return;
        }
        const result = await targetAllocationPropose(ws, request);
        if (!result.ok) throw new UserError(errorText(result.error));
        if (opts.json) return printJson(result.value.proposal);
        printProposal(result.value.proposal, plan);
        console.log('\n（草案：加 --approve --reason "…" 批准）');
      });
    });
}
