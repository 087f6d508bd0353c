import type ExcelJS from 'exceljs';

/**
 * A sheet's table layout as read back from a produced file: the frozen rows, the auto-filter range
 * ('A2:L5', or undefined), and the type and number format of the cells asked for.
 */
export function tableLayout(ws: ExcelJS.Worksheet, cells: string[] = []) {
  return {
    frozen: ws.views.filter((v) => v.state === 'frozen').map((v) => (v as ExcelJS.WorksheetViewFrozen).ySplit),
    autoFilter: ws.autoFilter,
    cells: Object.fromEntries(
      cells.map((ref) => [ref, { number: typeof ws.getCell(ref).value === 'number', numFmt: ws.getCell(ref).numFmt }]),
    ),
  };
}

export const money = { number: true, numFmt: '¥#,##0.00' };
export const score = { number: true, numFmt: '0.00' };
