// Export of tables to CSV (UTF-8 with BOM) and XLSX; the observations (`ding export`) and progress tables.
export {
  exportFormatOf,
  numberFormat,
  tableToCsv,
  tableToXlsx,
  tablesToXlsx,
  writeTable,
  type ExportCaption,
  type ExportCellValue,
  type ExportColumn,
  type ExportFormat,
  type ExportOptions,
  type ExportTable,
} from './table.ts';
export {
  indexScoreRows,
  indexScoresJson,
  indexScoresTable,
  indexNameIn,
  type IndexScoreRow,
} from './index-scores.ts';
export { observationExportTable } from './observations.ts';
export { progressExportTable, todayInChina, type ProgressExportOptions } from './progress.ts';
