import { describe, expect, it } from 'vitest';
import {
  documentNumbers,
  documentProblems,
  inlineText,
  numberPart,
  reportDateText,
  textPart,
  type ReportDocument,
} from './document.ts';

const src = { indicator: 'tech_trade', region: '330282', period: '2025Q3' } as const;

function buildDoc(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
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
      { kind: 'heading', level: 1, number: '一、', text: '总体情况' },
      {
        kind: 'paragraph',
        parts: [
          textPart('1—9月，全市技术交易额完成'),
          numberPart('58.36', 58.3612, { ...src, field: 'value' }),
          textPart('亿元，同比增长'),
          numberPart('12.3', 12.27, { ...src, field: 'yoy' }),
          textPart('%。'),
        ],
      },
      {
        kind: 'table',
        caption: '附表',
        columns: [
          { label: '指标', width: { chars: 10 }, align: 'left' },
          { label: '本期累计', width: { mm: 20 }, align: 'right' },
        ],
        rows: [[textPart('技术交易额'), numberPart('58.36', 58.3612, { ...src, field: 'value' })]],
        notes: [],
      },
    ],
    ...overrides,
  };
}

describe('report document model', () => {
  it('prints the sentence from its parts and lists every number with its place and source', () => {
    const doc = buildDoc();
    const para = doc.blocks[1];
    expect(para?.kind === 'paragraph' && inlineText(para.parts)).toBe(
      '1—9月，全市技术交易额完成58.36亿元，同比增长12.3%。',
    );
    expect(documentNumbers(doc).map((n) => [n.path, n.part.text, n.part.source.field])).toEqual([
      ['blocks[1].parts[1]', '58.36', 'value'],
      ['blocks[1].parts[3]', '12.3', 'yoy'],
      ['blocks[2].rows[0][1]', '58.36', 'value'],
    ]);
  });

  it('dates the 报头 in the document language', () => {
    expect(reportDateText('2025-10-20', 'zh')).toBe('2025年10月20日');
    expect(reportDateText('2025-10-20', 'en')).toBe('20 October 2025');
    expect(() => reportDateText('20/10/2025', 'zh')).toThrow(/20\/10\/2025.*YYYY-MM-DD/);
  });

  it('a well-formed document has no problems', () => {
    expect(documentProblems(buildDoc())).toEqual([]);
  });

  it('names the block, row and series of every structural problem', () => {
    const doc = buildDoc({
      blocks: [
        {
          kind: 'table',
          caption: 'x',
          columns: [
            { label: 'a', width: { chars: 4 }, align: 'left' },
            { label: 'b', width: { mm: 0 }, align: 'right' },
          ],
          headerRows: [[{ text: '合计', colSpan: 3 }]],
          rows: [[textPart('only one')]],
          notes: [],
        },
        {
          kind: 'chart',
          chart: {
            kind: 'bar',
            title: 't',
            categories: ['A', 'B'],
            series: [{ name: 's', data: [1], unit: '%' }],
          },
        },
      ],
    });
    expect(documentProblems(doc)).toEqual([
      "blocks[0] (table).columns[1] 'b': width must be > 0",
      'blocks[0] (table).headerRows[0]: spans 3 columns, table has 2',
      'blocks[0] (table).rows[0]: 1 cells, table has 2 columns',
      "blocks[1] (chart).series[0] 's': 1 values for 2 categories",
    ]);
  });
});
