// Export of tables to CSV (UTF-8 with BOM) and XLSX; the observations table definition for `ding export`.
export {
  exportFormatOf,
  numberFormat,
  tableToCsv,
  tableToXlsx,
  tablesToXlsx,
  writeTable,
  type ExportCellValue,
  type ExportColumn,
  type ExportFormat,
  type ExportOptions,
  type ExportTable,
} from './table.ts';
export { observationExportTable } from './observations.ts';
