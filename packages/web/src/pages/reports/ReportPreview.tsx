// The report as it will print, drawn in the browser: 报头, headings, sentences (every number with a tooltip
// naming its indicator · region · period · field), tables, charts as bar lists, notes. Editable paragraphs
// (存在问题, 下步工作) become text areas when `texts` and `onText` are given.
import type { ReactNode } from 'react';
import { Input, Tooltip } from 'antd';
import { reportDateText } from '@ding/core';
import type { ChartSpec, InlinePart, NumberSource, ReportBlock, ReportDocument } from '../../api/types.ts';
import { useI18n } from '../../i18n/language.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { chartBars } from '../../lib/report-view.ts';
import { periodLabel } from '../../lib/periods.ts';
import { usePlan } from '../../plan/plan-context.tsx';
import './report-preview.css';

export interface ReportPreviewProps {
  document: ReportDocument;
  /** Current texts of the editable paragraphs by editableId; with onText, they are text areas. */
  texts?: Record<string, string>;
  onText?: (id: string, text: string) => void;
}

function useSourceTitle(): (s: NumberSource) => string {
  const { t, lang } = useI18n();
  const { labels } = usePlan();
  return (s) =>
    t('reports.sourceTitle', {
      // a count over the core indicators (overview: 6项核心指标中…) names no single indicator
      indicator: s.indicator === '*core' ? t('reports.coreIndicators') : labels.indicatorName(s.indicator),
      region: labels.regionName(s.region),
      period: periodLabel(s.period, lang),
      field: t(`reports.field.${s.field}` as MessageKey),
    });
}

function Inline({ parts, title }: { parts: readonly InlinePart[]; title: (s: NumberSource) => string }) {
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'number' ? (
          <Tooltip key={i} title={title(p.source)}>
            <span className="report-number" data-testid="report-number">
              {p.text}
            </span>
          </Tooltip>
        ) : p.bold ? (
          <strong key={i}>{p.text}</strong>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

function ChartBars({ spec, caption }: { spec: ChartSpec; caption?: string }) {
  const { bars, target } = chartBars(spec);
  const series = spec.series[0];
  const decimals = spec.decimals ?? 1;
  return (
    <figure className="report-chart">
      <div className="report-chart-title">
        {spec.title}
        {series ? `（${series.name}${series.unit ? `，${series.unit}` : ''}）` : ''}
      </div>
      {bars.map((b) => (
        <div className="report-bar-row" key={b.category}>
          <span className="report-bar-label">{b.category}</span>
          <span className="report-bar-track">
            <span
              className={`report-bar${b.value !== null && b.value < 0 ? ' report-bar-negative' : ''}`}
              style={{ width: `${b.width}%` }}
            />
            {target && <span className="report-bar-target" style={{ left: `${target.at}%` }} />}
          </span>
          <span className="report-bar-value">{b.value === null ? '—' : b.value.toFixed(decimals)}</span>
        </div>
      ))}
      {target && (
        <div className="report-chart-legend">
          <span className="report-bar-target-key" /> {target.name}：{spec.targetLine!.value.toFixed(decimals)}
        </div>
      )}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

function Block({
  block,
  index,
  props,
  title,
}: {
  block: ReportBlock;
  index: number;
  props: ReportPreviewProps;
  title: (s: NumberSource) => string;
}): ReactNode {
  const notes = props.document.meta.lang === 'zh' ? '注：' : 'Note: ';
  switch (block.kind) {
    case 'heading':
      return (
        <div className={`report-h${block.level}`}>
          {block.number}
          {block.text}
        </div>
      );
    case 'paragraph': {
      const id = block.editableId;
      if (id && props.texts && props.onText)
        return (
          <div className="report-editable">
            <Input.TextArea
              value={props.texts[id] ?? ''}
              onChange={(e) => props.onText!(id, e.target.value)}
              autoSize={{ minRows: 2 }}
              data-testid={`report-edit-${id}`}
            />
          </div>
        );
      return (
        <p
          className={`report-p${id ? ' report-p-editable' : ''}`}
          data-testid={id ? `report-p-${id}` : undefined}
        >
          <Inline parts={block.parts} title={title} />
        </p>
      );
    }
    case 'table': {
      const header: { text: string; colSpan?: number }[][] = block.headerRows ?? [
        block.columns.map((c) => ({ text: c.label })),
      ];
      return (
        <div className="report-table-wrap">
          <div className="report-caption">{block.caption}</div>
          <table className="report-table" data-testid={`report-table-${index}`}>
            <thead>
              {header.map((row, r) => (
                <tr key={r}>
                  {row.map((c, j) => (
                    <th key={j} colSpan={c.colSpan}>
                      {c.text}
                    </th>
                  ))}
                </tr>
              ))}
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((c, j) => (
                    <td key={j} style={{ textAlign: block.columns[j]?.align ?? 'left' }}>
                      <Inline parts={[c]} title={title} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {block.notes.length > 0 && (
            <div className="report-note">
              {notes}
              {block.notes.join(' ')}
            </div>
          )}
        </div>
      );
    }
    case 'chart':
      return <ChartBars spec={block.chart} caption={block.caption} />;
    case 'pageBreak':
      return <hr className="report-page-break" />;
    case 'note':
      return (
        <div className="report-note">
          {notes}
          {block.lines.join(' ')}
        </div>
      );
  }
}

export function ReportPreview(props: ReportPreviewProps) {
  const { document: doc } = props;
  const title = useSourceTitle();
  const { meta } = doc;
  return (
    <div className={`report-paper${meta.redHeader ? ' report-red' : ''}`} data-testid="report-preview">
      <div className="report-masthead">
        <div className="report-title">{meta.title}</div>
        <div className="report-issue">{meta.issueLabel}</div>
        <div className="report-editor-line">
          <span>{meta.editor}</span>
          <span>{reportDateText(meta.date, meta.lang)}</span>
        </div>
        <div className="report-rule" />
      </div>
      {meta.headline && <div className="report-headline">{meta.headline}</div>}
      {doc.blocks.map((b, i) => (
        <Block key={i} block={b} index={i} props={props} title={title} />
      ))}
      {meta.notes.length > 0 && (
        <div className="report-end-notes">
          {meta.notes.map((n, i) => (
            <div key={i}>
              {i === 0 ? (meta.lang === 'zh' ? '注：' : 'Notes: ') : ''}
              {n}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
