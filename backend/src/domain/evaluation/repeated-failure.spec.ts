import { loadExampleDossier } from '../../../test/example-dossier';
import { D } from '../decimal';
import { validateDossier } from '../dossier/dossier.validation';
import { evaluateDossier } from './evaluate-dossier';
import { appliedDeduction, decisionProblems, deductedScore, undecided } from './repeated-failure';

describe('repeated-failure deduction (DOMAIN.md §7)', () => {
  it('takes the tender’s points only when the panel applied them, never below 0', () => {
    expect(appliedDeduction('applied', '2')?.toString()).toBe('2');
    expect(appliedDeduction('waived', '2')).toBeNull();
    expect(appliedDeduction(null, '2')).toBeNull();
    expect(appliedDeduction('applied', '0')).toBeNull();
    expect(appliedDeduction('applied', null)).toBeNull();
    expect(deductedScore(new D('88.3749'), new D('2')).toString()).toBe('86.3749');
    expect(deductedScore(new D('1.5'), new D('2')).toString()).toBe('0');
    expect(deductedScore(new D('88.3749'), null).toString()).toBe('88.3749');
  });

  it('waits for the panel only on a flagged bidder’s bid of a tender that proposes a deduction', () => {
    expect(undecided('2', true, null)).toBe(true);
    expect(undecided('2', true, 'waived')).toBe(false);
    expect(undecided('2', false, null)).toBe(false);
    expect(undecided(null, true, null)).toBe(false);
    expect(undecided('0', true, null)).toBe(false);
  });

  it('a decision needs a proposed deduction, a flagged bidder (when known) and a reason', () => {
    const codes = (...args: Parameters<typeof decisionProblems>) => decisionProblems(...args).map((p) => [p.field, p.failure.code]);
    expect(codes('applied', '连续两年考核不达标', '2', true)).toEqual([]);
    expect(codes(null, null, '2', true)).toEqual([]);
    expect(codes('waived', ' ', '2', true)).toEqual([['repeatedFailureNote', 'required']]);
    expect(codes('applied', '理由', null)).toEqual([['repeatedFailureDecision', 'noRepeatedFailureDeduction']]);
    expect(codes('applied', '理由', '2', false)).toEqual([['repeatedFailureDecision', 'notRepeatedFailure']]);
  });

  it('an applied deduction lowers the final score before ranking; a waived one changes nothing', () => {
    const base = evaluateDossier(loadExampleDossier());
    const [first, second] = base.lots[0].bids;
    // enough to put the winner behind the runner-up: the gap plus one point
    const points = new D(first.finalScore!).minus(second.finalScore!).plus(1).toFixed(2);
    const withDecision = (decision: 'applied' | 'waived') => {
      const d: any = { ...loadExampleDossier(), formatVersion: 2 };
      d.tender.repeatedFailureDeduction = points;
      const bid = d.bids.find((b: any) => b.bidder === first.bidder && b.lot === base.lots[0].no);
      Object.assign(bid, { repeatedFailureDecision: decision, repeatedFailureNote: '2021、2022年度考核均不达标' });
      const checked = validateDossier(d);
      if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
      return evaluateDossier(checked.dossier).lots[0];
    };

    const applied = withDecision('applied');
    expect(applied.winner).toBe(second.bidder);
    expect(applied.bids.find((b) => b.bidder === first.bidder)).toMatchObject({
      rank: 2,
      finalScore: new D(first.finalScore!).minus(points).toFixed(2),
      repeatedFailureDeduction: points,
      priceScore: first.priceScore,
      nonPriceScore: first.nonPriceScore,
    });
    const waived = withDecision('waived');
    expect(waived.winner).toBe(first.bidder);
    expect(waived.bids[0]).toEqual(first);
  });
});
