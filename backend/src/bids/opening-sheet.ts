import ExcelJS from 'exceljs';
import type { DossierBidder, DossierLot, DossierTender } from '../domain/dossier/dossier.types';
import { formatCapitals } from '../domain/bids/capitals';
import type { BidReview } from '../domain/bids/validity';
import { label } from '../domain/labels';
import { addTableSheet, column, writeTable, type TableColumn } from '../documents/workbook-style';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface OpeningSheetRow {
  bidder: DossierBidder;
  review: BidReview;
}

/**
 * The opening sheet (开标一览表) of one lot as an Excel workbook: one row per bid with the figures that
 * bind after price correction, the total in figures and in capitals, SME status, validity, and why —
 * every invalidity reason and every correction made, so the sheet explains each figure that differs
 * from what the bidder wrote.
 */
export async function openingSheetWorkbook(tender: DossierTender, lot: DossierLot, rows: OpeningSheetRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addTableSheet(workbook, '开标一览表', 3);
  const components = lot.fixedComponents.map((c) => c.name);
  const columns: TableColumn[] = [
    column('bidder'),
    column('unitPrice', 'unitPrice'),
    column('serviceTotal', 'money'),
    ...components.map((header) => ({ header, kind: 'money' as const })),
    column('total', 'money'),
    column('totalCapitals'),
    column('sme'),
    column('validity'),
    column('reasons', undefined, true),
  ];

  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = `${tender.name} 第${lot.no}包（${lot.name}）开标一览表`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(2, 1).value = `项目编号：${tender.code}`;
  writeTable(
    sheet,
    columns,
    rows.map(({ bidder, review }) => {
      const { corrected } = review;
      const amountOf = (name: string) => corrected.fixedComponents.find((c) => c.name === name)?.amount ?? null;
      // a lump sum has no unit price (DOSSIER.md format 2)
      return [
        bidder.name,
        corrected.unitPrice,
        corrected.serviceTotal,
        ...components.map(amountOf),
        corrected.total,
        corrected.total === null ? null : formatCapitals(corrected.total),
        bidder.sme ? '是' : '否',
        review.valid ? '有效' : '无效',
        reasons(review).join('\n'),
      ];
    }),
  );

  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 36 : index === columns.length - 1 ? 60 : index === columns.length - 4 ? 40 : 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function reasons(review: BidReview): string[] {
  const corrections = review.corrections.map(
    (c) => `价格修正（第${c.step}步）：${label('priceField', c.field)} ${c.from} → ${c.to}，${c.reason}`,
  );
  return [...review.invalidReasons.map((r) => label('invalidReason', r)), ...corrections];
}
