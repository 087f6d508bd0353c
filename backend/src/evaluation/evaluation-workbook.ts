import ExcelJS from 'exceljs';
import type { Dossier } from '../domain/dossier/dossier.types';
import type { TenderResults } from '../domain/evaluation/evaluate-dossier';

/**
 * The evaluation report as a workbook: a summary sheet, a ranking sheet per lot (scores by
 * category, validity and reasons, set-asides, tie-breaks) and a score sheet per expert
 * (criteria × bids, as the expert signed it).
 */
export function evaluationWorkbook(dossier: Dossier, results: TenderResults): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '医保经办服务采购与履约考核系统';
  const bidderName = new Map(dossier.bidders.map((b) => [b.code, b.name]));

  const summary = wb.addWorksheet('评标汇总');
  summary.addRow([`${dossier.tender.name}（${dossier.tender.code}）评标结果汇总`]).font = { bold: true, size: 14 };
  summary.addRow(['标包', '状态', '中标候选人', '评标基准价（元）', '说明']).font = { bold: true };
  for (const lot of results.lots) {
    summary.addRow([
      lot.no,
      LOT_STATUS[lot.status],
      lot.winner ? `${lot.winner} ${bidderName.get(lot.winner)}` : '—',
      lot.basePrice ?? '—',
      lot.failReason ?? '',
    ]);
  }
  summary.columns.forEach((c, i) => (c.width = [8, 12, 48, 18, 40][i]));

  for (const lot of results.lots) {
    const ws = wb.addWorksheet(`标包${lot.no}排名`);
    const categories = [...new Set(lot.bids.flatMap((b) => Object.keys(b.categoryScores ?? {})))];
    ws.addRow([`标包${lot.no} 评分排名`]).font = { bold: true, size: 13 };
    ws.addRow([
      '名次',
      '投标人',
      '名称',
      '评审价（元）',
      '价格分',
      '非价格分',
      '综合得分',
      ...categories,
      '有效',
      '无效原因',
      '标记',
    ]).font = { bold: true };
    for (const b of lot.bids) {
      ws.addRow([
        b.rank ?? '—',
        b.bidder,
        bidderName.get(b.bidder),
        b.evaluatedPrice ?? '—',
        b.priceScore ?? '—',
        b.nonPriceScore ?? '—',
        b.finalScore ?? '—',
        ...categories.map((c) => b.categoryScores?.[c] ?? '—'),
        b.valid ? '是' : '否',
        b.invalidReasons.join('；'),
        b.flags.join('；'),
      ]);
    }
    ws.addRow([]);
    for (const s of lot.setAside) ws.addRow(['让标', s.bidder, bidderName.get(s.bidder), s.reason]);
    for (const tb of lot.tieBreaks)
      ws.addRow(['同分排序', tb.bidders.join('、'), `依据：${tb.decidedBy}`, tb.seed === undefined ? '' : `抽签种子：${tb.seed}`]);
    ws.columns.forEach((c, i) => (c.width = i === 2 ? 40 : 14));
  }

  const criteria = new Map(dossier.schemes.map((s) => [s.code, s.criteria.filter((c) => c.kind === 'subjective')]));
  for (const expert of dossier.panel ?? []) {
    const ws = wb.addWorksheet(`专家${expert.code}`);
    ws.addRow([`评审专家 ${expert.name}（${expert.code}）评分表`]).font = { bold: true, size: 13 };
    for (const lot of dossier.lots) {
      const bidders = dossier.bids
        .filter((b) => b.lot === lot.no)
        .map((b) => b.bidder)
        .sort();
      ws.addRow([]);
      ws.addRow([`标包${lot.no} ${lot.name}`, ...bidders]).font = { bold: true };
      for (const c of criteria.get(lot.scheme) ?? []) {
        ws.addRow([
          `${c.no} ${c.name}（满分${c.max}）`,
          ...bidders.map((bidder) => {
            const s = dossier.scores?.find(
              (x) => x.expert === expert.code && x.lot === lot.no && x.bidder === bidder && x.criterion === c.no,
            );
            return s ? String(s.value) : '';
          }),
        ]);
      }
    }
    ws.addRow([]);
    ws.addRow(['评审专家签字：', '', '日期：']);
    ws.getColumn(1).width = 36;
  }
  return wb;
}

const LOT_STATUS = { awarded: '已确定中标候选人', failed: '废标', 'not-awarded': '未授予' } as const;
