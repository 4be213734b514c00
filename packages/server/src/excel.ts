// ExcelJS, required on first use: loading it takes ~0.4 s, and only reading or writing an XLSX needs it —
// every `ding` command and the server's start would otherwise pay for it (issue 17 §5, startup).
import { createRequire } from 'node:module';
import type ExcelJSModule from 'exceljs';

const requireLazy = createRequire(import.meta.url);
let loaded: typeof ExcelJSModule | undefined;

export const excel = (): typeof ExcelJSModule => (loaded ??= requireLazy('exceljs') as typeof ExcelJSModule);
