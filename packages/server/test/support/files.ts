// Import files built in the test: CSV text and real .xlsx workbooks written with ExcelJS.
import ExcelJS from 'exceljs';

export interface TestFile {
  name: string;
  data: Uint8Array;
}

export function csvFile(lines: string[], name = 'data.csv'): TestFile {
  return { name, data: Buffer.from(lines.join('\n'), 'utf8') };
}

export type XlsxCell =
  | string
  | number
  | null
  | { value: number; numFmt: string }
  | { formula: string; result?: number }
  | { error: '#DIV/0!' };

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
  state?: 'visible' | 'hidden';
}

export async function xlsxFile(sheets: XlsxSheet[] | XlsxCell[][], name = 'data.xlsx'): Promise<TestFile> {
  const list: XlsxSheet[] = isSheetList(sheets) ? sheets : [{ name: '数据', rows: sheets }];
  const workbook = new ExcelJS.Workbook();
  for (const s of list) {
    const ws = workbook.addWorksheet(s.name, { state: s.state ?? 'visible' });
    s.rows.forEach((cells, r) => {
      cells.forEach((cell, c) => {
        const target = ws.getCell(r + 1, c + 1);
        if (cell === null) return;
        if (typeof cell === 'object' && 'numFmt' in cell) {
          target.value = cell.value;
          target.numFmt = cell.numFmt;
        } else if (typeof cell === 'object' && 'formula' in cell) {
          target.value =
            cell.result === undefined
              ? ({ formula: cell.formula } as ExcelJS.CellFormulaValue)
              : { formula: cell.formula, result: cell.result };
        } else if (typeof cell === 'object') {
          target.value = { error: cell.error };
        } else target.value = cell;
      });
    });
  }
  return { name, data: Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer) };
}

function isSheetList(x: XlsxSheet[] | XlsxCell[][]): x is XlsxSheet[] {
  return x.length > 0 && !Array.isArray(x[0]);
}
