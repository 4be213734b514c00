// The 评比结果通报 of the 科技创新杯 (issue 10 §7): the year's results as a document of the report pipeline
// (ReportDocument → DOCX/PDF), so it prints with the 季报's typography. Its figures are the cup results'
// points as the results table and the web page print them (2 decimals, roundHalfAway in score.ts); their
// formulas and inputs are in the results (GET /api/cup/results), not repeated here.
import { roundHalfAway } from '../engine/rounding.ts';
import type { Plan } from '../plan/schema.ts';
import { progressTabulator, type Lang } from '../report/progress-table.ts';
import {
  textPart,
  type ReportBlock,
  type ReportDocument,
  type ReportTableColumn,
} from '../report/document.ts';
import type { CupScheme } from './scheme.ts';
import { cupRankChangeText, type CupResults, type CupTownResult } from './score.ts';

export interface CupNoticeOptions {
  lang: Lang;
  /** Date of issue, YYYY-MM-DD (China's day). */
  date: string;
}

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Points as the results table prints them: half away from zero, 2 decimals. */
const points = (x: number) => roundHalfAway(x, 2).toFixed(2);

/** '（一）' … for zh, '(1)' for en: the level-2 numbering of GB/T 9704-2012 §7.3.3. */
const subNumber = (i: number, lang: Lang) => (lang === 'zh' ? `（${ORDINALS[i] ?? i + 1}）` : `(${i + 1})`);
const mainNumber = (i: number, lang: Lang) => (lang === 'zh' ? `${ORDINALS[i] ?? i + 1}、` : `${i + 1}. `);

/** The group's ranking table: 组内排名, town, total, dimension subtotals, 加分, 扣分, 位次变化. */
function groupTable(
  scheme: CupScheme,
  towns: readonly CupTownResult[],
  caption: string,
  lang: Lang,
): ReportBlock {
  const zh = lang === 'zh';
  const columns: ReportTableColumn[] = [
    { label: zh ? '名次' : 'Rank', width: { chars: 3 }, align: 'center' },
    { label: zh ? '镇（街道）' : 'Town', width: { chars: 6 }, align: 'left' },
    { label: zh ? '总分' : 'Total', width: { chars: 4 }, align: 'right' },
    ...scheme.dimensions.map((d) => ({
      label: zh ? `${d.name.zh}（${d.points}）` : `${d.name.en} (${d.points})`,
      width: { chars: 5 },
      align: 'right' as const,
    })),
    { label: zh ? '加分' : 'Bonus', width: { chars: 3 }, align: 'right' },
    { label: zh ? '扣分' : 'Deduction', width: { chars: 3 }, align: 'right' },
    { label: zh ? '位次变化' : 'Change', width: { chars: 5 }, align: 'center' },
  ];
  return {
    kind: 'table',
    caption,
    columns,
    rows: towns.map((t) => [
      textPart(String(t.rankInGroup)),
      textPart(t.name[lang]),
      textPart(points(t.total)),
      ...scheme.dimensions.map((d) =>
        textPart(points(t.dimensions.find((x) => x.code === d.code)?.points ?? 0)),
      ),
      textPart(points(t.bonus)),
      // 扣分 is the points taken off, printed as a magnitude (as in the XLSX and `ding cup`)
      textPart(points(Math.abs(t.deduction))),
      textPart(cupRankChangeText(t.rankChange, lang).text),
    ]),
    notes: [],
  };
}

/**
 * The 通报 of `results`: the lead paragraph (scheme, how many towns), 一、评比结果 with one ranking table per
 * group in the scheme's order, 二、获奖名单 (N强 and 先进单位 as the results award them), 三、有关要求; 注 for a
 * scheme that is still a proposal and for synthetic figures.
 */
