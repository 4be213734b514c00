// Shapes of /reports and /jobs: a report of the archive (期数, status, its files), the draft request, the
// edits, a job's progress, and the ReportDocument the browser previews (core's report/document.ts).
import { z } from '@hono/zod-openapi';

// ---- the document model (@ding/core report/document.ts) ----------------------------------------------

const NUMBER_FIELDS = [
  'value',
  'lastYear',
  'yoy',
  'target',
  'completion',
  'expected',
  'gapToExpected',
  'gapToTarget',
  'rank',
  'rankChange',
  'rankOf',
  'projection',
  'requiredGrowth',
  'count',
  'gapToCompared',
  'cumulativeDone',
  'cumulativeTarget',
  'cumulativeShare',
  'expectedShare',
  'finalTarget',
] as const;

export const NumberSourceSchema = z
  .object({
    indicator: z.string(),
    region: z.string(),
    period: z.string(),
    field: z.enum(NUMBER_FIELDS).openapi({ description: 'which field of the engine row (ProgressRow)' }),
    snapshotId: z.string().optional(),
  })
  .openapi('NumberSource', {
    description: 'the engine row a printed number came from (GET /api/trace?indicator&region&period)',
  });

const TextPartSchema = z.object({
  kind: z.literal('text'),
  text: z.string(),
  bold: z.boolean().optional(),
});

const NumberPartSchema = z
  .object({
    kind: z.literal('number'),
    text: z.string().openapi({ description: 'exactly as printed, rounded to the plan’s decimals, no unit' }),
    value: z.number().openapi({ description: 'the unrounded value of the engine row' }),
    source: NumberSourceSchema,
  })
  .openapi('NumberPart');

export const InlinePartSchema = z.discriminatedUnion('kind', [TextPartSchema, NumberPartSchema]);

const HeadingBlockSchema = z.object({
  kind: z.literal('heading'),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  number: z.string().openapi({ example: '一、' }),
  text: z.string(),
});

const ParagraphBlockSchema = z.object({
  kind: z.literal('paragraph'),
  parts: z.array(InlinePartSchema),
  editableId: z.string().optional().openapi({
    description: 'set on 存在问题 (problems.N) and 下步工作 (nextSteps): rewritable before final',
  }),
});

const TableBlockSchema = z.object({
  kind: z.literal('table'),
  caption: z.string(),
  columns: z.array(
    z.object({
      label: z.string(),
      width: z.union([z.object({ chars: z.number() }), z.object({ mm: z.number() })]),
      align: z.enum(['left', 'center', 'right']),
    }),
  ),
  headerRows: z
    .array(z.array(z.object({ text: z.string(), colSpan: z.number().int().optional() })))
    .optional(),
  rows: z.array(z.array(InlinePartSchema)),
  notes: z.array(z.string()),
  repeatHeader: z.boolean().optional(),
});

const ChartSpecSchema = z
  .object({
    kind: z.enum(['bar', 'line', 'barLine']),
    title: z.string(),
    categories: z.array(z.string()),
    series: z.array(
      z.object({
        name: z.string(),
        data: z.array(z.number().nullable()),
        unit: z.string(),
        sources: z.array(NumberSourceSchema.nullable()).optional(),
      }),
    ),
    targetLine: z.object({ name: z.string(), value: z.number() }).optional(),
    decimals: z.number().int().optional(),
  })
  .openapi('ChartSpec');

const ChartBlockSchema = z.object({
  kind: z.literal('chart'),
  chart: ChartSpecSchema,
  caption: z.string().optional(),
});

const PageBreakBlockSchema = z.object({ kind: z.literal('pageBreak') });
const NoteBlockSchema = z.object({ kind: z.literal('note'), lines: z.array(z.string()) });

export const ReportBlockSchema = z.discriminatedUnion('kind', [
  HeadingBlockSchema,
  ParagraphBlockSchema,
  TableBlockSchema,
  ChartBlockSchema,
  PageBreakBlockSchema,
  NoteBlockSchema,
]);

