import { describe, expect, it } from 'vitest';
import type { ChartSpec, ReportDocument } from '../api/types.ts';
import {
  chartBars,
  reportEditableContinues,
  reportEditableTexts,
  reportEditsFrom,
  reportIssueText,
} from './report-view.ts';

const doc: ReportDocument = {
  meta: {
    title: '慈溪市科技创新统计季报',
    issueLabel: '2025年第3期（总第12期）',
    editor: '慈溪市科学技术局编',
    date: '2025-10-20',
    lang: 'zh',
    synthetic: true,
    notes: [],
  },
  blocks: [
    { kind: 'heading', level: 1, number: '五、', text: '存在问题' },
    {
      kind: 'paragraph',
      editableId: 'problems.1',
      parts: [
        { kind: 'text', text: '一是技术交易额完成' },
        {
          kind: 'number',
          text: '58.36',
          value: 58.3612,
          source: { indicator: 'tech_transaction_value', region: '330282', period: '2025Q3', field: 'value' },
        },
        { kind: 'text', text: '亿元。' },
      ],
    },
    { kind: 'paragraph', editableId: 'problems.2', parts: [{ kind: 'text', text: '二是B。' }] },
    { kind: 'paragraph', editableId: 'problems.3', parts: [{ kind: 'text', text: '三是C。' }] },
    { kind: 'paragraph', editableId: 'nextSteps', parts: [{ kind: 'text', text: '下步D。' }] },
    { kind: 'paragraph', parts: [{ kind: 'text', text: '不可编辑。' }] },
  ],
};

describe('report page helpers', () => {
  it('labels the 期数 as the 报头 prints it', () => {
    // core's reportIssueLabel, the one wording of the 报头, this list and the CLI (was 'No. 3, 2025 (total 12)'
    // here against the 报头's '2025 No. 3 (No. 12 overall)')
    expect(reportIssueText({ year: 2025, number: 3, total: 12 }, 'zh')).toBe('2025年第3期（总第12期）');
    expect(reportIssueText({ year: 2025, number: 3, total: 12 }, 'en')).toBe('2025 No. 3 (No. 12 overall)');
  });

  it('an edit printed as a paragraph per line reads back as one text with its line breaks', () => {
    const lines: ReportDocument = {
      ...doc,
      blocks: [
        { kind: 'paragraph', editableId: 'nextSteps', parts: [{ kind: 'text', text: '一是加快。' }] },
        { kind: 'paragraph', editableId: 'nextSteps', parts: [{ kind: 'text', text: '二是强化。' }] },
      ],
    };
    expect(reportEditableTexts(lines)).toEqual({ nextSteps: '一是加快。\n二是强化。' });
    // one text area for the two paragraphs: the second continues the first
    expect([0, 1].map((i) => reportEditableContinues(lines.blocks, i))).toEqual([false, true]);
    expect(reportEditableContinues(doc.blocks, 2)).toBe(false); // problems.2 after problems.1
  });

  it('reads the editable paragraphs with their numbers as printed, and only those', () => {
    expect(reportEditableTexts(doc)).toEqual({
      'problems.1': '一是技术交易额完成58.36亿元。',
      'problems.2': '二是B。',
      'problems.3': '三是C。',
      nextSteps: '下步D。',
    });
  });

  it('sends 存在问题 up to the last paragraph changed; the others keep their drafted, traced text', () => {
    const drafted = reportEditableTexts(doc);
    // problems.2 changed: problems.1 is sent as null (kept as drafted, its 58.36 still traced); problems.3 left out
    expect(reportEditsFrom(drafted, { ...drafted, 'problems.2': '二是新。' }, undefined)).toEqual({
      problems: [null, '二是新。'],
    });
    expect(reportEditsFrom(drafted, { ...drafted, nextSteps: '下步新。' }, undefined)).toEqual({
      nextSteps: ['下步新。'],
    });
    expect(reportEditsFrom(drafted, drafted, undefined)).toBeUndefined();
  });

  it('keeps what was edited before: an earlier edit of problems.3 is not dropped by a new edit of problems.1', () => {
    const drafted = reportEditableTexts(doc); // the preview already shows the earlier edit of problems.3
    const previous = {
      problems: ['一是技术交易额完成58.36亿元。', '二是B。', '三是C。'],
      nextSteps: ['下步D。'],
    };
    expect(reportEditsFrom(drafted, { ...drafted, 'problems.1': '一是新。' }, previous)).toEqual({
      problems: ['一是新。', '二是B。', '三是C。'],
      nextSteps: ['下步D。'],
    });
  });

  it('scales bars to the largest magnitude among the values and the target line', () => {
    const spec: ChartSpec = {
      kind: 'bar',
      title: 'R&D',
      categories: ['浒山', '宗汉', '坎墩'],
      series: [{ name: '占比', unit: '%', data: [2, null, -1] }],
      targetLine: { name: '目标', value: 4 },
    };
    // max(|2|, |−1|, 4) = 4: 2 → 50 %, −1 → 25 %, the target at 100 %
    expect(chartBars(spec)).toEqual({
      series: [{ name: '占比', unit: '%' }],
      rows: [
        { category: '浒山', bars: [{ value: 2, width: 50 }] },
        { category: '宗汉', bars: [{ value: null, width: 0 }] },
        { category: '坎墩', bars: [{ value: -1, width: 25 }] },
      ],
      target: { name: '目标', at: 100 },
    });
  });

  it('puts a series of another unit on its own scale, as a second axis', () => {
    const spec: ChartSpec = {
      kind: 'barLine',
      title: '技术交易额',
      categories: ['2024', '2025'],
      series: [
        { name: '完成值', unit: '亿元', data: [40, 80] },
        { name: '完成率', unit: '%', data: [50, 100] },
        { name: '目标', unit: '亿元', data: [100, 100] },
      ],
    };
    // 亿元 scale: max(40, 80, 100) = 100; % scale: 100
    expect(chartBars(spec).rows.map((r) => r.bars.map((b) => b.width))).toEqual([
      [40, 50, 100],
      [80, 100, 100],
    ]);
  });
});
