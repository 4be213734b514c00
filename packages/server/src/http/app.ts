// The HTTP app (Hono): a JSON API over the engine and a server-rendered progress page.
// The React web app (packages/web) will replace the page; the API stays.
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import {
  PROGRESS_COLUMNS,
  periodIsValid,
  progressRecords,
  type Lang,
  type Period,
  type Plan,
  type ProgressRecord,
  type RegionCode,
} from '@ding/core';
import { workspacePlan, workspaceProgress, type Workspace } from '../services/workspace.ts';

/** The latest quarter that has any observation: the default period of the pages. */
async function latestPeriod(ws: Workspace): Promise<Period | undefined> {
  const rows = await ws.repos.observations.current({ periodKind: 'quarter' });
  let latest: Period | undefined;
  for (const r of rows) if (!latest || r.period > latest) latest = r.period;
  return latest;
}

function groupRegions(plan: Plan): RegionCode[] {
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === plan.home);
  return [
    plan.home,
    ...(complement ? [complement.code, ...complement.complementOf!.minus] : []),
  ] as RegionCode[];
}

export function createApp(ws: Workspace): Hono {
  const app = new Hono();

  app.onError((err, c) => c.json({ error: { code: 'internal', message: err.message } }, 500));

  app.get('/api/plan', async (c) => c.json(await workspacePlan(ws)));

  app.get('/api/progress', async (c) => {
    const period = c.req.query('period');
    if (!period || !periodIsValid(period)) {
      return c.json(
        { error: { code: 'bad_period', message: '期别格式应为 YYYY 或 YYYYQn（如 2025Q3）' } },
        400,
      );
    }
    const plan = await workspacePlan(ws);
    const regions = c.req.queries('region') as RegionCode[] | undefined;
    return c.json(await workspaceProgress(ws, plan, period, regions ? { regions } : {}));
  });

  app.get('/api/observations', async (c) => {
    const indicator = c.req.query('indicator');
    const region = c.req.query('region');
    const period = c.req.query('period');
    if (!indicator || !region || !period) {
      return c.json(
        { error: { code: 'missing_query', message: '需要 indicator、region、period 参数' } },
        400,
      );
    }
    return c.json(await ws.repos.observations.history({ indicator, region, period }));
  });

  app.get('/', async (c) => {
    const plan = await workspacePlan(ws);
    const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'zh';
    const asked = c.req.query('period');
    const period = asked && periodIsValid(asked) ? asked : await latestPeriod(ws);
    if (!period)
      return c.html(page(plan, lang, '', html`<p>没有数据。请先运行 <code>ding init</code>。</p>`));
    const rows = await workspaceProgress(ws, plan, period, { regions: groupRegions(plan) });
    const records = progressRecords(plan, rows, lang);
    const synthetic = rows.some((r) => r.value?.synthetic);
    return c.html(page(plan, lang, period, progressTable(records, lang), synthetic));
  });

  return app;
}

const SHOWN = PROGRESS_COLUMNS.filter((c) => c.key !== 'rules' && c.key !== 'period');

function progressTable(records: ProgressRecord[], lang: Lang) {
  return html`<table>
    <thead>
      <tr>
        ${SHOWN.map((c) => html`<th>${c.label[lang]}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${records.map(
        (r) =>
          html`<tr>
            ${SHOWN.map((c) => {
              const v = r[c.key];
              if (c.key === 'value' && v !== null) {
                const q = new URLSearchParams({ indicator: r.indicator, region: r.region, period: r.period });
                return html`<td class="num">
                  <a href="/api/observations?${q.toString()}" title="${r.rules}">${v}</a>
                </td>`;
              }
              return html`<td class="${c.numeric ? 'num' : ''}">${v ?? ''}</td>`;
            })}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function page(plan: Plan, lang: Lang, period: string, body: unknown, synthetic = false) {
  return html`<!doctype html>
    <html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <title>科创鼎 · ${plan.name[lang]}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>
          <h1>科创鼎 · ${plan.name[lang]}</h1>
          <span>${period}</span>
          ${synthetic ? html`<span class="badge">含合成演示数据 · synthetic demo data</span>` : ''}
        </header>
        ${body}
      </body>
    </html>`;
}

const STYLE = `
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 1.5rem; color: #1f2937; }
header { display: flex; gap: 1rem; align-items: baseline; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
.badge { background: #fef3c7; color: #92400e; border-radius: 4px; padding: 2px 8px; font-size: .8rem; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 8px; white-space: nowrap; }
th { background: #f3f4f6; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;
