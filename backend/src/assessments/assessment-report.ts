import { D } from '../domain/decimal';
import { chinaDay } from '../documents/format';
import type { DocumentData } from '../documents/templates';
import type { AssessmentObjection } from './assessment-objection.entity';
import { ASSESSMENT, isFinal } from '../domain/lifecycles';
import { resultView, type FullAssessment } from './assessment-views';

/**
 * The data of the assessment report (templates/assessment-report.hbs) for the insurer: every item with
 * what it earned or lost and the note, the result and the money it means, and the objections with the
 * bureau's answers. A deduction above an item's weight is shown as counted, with what was recorded.
 */
export function assessmentReport(a: FullAssessment, lotName: string, objections: AssessmentObjection[]): DocumentData {
  const c = a.contract;
  const points = a.scheme.kind === 'points';
  const items = a.scheme.items.map((item) => {
    const scored = a.items.find((s) => s.no === item.no);
    const note = scored?.note ?? '';
    if (points) return { no: item.no, name: item.name, max: item.max, value: scored?.points ?? '0', note };
    const recorded = new D(scored?.deduction ?? 0);
    const counted = D.min(recorded, item.max);
    const capped = recorded.gt(counted) ? `（记录扣${recorded.toString()}分，以分值${item.max}分为限）` : '';
    return { no: item.no, name: item.name, max: item.max, value: counted.toString(), note: note + capped };
  });
  return {
    title: `${c.year}年度履约考核报告 第${c.lotNo}包`,
    generatedOn: chinaDay(new Date()),
    tender: { code: c.tender.code, name: c.tender.name, purchaser: c.tender.purchaser },
    lot: { no: c.lotNo, name: lotName },
    year: c.year,
    insurer: c.bidder.name,
    scheme: { name: a.scheme.name, kind: a.scheme.kind },
    items,
    result: resultView(a.result),
    maxReward: a.maxReward,
    operatingCost: a.operatingCost,
    final: isFinal(ASSESSMENT, a.status),
    objectionDeadline: a.objectionDeadline,
    objections: objections.map((o) => ({ raisedOn: chinaDay(o.raisedAt), text: o.text, answer: o.answer ?? '（待答复）' })),
  };
}
