import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { Dossier } from '../domain/dossier/dossier.types';
import type { TenderResults } from '../domain/evaluation/evaluate-dossier';
import { label } from '../domain/labels';
import { addTableSheet, column, writeTable } from '../documents/workbook-style';

/**
 * The evaluation report as a workbook: a summary sheet, a ranking sheet per lot (scores by
 * category, validity and reasons, set-asides, tie-breaks), a score sheet per expert (criteria × bids,
 * as the expert signed it) and every score as a row (评分明细, to filter and sort). Streamed: each row
 * is written out as it is made, so a tender of 100,000s of scores needs no workbook in memory.
 */
export async function writeEvaluationWorkbook(out: Writable, dossier: Dossier, results: TenderResults): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = '医保经办服务采购与履约考核系统';
  const bidderName = new Map(dossier.bidders.map((b) => [b.code, b.name]));
  const bold = (row: ExcelJS.Row, size?: number) => {
    row.font = { bold: true, ...(size && { size }) };
    return row;
  };

  const summary = addTableSheet(wb, '评标汇总', 2);
  summary.columns = [8, 12, 48, 18, 40].map((width) => ({ width }));
  bold(summary.addRow([`${dossier.tender.name}（${dossier.tender.code}）评标结果汇总`]), 14).commit();
  writeTable(
    summary,
    [column('lot'), column('status'), column('winner'), column('basePrice', 'money'), column('note')],
    results.lots.map((lot) => [
      lot.no,
      label('lotResult', lot.status),
      lot.winner ? `${lot.winner} ${bidderName.get(lot.winner)}` : '—',
      lot.basePrice ?? '—',
      lot.failReason === null ? '' : label('lotFailReason', lot.failReason),
    ]),
  );
  summary.commit();

  for (const lot of results.lots) {
    const ws = addTableSheet(wb, `标包${lot.no}排名`, 2);
    const categories = [...new Set(lot.bids.flatMap((b) => Object.keys(b.categoryScores ?? {})))];
    ws.columns = Array.from({ length: 11 + categories.length }, (_, i) => ({ width: i === 2 ? 40 : 14 }));
    bold(ws.addRow([`标包${lot.no} 评分排名`]), 13).commit();
    writeTable(
      ws,
      [
        column('rank'),
        column('bidder'),
        column('bidderName'),
        column('evaluatedPrice', 'money'),
        column('priceScore', 'score'),
        column('nonPriceScore', 'score'),
        column('repeatedFailureDeduction', 'score'),
        column('finalScore', 'score'),
        ...categories.map((header) => ({ header, kind: 'score' as const })),
        column('valid'),
        column('invalidReasons'),
        column('flags'),
      ],
      lot.bids.map((b) => [
        b.rank ?? '—',
        b.bidder,
        bidderName.get(b.bidder),
        b.evaluatedPrice ?? '—',
        b.priceScore ?? '—',
        b.nonPriceScore ?? '—',
        b.repeatedFailureDeduction ?? '—',
        b.finalScore ?? '—',
        ...categories.map((c) => b.categoryScores?.[c] ?? '—'),
        b.valid ? '是' : '否',
        b.invalidReasons.map((r) => label('invalidReason', r)).join('；'),
        b.flags.map((f) => label('flag', f)).join('；'),
      ]),
    );
    ws.addRow([]).commit();
    for (const s of lot.setAside) ws.addRow(['让标', s.bidder, bidderName.get(s.bidder), label('setAsideReason', s.reason)]).commit();
    for (const tb of lot.tieBreaks) {
      ws.addRow([
        '同分排序',
        tb.bidders.join('、'),
        `依据：${label('tieBreak', tb.decidedBy)}`,
        tb.seed === undefined ? '' : `抽签种子：${tb.seed}`,
      ]).commit();
    }
    ws.commit();
  }

  const subjective = new Map(dossier.schemes.map((s) => [s.code, s.criteria.filter((c) => c.kind === 'subjective')]));
  const scoreOf = new Map((dossier.scores ?? []).map((s) => [`${s.expert}|${s.lot}|${s.bidder}|${s.criterion}`, s.value]));
  const biddersOn = new Map(
    dossier.lots.map((lot) => [
      lot.no,
      dossier.bids
        .filter((b) => b.lot === lot.no)
        .map((b) => b.bidder)
        .sort(),
    ]),
  );
  for (const expert of dossier.panel ?? []) {
    const ws = wb.addWorksheet(`专家${expert.code}`);
    ws.columns = [{ width: 36 }];
    bold(ws.addRow([`评审专家 ${expert.name}（${expert.code}）评分表`]), 13).commit();
    for (const lot of dossier.lots) {
      const bidders = biddersOn.get(lot.no)!;
      ws.addRow([]).commit();
      // A signed form with a table per lot: no filter, one header cannot be frozen for all of them.
      writeTable(
        ws,
        [{ header: `标包${lot.no} ${lot.name}` }, ...bidders.map((header) => ({ header, kind: 'score' as const }))],
        (subjective.get(lot.scheme) ?? []).map((c) => [
          `${c.no} ${c.name}（满分${c.max}）`,
          ...bidders.map((bidder) => scoreOf.get(`${expert.code}|${lot.no}|${bidder}|${c.no}`) ?? ''),
        ]),
        { filter: false },
      );
    }
    ws.addRow([]).commit();
    ws.addRow(['评审专家签字：', '', '日期：']).commit();
    ws.commit();
  }

  // Every score as a row: by expert (panel order), lot (dossier order), bidder, criterion (scheme order).
  const detail = addTableSheet(wb, '评分明细', 1);
  detail.columns = [16, 6, 8, 36, 28, 6, 6].map((width) => ({ width }));
  const criteria = new Map(dossier.schemes.map((s) => [s.code, new Map(s.criteria.map((c, i) => [String(c.no), { ...c, order: i }]))]));
  const schemeOf = new Map(dossier.lots.map((l) => [l.no, criteria.get(l.scheme)]));
  const expertOrder = new Map((dossier.panel ?? []).map((p, i) => [p.code, i]));
  const expertName = new Map((dossier.panel ?? []).map((p) => [p.code, p.name]));
  const lotOrder = new Map(dossier.lots.map((l, i) => [l.no, i]));
  const rows = (dossier.scores ?? []).map((s) => ({ s, c: schemeOf.get(s.lot)?.get(String(s.criterion)) }));
  rows.sort(
    (a, b) =>
      (expertOrder.get(a.s.expert) ?? 0) - (expertOrder.get(b.s.expert) ?? 0) ||
      (lotOrder.get(a.s.lot) ?? 0) - (lotOrder.get(b.s.lot) ?? 0) ||
      (a.s.bidder < b.s.bidder ? -1 : a.s.bidder > b.s.bidder ? 1 : 0) ||
      (a.c?.order ?? 0) - (b.c?.order ?? 0),
  );
  writeTable(
    detail,
    [
      column('expert'),
      column('lot'),
      column('bidder'),
      column('bidderName'),
      column('criterion'),
      column('max', 'score'),
      column('value', 'score'),
    ],
    rows.map(({ s, c }) => [
      `${s.expert} ${expertName.get(s.expert) ?? ''}`,
      s.lot,
      s.bidder,
      bidderName.get(s.bidder),
      c ? `${c.no} ${c.name}` : String(s.criterion),
      c ? c.max : null,
      s.value,
    ]),
  );
  detail.commit();
  await wb.commit();
}
