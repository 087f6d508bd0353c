import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS, LEDGER_GROUPINGS } from '../domain/contracts/ledger';
import { label } from '../domain/labels';
import type { YearLedger } from '../domain/wire/ledger';

/** Money as Excel shows it: a real number, in yuan with two decimals. */
const YUAN = '¥#,##0.00';

/** The heading of what each grouping sheet sums by. */
const GROUP_HEADER = { byInsurer: '承办机构', byLot: '标包', byBuyer: '采购人' } as const;

/**
 * A contract year's ledger as a workbook: one sheet of contracts and one per grouping (insurer, lot,
 * buyer), amounts as real numbers in ¥#,##0.00, the header row frozen and filterable.
 */
export async function ledgerWorkbook(ledger: YearLedger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '医保经办服务采购与履约考核系统';
  const amountHeaders = LEDGER_COLUMNS.map((c) => label('ledgerColumn', c));
  const sheet = (name: string, keys: { header: string; width: number }[], rows: (string | number)[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = [...keys, ...amountHeaders.map((header) => ({ header, width: 18 }))];
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    LEDGER_COLUMNS.forEach((_, i) => (ws.getColumn(keys.length + i + 1).numFmt = YUAN));
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: keys.length + LEDGER_COLUMNS.length } };
  };
  const amounts = (a: Record<(typeof LEDGER_COLUMNS)[number], string>) => LEDGER_COLUMNS.map((c) => Number(a[c]));
  sheet(
    `${ledger.year}年度合同台账`,
    [
      { header: '项目编号', width: 16 },
      { header: '标包', width: 8 },
      { header: '承办机构', width: 36 },
      { header: '采购人', width: 30 },
    ],
    [
      ...ledger.contracts.map((c) => [c.tenderCode, c.lotNo, c.insurer, c.buyer, ...amounts(c.totals)]),
      ['合计', '', '', '', ...amounts(ledger.total)],
    ],
  );
  for (const grouping of LEDGER_GROUPINGS) {
    sheet(
      label('ledgerGrouping', grouping),
      [
        { header: GROUP_HEADER[grouping], width: 36 },
        { header: '合同数', width: 10 },
      ],
      ledger[grouping].map((g) => [g.key, g.contracts, ...amounts(g)]),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
