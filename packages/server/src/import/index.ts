// Import of long-format observation files (CSV, XLSX): read → validate against the plan → write all or nothing.
export {
  IMPORT_FIELD_NAMES,
  importErrorReason,
  importLocationText,
  type FigureKey,
  type ImportError,
  type ImportErrorDetail,
  type ImportErrorKind,
  type ImportField,
  type ImportLocation,
  type YtdBelowPrevious,
} from './errors.ts';
export { IMPORT_HEADERS } from './headers.ts';
export { IMPORT_LIMITS } from './limits.ts';
export { readImportBytes, type RawCell, type RawRow, type RawSheet } from './read.ts';
export {
  validateImportSheets,
  type FigureRef,
  type ImportRow,
  type ImportValidation,
  type ValidateOptions,
} from './validate.ts';
export {
  importObservations,
  parseImportFile,
  type ImportFile,
  type ImportFileInfo,
  type ImportOptions,
  type ImportOutcome,
  type ParseOptions,
  type ParsedImport,
} from './import.ts';