export const ReportDocumentSchema = z
  .object({
    meta: z.object({
      title: z.string().openapi({ example: '慈溪市科技创新统计季报' }),
      issueLabel: z.string().openapi({ example: '2025年第3期（总第12期）' }),
      headline: z.string().optional(),
      editor: z.string().openapi({ example: '慈溪市科学技术局编' }),
      date: z.string().openapi({ example: '2025-10-20' }),
      redHeader: z.boolean().optional(),
      lang: z.enum(['zh', 'en']),
      synthetic: z.boolean().openapi({ description: 'some figure is synthetic demo data' }),
      notes: z.array(z.string()),
      snapshotId: z.string().optional(),
    }),
    blocks: z.array(ReportBlockSchema),
  })
  .openapi('ReportDocument', {
    description: 'the document as it will print: headings, sentences, tables, charts, notes',
  });

// ---- the archive --------------------------------------------------------------------------------------

const FormatSchema = z.enum(['docx', 'pdf']);

export const ReportOptionsSchema = z
  .object({
    indicator: z.string().optional().openapi({ description: 'mode indicator: the indicator of the sheet' }),
    sections: z
      .array(z.string())
      .optional()
      .openapi({ description: 'mode custom: overview, indicators, towns, problems, appendix' }),
    indicators: z.array(z.string()).optional().openapi({ description: 'mode custom: indicator codes' }),
    regions: z.array(z.string()).optional().openapi({ description: 'mode custom: town codes' }),
    lang: z.enum(['zh', 'en']).optional(),
    redHeader: z.boolean().optional().openapi({ description: '红头 masthead' }),
    formats: z
      .array(FormatSchema)
      .optional()
      .openapi({ description: 'files to make; default both (a DOCX alone needs no LibreOffice)' }),
  })
  .strict()
  .openapi('ReportOptions');

export const ReportEditsSchema = z
  .object({
    problems: z.array(z.string().max(5000).nullable()).max(50).optional().openapi({
      description: '五、存在问题 paragraphs; null keeps a paragraph as drafted (its numbers traced)',
    }),
    nextSteps: z
      .array(z.string().max(5000))
      .max(50)
      .optional()
      .openapi({ description: '下步工作 paragraphs' }),
  })
  .strict()
  .openapi('ReportEdits');

export const ReportSchema = z
  .object({
    id: z.string(),
    snapshotId: z.number().int(),
    period: z.string().openapi({ example: '2025Q3' }),
    mode: z.enum(['full', 'indicator', 'custom']),
    options: ReportOptionsSchema,
    status: z.enum(['draft', 'generating', 'final', 'failed']),
    issue: z
      .object({ year: z.number().int(), number: z.number().int(), total: z.number().int() })
      .optional()
      .openapi({ description: '期数 of a final full report: 2025年第3期（总第N期）' }),
    edits: ReportEditsSchema.optional(),
    error: z.string().optional().openapi({ description: 'why the last generation failed' }),
    createdAt: z.string(),
    createdBy: z.string(),
    finalisedAt: z.string().optional(),
    files: z.array(z.object({ format: FormatSchema, sha256: z.string(), size: z.number().int() })),
  })
  .openapi('Report');

export const ReportCreateSchema = z
  .object({
    period: z.string().openapi({ example: '2025Q3' }),
    mode: z.enum(['full', 'indicator', 'custom']).default('full'),
    options: ReportOptionsSchema.optional(),
    snapshotId: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'the published snapshot; default the latest' }),
  })
  .openapi('ReportCreate');

export const ReportPreviewSchema = z
  .object({ report: ReportSchema, document: ReportDocumentSchema })
  .openapi('ReportPreview');

export const ReportListQuerySchema = z.object({
  period: z.string().optional().openapi({ example: '2025Q3' }),
  status: z.enum(['draft', 'generating', 'final', 'failed']).optional(),
});

export const ReportIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const ReportFileParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
  format: FormatSchema.openapi({ param: { name: 'format', in: 'path' } }),
});

export const JobIdParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const JobAcceptedSchema = z
  .object({ jobId: z.string(), reportId: z.string() })
  .openapi('JobAccepted', { description: 'follow it at GET /api/jobs/{jobId}' });

export const JobSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'report.generate' }),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    progress: z.number().openapi({ description: '0–100' }),
    stage: z.string().optional().openapi({ description: 'narrative, docx, pdf, archive …' }),
    error: z.string().optional(),
    result: z.unknown().optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
  })
  .openapi('Job');
