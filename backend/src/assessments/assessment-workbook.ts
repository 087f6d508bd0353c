import ExcelJS from 'exceljs';
import { fieldError, type FieldError } from '../common/errors';
import { label } from '../domain/labels';
import { addTableSheet, column, writeTable, type TableColumn } from '../documents/workbook-style';
import type { HistoryEntry } from './assessment-history';
import type { ItemRule } from './assessment-scheme.entity';
import type { FullAssessment } from './assessment-views';
import { ASSESSMENT, can } from '../domain/lifecycles';
import { unpackZip, type ZipLimits } from '../common/uploads/file-content';
import type { ItemInput } from './item-scores';

/**
 * The assessment workbooks: the item-score template (exported with the scores so far, filled in
 * offline, imported back), the results of a year, and an insurer's history across years.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Template layout: the assessment id in B2 ties a file to its assessment; items from row 4. */
const ID_CELL = 'B2';
const HEADER_ROW = 3;
const FIRST_ITEM_ROW = 4;
const COLUMNS = { no: 1, name: 2, max: 3, rule: 4, value: 5, note: 6 } as const;

const ruleText = (rule: ItemRule | undefined, max: string): string => {
  switch (rule?.kind) {
    case 'binary':
      return `达到得${max}分，否则0分`;
    case 'k-of-n':
      return `${rule.n}项，每项${rule.pointsEach}分，最多${max}分`;
    case 'per-case-deduction':
      return `每例扣${rule.perCase}分，扣完为止`;
    default:
      return `综合评价，0至${max}分`;
  }
};

export async function itemTemplate(a: FullAssessment, lotName: string): Promise<Buffer> {
  const points = a.scheme.kind === 'points';
  const wb = new ExcelJS.Workbook();
  const ws = addTableSheet(wb, '考核评分', HEADER_ROW);
  ws.mergeCells(1, 1, 1, 6);
  ws.getCell(1, 1).value = `${a.contract.tender.name} 第${a.contract.lotNo}包（${lotName}）${a.contract.year}年度考核评分表`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getRow(2).values = ['考核编号', a.id, '考核方案', `${a.scheme.code} ${a.scheme.name}`, '被考核单位', a.contract.bidder.name];
  writeTable(
    ws,
    [
      column('itemNo'),
      column('item'),
      column(points ? 'value' : 'weight', 'score'),
      column('rule'),
      column(points ? 'points' : 'deduction', 'score'),
      column('note'),
    ],
    a.scheme.items.map((item) => {
      const scored = a.items.find((s) => s.no === item.no);
      const value = points ? scored?.points : scored?.deduction;
      return [
        item.no,
        item.name,
        item.max,
        points ? ruleText(item.rule, item.max) : `扣分以${item.max}分为限`,
        value ?? null,
        scored?.note ?? null,
      ];
    }),
  );
  a.scheme.items.forEach((item, i) => {
    // Excel itself refuses what the import would refuse, as the value is typed.
    ws.getRow(FIRST_ITEM_ROW + i).getCell(COLUMNS.value).dataValidation = {
      type: 'decimal',
      operator: points ? 'between' : 'greaterThanOrEqual',
      formulae: points ? [0, Number(item.max)] : [0],
      allowBlank: true,
      showErrorMessage: true,
      error: points ? `得分须在0至${item.max}之间` : '扣分不能为负数',
    };
  });
  ws.columns.forEach((c, i) => (c.width = [8, 24, 12, 30, 10, 40][i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportedRows {
  /** The item scores of the filled-in rows, and the sheet row each came from. */
  inputs: ItemInput[];
  rows: number[];
  errors: FieldError[];
}

/**
 * The item scores of a filled-in template. Rows without a score are left out (their items keep their
 * scores); what the rows say is checked against the scheme by the caller, with paths `rows[n]` where n
 * is the row number as Excel shows it.
 */
export async function readItemTemplate(content: Buffer, assessmentId: number, kind: 'points' | 'deduction'): Promise<ImportedRows> {
  const tooLarge = templateTooLarge(content);
  if (tooLarge) return { inputs: [], rows: [], errors: [tooLarge] };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as never);
  } catch {
    return { inputs: [], rows: [], errors: [fieldError('file', 'workbookUnreadable')] };
  }
  const ws = wb.worksheets[0];
  if (!ws || Number(cellValue(ws.getCell(ID_CELL))) !== assessmentId) {
    return {
      inputs: [],
      rows: [],
      errors: [fieldError('file', 'notTheTemplate', { assessment: assessmentId })],
    };
  }
  const field = kind === 'points' ? 'points' : 'deduction';
  const result: ImportedRows = { inputs: [], rows: [], errors: [] };
  for (let r = FIRST_ITEM_ROW; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const [no, value, note] = [
      cellValue(row.getCell(COLUMNS.no)),
      cellValue(row.getCell(COLUMNS.value)),
      cellValue(row.getCell(COLUMNS.note)),
    ];
    if (value === null) continue;
    if (typeof value !== 'number' && typeof value !== 'string') {
      result.errors.push(fieldError(`rows[${r}].${field}`, 'number'));
      continue;
    }
    result.inputs.push({ no: no === null ? '' : String(no), [field]: value, ...(note !== null && { note: String(note) }) });
    result.rows.push(r);
  }
  return result;
}

/**
 * How far a filled-in template may unpack, and how many rows it may have: a template has a row per item
 * (a few dozen), so anything far beyond is refused before the workbook parser holds it in memory — a
 * 300 KB file with one 300 MB cell once took 0.8 GB and 14 s to parse.
 */
export const ITEM_IMPORT_LIMITS: ZipLimits = { entries: 100, totalBytes: 8 * 1024 * 1024 };
export const ITEM_IMPORT_ROWS = 1000;
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
/** A row element (`<row r="12" …>`, with or without a namespace prefix) and its row number. */
const ROW = /<(?:\w+:)?row\b([^>]*)>/g;
const ROW_NUMBER = /\br="(\d+)"/;

/** Why a workbook is refused unparsed: it unpacks past ITEM_IMPORT_LIMITS, or a sheet has (or numbers) more than ITEM_IMPORT_ROWS rows. */
function templateTooLarge(content: Buffer): FieldError | null {
  const unpacked = unpackZip(content, ITEM_IMPORT_LIMITS, (name) => WORKSHEET.test(name));
  if (!unpacked.ok) return fieldError('file', unpacked.code, unpacked.params as never);
  for (const sheet of unpacked.kept.values()) {
    let rows = 0;
    for (const [, attributes] of sheet.toString('utf8').matchAll(ROW)) {
      rows = Math.max(rows + 1, Number(ROW_NUMBER.exec(attributes)?.[1] ?? 0));
      if (rows > ITEM_IMPORT_ROWS) return fieldError('file', 'tooManyRows', { max: ITEM_IMPORT_ROWS });
    }
  }
  return null;
}

/** A cell's value as typed: formulas give their result, empty and blank text give null. */
function cellValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && 'result' in v) return v.result ?? null;
  if (typeof v === 'object' && 'richText' in v)
    return (
      v.richText
        .map((t) => t.text)
        .join('')
        .trim() || null
    );
  if (typeof v === 'string') return v.trim() || null;
  return v;
}

