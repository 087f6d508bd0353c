import ExcelJS from 'exceljs';
import { paysInsurer, statementLines, type StatementLine } from '../domain/contracts/settlement-statement';
import { label } from '../domain/labels';
import { addTableSheet, column, writeTable } from '../documents/workbook-style';
import { chinaDay, money, percent } from '../documents/format';
import type { DocumentData } from '../documents/templates';
import { contractNumber } from './contract-document';
import type { ContractSettlement } from './settlement.entity';

/**
 * The settlement statement (年度清算结算单, DOMAIN.md §6.2) of a stored settlement: its lines
 * (domain/contracts/settlement-statement.ts) with the parties and terms, printed as the PDF
 * (templates/settlement-statement.hbs) and written as the Excel sheet, so both show the same figures.
 */

export interface SettlementStatement extends DocumentData {
  number: string;
  tender: { code: string; name: string; purchaser: string };
  lot: { no: string; name: string };
  insurer: string;
  year: number;
  settledOn: string;
  settledBy: string;
  /** The terms the year was settled with, as sentences. */
  terms: string[];
  lines: StatementLine[];
  /** The closing sentence: who pays whom how much. */
  conclusion: string;
}

export interface StatementFacts {
  tender: { code: string; name: string; purchaser: string };
  lot: { no: string; name: string };
  insurer: string;
}

/** The statement of a stored settlement. */
export function settlementStatement(facts: StatementFacts, s: ContractSettlement): SettlementStatement {
  const lines = statementLines(s);
  const payment = lines[lines.length - 1];
  const conclusion = paysInsurer(s)
    ? `${facts.tender.purchaser}应向${facts.insurer}支付清算款人民币${payment.capitals}（¥${money(payment.amount)}）。`
    : `${facts.insurer}应向${facts.tender.purchaser}退回人民币${payment.capitals}（¥${money(payment.amount)}）。`;
  return {
    title: `${facts.tender.name} 第${facts.lot.no}包 ${s.year}年度大病保险资金清算结算单`,
    number: `${contractNumber(facts.tender.code, facts.lot.no, s.year)}-QS`,
    ...facts,
    year: s.year,
    settledOn: chinaDay(s.settledAt),
    settledBy: s.settledBy ?? '',
    terms: [
      `运营成本及盈利率：${percent(s.allowanceRate)}`,
      `政策性亏损处理：${label('deficitRule', s.deficitRule)}${s.policyDeficitShare === null ? '' : `（承办方分摊${percent(s.policyDeficitShare)}）`}`,
      ...s.retentions.map((r) => `${label('retentionKind', r.kind)}：年度资金的${percent(r.share)}`),
      `年度考核结果：${s.assessmentPassed ? '通过' : '未通过'}`,
    ],
    lines,
    conclusion,
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The statement as a workbook: amounts as real numbers in ¥#,##0.00, the header row frozen and filterable (workbook-style). */
export async function statementWorkbook(st: SettlementStatement): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addTableSheet(workbook, `${st.year}年度清算`, 3);
  const columns = [column('itemNo'), column('statementItem'), column('amount', 'money'), column('amountCapitals'), column('note')];
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.getCell(1, 1).value = st.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `编号：${st.number}，承办方：${st.insurer}，清算日期：${st.settledOn}，经办人：${st.settledBy}`;
  writeTable(
    sheet,
    columns,
    st.lines.map((line) => [line.no, line.item, line.amount, line.capitals, line.note]),
  );
  sheet.addRow([]);
  sheet.addRow([null, st.conclusion]);
  sheet.columns.forEach((c, i) => (c.width = [6, 36, 20, 48, 48][i]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