export function cupNoticeDocument(
  plan: Plan,
  scheme: CupScheme,
  results: CupResults,
  options: CupNoticeOptions,
): ReportDocument {
  const { lang } = options;
  const zh = lang === 'zh';
  const tabulator = progressTabulator(plan)[lang];
  const year = results.year;
  const blocks: ReportBlock[] = [];
  const paragraph = (text: string): ReportBlock => ({ kind: 'paragraph', parts: [textPart(text)] });

  blocks.push(
    paragraph(
      zh
        ? `根据《${scheme.name.zh}》，对全市${results.towns.length}个镇（街道）${year}年度科技创新工作进行了综合评比。现将评比结果通报如下：`
        : `Under "${scheme.name.en}", the ${results.towns.length} towns' S&T innovation work in ${year} was evaluated. The results are as follows.`,
    ),
  );

  let section = 0;
  blocks.push({
    kind: 'heading',
    level: 1,
    number: mainNumber(section++, lang),
    text: zh ? '评比结果' : 'Results',
  });
  scheme.groups.forEach((g, i) => {
    const towns = results.towns
      .filter((t) => t.group === g.code)
      .sort((a, b) => a.rankInGroup - b.rankInGroup || a.region.localeCompare(b.region));
    if (towns.length === 0) return;
    blocks.push({ kind: 'heading', level: 2, number: subNumber(i, lang), text: g.name[lang] });
    blocks.push(
      groupTable(
        scheme,
        towns,
        zh ? `表${i + 1} ${year}年度${g.name.zh}评比得分` : `Table ${i + 1} ${g.name.en}, ${year}`,
        lang,
      ),
    );
  });

  blocks.push({
    kind: 'heading',
    level: 1,
    number: mainNumber(section++, lang),
    text: zh ? '获奖名单' : 'Awards',
  });
  const nameOf = (code: string) => results.towns.find((t) => t.region === code)?.name[lang] ?? code;
  const awarded = results.awards.filter((a) => a.regions.length > 0);
  if (awarded.length === 0)
    blocks.push(paragraph(zh ? '本年度无镇（街道）达到获奖条件。' : 'No town qualified for an award.'));
  for (const a of awarded)
    blocks.push(
      paragraph(
        zh
          ? `${a.name.zh}：${a.regions.map(nameOf).join('、')}。`
          : `${a.name.en}: ${a.regions.map(nameOf).join(', ')}.`,
      ),
    );

  blocks.push({
    kind: 'heading',
    level: 1,
    number: mainNumber(section++, lang),
    text: zh ? '有关要求' : 'Next steps',
  });
  blocks.push(
    paragraph(
      zh
        ? '希望获奖的镇（街道）再接再厉，继续发挥示范带头作用；其他镇（街道）要对照评比指标查找差距，补齐短板，推动科技创新工作再上新台阶。'
        : 'The towns awarded are asked to keep leading by example; the others to compare themselves against the indicators, close their gaps and raise their S&T innovation work.',
    ),
  );

  const notes = [
    ...(scheme.status === 'proposal'
      ? [
          zh
            ? '评分方案为建议稿，尚待市科技局确定。'
            : 'The scheme is a proposal, not yet adopted by the bureau.',
        ]
      : []),
    zh
      ? '得分保留两位小数；各项得分的计算公式和所用数据见科创鼎系统“科技创新杯”页面。'
      : "Points to two decimals; each item's formula and inputs are on the Cup page of Ding.",
    ...(results.synthetic
      ? [
          zh
            ? '含合成演示数据：演示用模拟数据，不得作为统计数据引用。'
            : 'Contains synthetic demo data: simulated figures that must not be quoted as statistics.',
        ]
      : []),
  ];

  return {
    meta: {
      title: zh ? '科技创新杯评比结果通报' : 'S&T Innovation Cup: results',
      issueLabel: zh ? `${year}年度` : String(year),
      headline: zh
        ? `${year}年度“科技创新杯”评比结果通报`
        : `The ${year} S&T Innovation Cup: results of the towns`,
      editor: tabulator,
      date: options.date,
      lang,
      synthetic: results.synthetic,
      notes,
    },
    blocks,
  };
}
