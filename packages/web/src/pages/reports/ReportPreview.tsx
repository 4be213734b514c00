// The report as it will print, drawn in the browser: 报头, headings, sentences (every number with a tooltip
// naming its indicator · region · period · field), tables, charts as bar lists, notes. Editable paragraphs
// (存在问题, 下步工作) become text areas when `texts` and `onText` are given.
import type { ReactNode } from 'react';
import { Input, Tooltip } from 'antd';
import { CHART_THEMES, reportDateText } from '@ding/core';
import type { ChartSpec, InlinePart, NumberSource, ReportBlock, ReportDocument } from '../../api/types.ts';
import { useI18n } from '../../i18n/language.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { chartBars, reportEditableContinues } from '../../lib/report-view.ts';
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

/** The series' colours and the target line's, as the printed charts draw them (core's chart theme). */
const SERIES_COLORS = CHART_THEMES.print.palette;
const TARGET_COLOR = CHART_THEMES.print.target;

function ChartBarList({ spec, caption }: { spec: ChartSpec; caption?: string }) {
  const { series, rows, target } = chartBars(spec);
  const decimals = spec.decimals ?? 1;
  return (
    <figure className="report-chart">
      {spec.title && <div className="report-chart-title">{spec.title}</div>}
      <div className="report-chart-legend">
        {series.map((s, k) => (
          <span key={k} className="report-chart-key">
            <span
              className="report-bar-key"
              style={{ background: SERIES_COLORS[k % SERIES_COLORS.length] }}
            />
            {s.name}
            {s.unit ? `（${s.unit}）` : ''}
          </span>
        ))}
        {target && (
          <span className="report-chart-key">
            <span className="report-bar-target-key" style={{ borderTopColor: TARGET_COLOR }} /> {target.name}
            ：{spec.targetLine!.value.toFixed(decimals)}
          </span>
        )}
      </div>
      {rows.map((r) => (
        <div className="report-bar-group" key={r.category}>
          {r.bars.map((b, k) => (
            <div className="report-bar-row" key={k}>
              <span className="report-bar-label">{k === 0 ? r.category : ''}</span>
              <span className="report-bar-track">
                <span
                  className="report-bar"
                  style={{
                    width: `${b.width}%`,
                    background:
                      b.value !== null && b.value < 0 ? '#c0392b' : SERIES_COLORS[k % SERIES_COLORS.length],
                  }}
                />
                {target && k === 0 && (
                  <span
                    className="report-bar-target"
                    style={{ left: `${target.at}%`, borderLeftColor: TARGET_COLOR }}
                  />
                )}
              </span>
              <span className="report-bar-value">{b.value === null ? '—' : b.value.toFixed(decimals)}</span>
            </div>
          ))}
        </div>
      ))}
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
        // an edit of several lines is a paragraph per line, edited in the first one's text area
        return reportEditableContinues(props.document.blocks, index) ? null : (
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
      return <ChartBarList spec={block.chart} caption={block.caption} />;
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
