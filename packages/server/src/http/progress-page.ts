// The server-rendered progress page at / — shown only when the web app (packages/web/dist) is not built.
import { html, raw } from 'hono/html';
import {
  PROGRESS_TEXT_COLUMNS,
  periodIsValid,
  progressRecords,
  type Lang,
  type Plan,
  type ProgressRecord,
  type RegionCode,
} from '@ding/core';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { workspacePlan, workspaceProgress } from '../services/workspace.ts';
import type { AppEnv } from './context.ts';
import { progressDefaultPeriod } from '../services/progress.ts';

function groupRegions(plan: Plan): RegionCode[] {
  const complement = plan.regionGroups.find((g) => g.complementOf?.whole === plan.home);
  return [
    plan.home,
    ...(complement ? [complement.code, ...complement.complementOf!.minus] : []),
  ] as RegionCode[];
}

export function progressPageRoute(app: OpenAPIHono<AppEnv>): void {
  app.get('/', async (c) => {
    const ws = c.var.ws;
    const plan = await workspacePlan(ws);
    const lang: Lang = c.req.query('lang') === 'en' ? 'en' : 'zh';
    const asked = c.req.query('period');
    const period = asked && periodIsValid(asked) ? asked : await progressDefaultPeriod(ws);
    if (!period)
      return c.html(page(plan, lang, '', html`<p>没有数据。请先运行 <code>ding init</code>。</p>`));
    const rows = await workspaceProgress(ws, plan, period, { regions: groupRegions(plan) });
    const records = progressRecords(plan, rows, lang);
    const synthetic = rows.some((r) => r.value?.synthetic);
    return c.html(page(plan, lang, period, progressTable(records, lang), synthetic));
  });
}

// The reading view (ranks as 3/10, changes with their unit), as `ding progress` prints it.
const SHOWN = PROGRESS_TEXT_COLUMNS;

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
              const v = c.text(r);
              if (c.key === 'value' && v !== null) return html`<td class="num" title="${r.rules}">${v}</td>`;
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
        <p class="hint">
          ${
            lang === 'zh'
              ? html`网页应用尚未构建（<code>npm start</code> 会构建它）；接口文档见
                  <a href="/api/docs">/api/docs</a>。`
              : html`The web app is not built (<code>npm start</code> builds it); API docs at
                  <a href="/api/docs">/api/docs</a>.`
          }
        </p>
        ${body}
      </body>
    </html>`;
}

const STYLE = `
body { font-family: "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif; margin: 1.5rem; color: #1f2937; }
header { display: flex; gap: 1rem; align-items: baseline; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
.badge { background: #fef3c7; color: #92400e; border-radius: 4px; padding: 2px 8px; font-size: .8rem; }
.hint { color: #6b7280; font-size: .85rem; }
table { border-collapse: collapse; font-size: .85rem; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 8px; white-space: nowrap; }
th { background: #f3f4f6; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
`;
