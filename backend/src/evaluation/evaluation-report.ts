import type { Dossier } from '../domain/dossier/dossier.types';
import type { TenderResults } from '../domain/evaluation/evaluate-dossier';
import { label as codeLabel } from '../domain/labels';
import type { OpeningLineStatus } from '../domain/lifecycles';

/** A bid's line of the opening record (开标记录) as its bidder answered it, for the report. */
export interface OpeningLineOfReport {
  lot: string;
  bidder: string;
  status: OpeningLineStatus;
  disputeReason: string | null;
  answer: string | null;
  corrected: boolean;
}

/**
 * The data of the evaluation report (评标报告) PDF, from the dossier and its results: the panel,
 * per lot the opening record's confirmations, the review outcome, scores by category, set-asides,
 * tie-breaks and the award chain, and each expert's own score sheet as signed. A tender opened
 * elsewhere (imported) has no opening lines.
 */
export function evaluationReportData(
  dossier: Dossier,
  results: TenderResults,
  generatedOn: string,
  openingLines: readonly OpeningLineOfReport[] = [],
) {
  const name = new Map(dossier.bidders.map((b) => [b.code, b.name]));
  const label = (code: string | null) => (code ? `${name.get(code) ?? code}（${code}）` : '—');
  const lotName = new Map(dossier.lots.map((l) => [l.no, l.name]));
  const subjective = new Map(dossier.schemes.map((s) => [s.code, s.criteria.filter((c) => c.kind === 'subjective')]));
  return {
    title: `评标报告 ${dossier.tender.code}`,
    generatedOn,
    tender: dossier.tender,
    panel: dossier.panel ?? [],
    bidderLegend: dossier.bidders.map((b) => `${b.code}：${b.name}`).join('；'),
    errors: results.errors.map((e) => e.message),
    lots: results.lots.map((lot) => {
      const categories = [...new Set(lot.bids.flatMap((b) => Object.keys(b.categoryScores ?? {})))];
      return {
        no: lot.no,
        name: lotName.get(lot.no),
        status: lot.status,
        failReason: lot.failReason === null ? null : codeLabel('lotFailReason', lot.failReason),
        basePrice: lot.basePrice,
        winnerName: label(lot.winner),
        opening: openingLines
          .filter((line) => line.lot === lot.no)
          .map((line) => ({
            bidderName: label(line.bidder),
            status: codeLabel('openingLineStatus', line.status),
            dispute: line.disputeReason,
            answer: line.answer === null ? null : `${line.answer}${line.corrected ? '（已更正开标记录）' : ''}`,
          })),
        categories,
        bids: lot.bids.map((b) => ({
          ...b,
          bidderName: label(b.bidder),
          invalidReasons: b.invalidReasons.map((r) => codeLabel('invalidReason', r)).join('；'),
          flags: b.flags.map((f) => codeLabel('flag', f)).join('；'),
          categoryValues: categories.map((c) => b.categoryScores?.[c] ?? '—'),
        })),
        setAside: lot.setAside.map((s) => ({ bidderName: label(s.bidder), reason: codeLabel('setAsideReason', s.reason) })),
        tieBreaks: lot.tieBreaks.map(
          (t) =>
            `${t.bidders.map(label).join('、')}同分，依${t.decidedBy === 'price' ? '报价由低到高' : t.decidedBy === 'draw' ? `随机抽签（种子 ${t.seed}）` : `“${t.decidedBy}”得分由高到低`}排序`,
        ),
        awardChain: lot.awardChain.filter((e) => e.at > 0).map((e) => `${label(e.bidder)}${CHAIN_EVENT[e.event]}`),
      };
    }),
    sheets: (dossier.panel ?? []).map((expert) => ({
      code: expert.code,
      name: expert.name,
      lots: dossier.lots.map((lot) => {
        const bidders = dossier.bids
          .filter((b) => b.lot === lot.no)
          .map((b) => b.bidder)
          .sort();
        return {
          caption: `第${lot.no}包（${lot.name}）`,
          // Codes in the head keep the table within the page; the legend names them.
          head: ['评分项（满分）', ...bidders].join('|'),
          rows: (subjective.get(lot.scheme) ?? []).map((c) => ({
            criterion: `${c.no} ${c.name}（${c.max}）`,
            values: bidders.map((bidder) => {
              const s = dossier.scores?.find(
                (x) => x.expert === expert.code && x.lot === lot.no && x.bidder === bidder && x.criterion === c.no,
              );
              return s ? String(s.value) : '—';
            }),
          })),
        };
      }),
    })),
  };
}

const CHAIN_EVENT = {
  won: '递补为中标人',
  declined: '放弃中标',
  disqualified: '被取消中标资格',
  'not-awarded': '—本标包无可递补的投标人',
} as const;