const RESULT_COLUMNS: TableColumn[] = [
  column('points', 'score'),
  column('grade'),
  column('passed'),
  column('rewardRate', 'rate'),
  column('rewardAmount', 'money'),
  column('deductionAmount', 'money'),
  column('terminate'),
];
const yesNo = (b: boolean) => (b ? '是' : '否');

/** One row per assessment of the year; results of assessments not yet published are marked provisional. */
export async function resultsWorkbook(year: number, assessments: { a: FullAssessment; lotName: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addTableSheet(wb, `${year}年度考核结果`, 2);
  ws.addRow([`${year}年度履约考核结果`]).font = { bold: true, size: 13 };
  writeTable(
    ws,
    [
      column('tenderCode'),
      column('tenderName'),
      column('lot'),
      column('insurer'),
      column('scheme'),
      column('status'),
      column('operatingCost', 'money'),
      column('maxReward', 'money'),
      ...RESULT_COLUMNS,
    ],
    assessments.map(({ a, lotName }) => {
      const r = a.result;
      const provisional = !can(ASSESSMENT, a.status, 'show-result');
      return [
        a.contract.tender.code,
        a.contract.tender.name,
        `${a.contract.lotNo} ${lotName}`,
        a.contract.bidder.name,
        `${a.scheme.code} ${a.scheme.name}`,
        provisional ? `${label('assessmentStatus', a.status)}（结果未定）` : label('assessmentStatus', a.status),
        a.operatingCost ?? '',
        a.maxReward ?? '',
        r.score,
        r.grade ?? '',
        yesNo(r.passed),
        r.rewardRate ?? '',
        r.rewardAmount,
        r.deductionAmount,
        yesNo(r.terminate),
      ];
    }),
  );
  ws.columns.forEach((c, i) => (c.width = [18, 36, 14, 36, 30, 16][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An insurer's final results across tenders and years, with the repeated-failure flag. */
export async function historyWorkbook(organization: string, entries: HistoryEntry[], failedYears: number[] | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addTableSheet(wb, '历年考核结果', 2);
  ws.addRow([`${organization} 历年履约考核结果`]).font = { bold: true, size: 13 };
  writeTable(
    ws,
    [column('year'), column('tenderCode'), column('tenderName'), column('lot'), column('scheme'), ...RESULT_COLUMNS, column('finalisedAt')],
    entries.map((e) => [
      e.year,
      e.tenderCode,
      e.tenderName,
      e.lotNo,
      e.schemeName,
      e.score,
      e.grade ?? '',
      yesNo(e.passed),
      e.rewardRate ?? '',
      e.rewardAmount,
      e.deductionAmount,
      yesNo(e.terminate),
      e.finalisedAt ? e.finalisedAt.toISOString().slice(0, 10) : '',
    ]),
  );
  ws.addRow([]);
  ws.addRow([failedYears ? `两年以上考核不达标（${failedYears.join('、')}年），下次招标时可酌情扣分` : '无两年以上考核不达标记录']);
  ws.columns.forEach((c, i) => (c.width = [8, 18, 36, 8, 30][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
