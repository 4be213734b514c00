// The report's rendering half: document model (from @ding/core) → DOCX (docx.ts) → PDF (pdf.ts), with charts
// (charts.ts) and the GB/T 9704 typography (gongwen.ts).
export { reportDocx, tableColumnWidths, type DocxOptions } from './docx.ts';
export { docxToPdf, docxToPdfFile, PdfConversionError, type PdfOptions } from './pdf.ts';
export { chartRender, chartSvg, svgToPng, chartCacheClear, type RenderedChart } from './charts.ts';
export { reportSampleDocument } from './sample-document.ts';
