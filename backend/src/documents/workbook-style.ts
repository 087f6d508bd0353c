import ExcelJS from 'exceljs';
import { label, type CodeOf } from '../domain/labels';

/**
 * How every workbook the system writes lays out a table: a bold header row frozen in view, an
 * auto-filter over the table, money and scores held as numbers (so Excel sums and sorts them) shown in
 * their formats. Shared by the streamed evaluation report and the in-memory workbooks alike.
 */

export const NUMBER_FORMAT = {
  money: '¥#,##0.00',
  /** Unit prices are quoted to the 厘 and beyond (1.157 元/人/年); show what was quoted. */
  unitPrice: '¥#,##0.00##',
  score: '0.00',
  rate: '0%',
} as const;

/** What a column holds: text and plain numbers as given, the others as numbers in NUMBER_FORMAT. */
export type ColumnKind = 'general' | keyof typeof NUMBER_FORMAT;

export interface TableColumn {
  header: string;
  kind?: ColumnKind;
  /** Long text (reasons, several lines) wraps within the column. */
  wrap?: boolean;
}

/** A column headed by its label (labels.ts `sheetColumn`). */
export const column = (code: CodeOf<'sheetColumn'>, kind?: ColumnKind, wrap?: boolean): TableColumn => ({
  header: label('sheetColumn', code),
  ...(kind && { kind }),
  ...(wrap && { wrap }),
});

type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A worksheet whose rows down to headerRow stay in view. Set when the sheet is made because a streamed
 * sheet writes its view settings with its first row.
 */
export function addTableSheet(wb: AnyWorkbook, name: string, headerRow: number): ExcelJS.Worksheet {
  return wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow }] });
}

/**
 * Writes a table at the sheet's next row: the header in bold, then the rows, each committed as made
 * (streamed sheets hold no rows in memory), and an auto-filter over all of it unless filter is false (a
 * sheet has one filter, so a form of several tables has none).
 *
 * Every cell of a kind shares one style object: exceljs renders a style object it has not seen to XML
 * and looks it up, once per object, so a new object per cell would cost that for each of 50,000 rows.
 * General cells keep separate objects for numbers and other values, as exceljs gives a number without
 * a format the General format and other values none.
 */
export function writeTable(
  ws: ExcelJS.Worksheet,
  columns: readonly TableColumn[],
  rows: Iterable<readonly unknown[]>,
  { filter = true } = {},
): void {
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const numeric = columns.map((c) => c.kind !== undefined && c.kind !== 'general');
  const styles = columns.map((c, i): Partial<ExcelJS.Style> | null =>
    numeric[i] || c.wrap
      ? {
          ...(numeric[i] && { numFmt: NUMBER_FORMAT[c.kind as keyof typeof NUMBER_FORMAT] }),
          ...(c.wrap && { alignment: { wrapText: true, vertical: 'top' } }),
        }
      : null,
  );
  const generalNumber: Partial<ExcelJS.Style> = {};
  const generalOther: Partial<ExcelJS.Style> = {};
  let last = header.number;
  for (const values of rows) {
    const row = ws.addRow(values.map((v, i) => (numeric[i] ? asNumber(v) : v)));
    row.eachCell((cell, column) => {
      cell.style = styles[column - 1] ?? (cell.type === ExcelJS.ValueType.Number ? generalNumber : generalOther);
    });
    row.commit();
    last = row.number;
  }
  if (filter) ws.autoFilter = { from: { row: header.number, column: 1 }, to: { row: last, column: columns.length } };
}

/** A decimal as the API gives it ('1234.50') becomes a number; anything else ('—', '') stays as it is. */
function asNumber(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}
