import ExcelJS from 'exceljs';
import type { DossierBidder, DossierLot, DossierTender } from '../domain/dossier/dossier.types';
import { formatCapitals } from '../domain/bids/capitals';
import type { BidReview } from '../domain/bids/validity';
import { label } from '../domain/labels';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface OpeningSheetRow {
  bidder: DossierBidder;
  review: BidReview;
}

const MONEY = '#,##0.00';
/** Unit prices are quoted to the 厘 and beyond (1.157 元/人/年); show what was quoted. */
const UNIT_PRICE = '0.00##';

/**
 * The opening sheet (开标一览表) of one lot as an Excel workbook: one row per bid with the figures that
 * bind after price correction, the total in figures and in capitals, SME status, validity, and why —
 * every invalidity reason and every correction made, so the sheet explains each figure that differs
 * from what the bidder wrote.
 */
export async function openingSheetWorkbook(tender: DossierTender, lot: DossierLot, rows: OpeningSheetRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('开标一览表');
  const components = lot.fixedComponents.map((c) => c.name);
  const headers = [
    '投标人',
    '单价(元/人/年)',
    '服务费总额',
    ...components,
    '投标总价(小写)',
    '投标总价(大写)',
    '小微企业',
    '有效性',
    '原因',
  ];

  sheet.mergeCells(1, 1, 1, headers.length);
  sheet.getCell(1, 1).value = `${tender.name} 第${lot.no}包（${lot.name}）开标一览表`;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.getCell(2, 1).value = `项目编号：${tender.code}`;
  sheet.getRow(3).values = headers;
  sheet.getRow(3).font = { bold: true };

  rows.forEach(({ bidder, review }, index) => {
    const { corrected } = review;
    const amountOf = (name: string) => corrected.fixedComponents.find((c) => c.name === name)?.amount;
    // a lump sum has no unit price (DOSSIER.md format 2)
    const figure = (value: string | null) => (value === null ? null : Number(value));
    const row = sheet.getRow(4 + index);
    row.values = [
      bidder.name,
      figure(corrected.unitPrice),
      figure(corrected.serviceTotal),
      ...components.map((name) => (amountOf(name) === undefined ? null : Number(amountOf(name)))),
      figure(corrected.total),
      corrected.total === null ? null : formatCapitals(corrected.total),
      bidder.sme ? '是' : '否',
      review.valid ? '有效' : '无效',
      reasons(review).join('\n'),
    ];
    row.getCell(2).numFmt = UNIT_PRICE;
    for (let column = 3; column <= 4 + components.length; column++) row.getCell(column).numFmt = MONEY;
    row.getCell(headers.length).alignment = { wrapText: true, vertical: 'top' };
  });

  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 36 : index === headers.length - 1 ? 60 : index === headers.length - 4 ? 40 : 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function reasons(review: BidReview): string[] {
  const corrections = review.corrections.map(
    (c) => `价格修正（第${c.step}步）：${label('priceField', c.field)} ${c.from} → ${c.to}，${c.reason}`,
  );
  return [...review.invalidReasons.map((r) => label('invalidReason', r)), ...corrections];
}
