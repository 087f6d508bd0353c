import ExcelJS from 'exceljs';
import { LEDGER_COLUMNS, LEDGER_GROUPINGS } from '../domain/contracts/ledger';
import { label } from '../domain/labels';
import type { YearLedger } from '../domain/wire/ledger';
import { addTableSheet, column, writeTable, type TableColumn } from '../documents/workbook-style';

/** The heading of what each grouping sheet sums by. */
const GROUP_HEADER = { byInsurer: 'contractor', byLot: 'lot', byBuyer: 'buyer' } as const;

/**
 * A contract year's ledger as a workbook: one sheet of contracts and one per grouping (insurer, lot,
 * buyer), amounts as real numbers in ¥#,##0.00, the header row frozen and filterable (workbook-style).
 */
export async function ledgerWorkbook(ledger: YearLedger): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '医保经办服务采购与履约考核系统';
  const amountColumns = LEDGER_COLUMNS.map((c): TableColumn => ({ header: label('ledgerColumn', c), kind: 'money' }));
  const sheet = (name: string, keys: { column: TableColumn; width: number }[], rows: (string | number)[][]) => {
    const ws = addTableSheet(wb, name, 1);
    ws.columns = [...keys.map((k) => ({ width: k.width })), ...amountColumns.map(() => ({ width: 18 }))];
    writeTable(ws, [...keys.map((k) => k.column), ...amountColumns], rows);
  };
  const amounts = (a: Record<(typeof LEDGER_COLUMNS)[number], string>) => LEDGER_COLUMNS.map((c) => a[c]);
  sheet(
    `${ledger.year}年度合同台账`,
    [
      { column: column('tenderCode'), width: 16 },
      { column: column('lot'), width: 8 },
      { column: column('contractor'), width: 36 },
      { column: column('buyer'), width: 30 },
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
        { column: column(GROUP_HEADER[grouping]), width: 36 },
        { column: column('contracts'), width: 10 },
      ],
      ledger[grouping].map((g) => [g.key, g.contracts, ...amounts(g)]),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
