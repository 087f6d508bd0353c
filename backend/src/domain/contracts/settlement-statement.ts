import { formatCapitals } from '../bids/capitals';
import { D, fen } from '../decimal';
import { label } from '../labels';
import type { DeficitRule, Settlement } from './settlement';

/**
 * The lines of a settlement statement (年度清算结算单, DOMAIN.md §6.2) in the order the statement reads:
 * F, what was paid or made payable, C, A, d, A′, the balance, who bears what, the forfeited deposit, the
 * insurer's due and the payment or refund. The PDF, the Excel sheet and the screens show these same
 * lines. A line's amount is never negative: a deficit and a refund are named as such, as capitals need.
 */

/** A settlement with what its wording needs: the rate, the rule, the bureau's finding and the assessment. */
export interface StatementFigures extends Settlement {
  allowanceRate: string;
  deficitRule: DeficitRule;
  policyDeficit: boolean;
  assessmentPassed: boolean;
  failDeductionRate: string | null;
}

export interface StatementLine {
  no: number;
  item: string;
  /** 元, to the 分, ≥ 0. */
  amount: string;
  capitals: string;
  note: string;
}

const percent = (fraction: string) => `${new D(fraction).times(100).toString()}%`;
const abs = (v: string) => fen(new D(v).abs());

/** Whether the settlement pays the insurer (false: the insurer refunds). */
export const paysInsurer = (s: Pick<Settlement, 'payment'>): boolean => new D(s.payment).gte(0);

export function statementLines(s: StatementFigures): StatementLine[] {
  const deficit = new D(s.balance).lt(0);
  const deduction = s.assessmentPassed
    ? '年度考核达标，不予扣减'
    : s.failDeductionRate
      ? `年度考核未达标，d = ${percent(s.failDeductionRate)} × A`
      : '年度考核未通过，本考核方案不扣减运营成本';
  const balanceNote = !deficit ? '结余资金返还医保基金（财政专户）' : s.policyDeficit ? '经认定为政策性亏损' : '经认定为非政策性亏损';
  const rows: [item: string, amount: string, note: string][] = [
    ['年度保费资金总额（F）', s.fund, '按筹资标准×参保人数核定'],
    ['已支付及已列为应付的资金', s.paidOrPayable, '本年度资金拨付和考核保证金等付款节点，不含清算款'],
    ['年度赔付支出（C）', s.claims, '经办机构核定的当年理赔支出'],
    ['运营成本及盈利（A）', s.allowance, `A = ${percent(s.allowanceRate)} × F`],
    ['考核扣减（d）', s.deduction, deduction],
    ['核定运营成本及盈利（A′ = A − d）', s.allowanceNet, ''],
    [deficit ? '收支亏损（F − C − A′ < 0）' : '收支结余（F − C − A′）', abs(s.balance), balanceNote],
    [
      '承办方承担亏损',
      s.insurerBears,
      deficit && s.policyDeficit ? label('deficitRule', s.deficitRule) : deficit ? '非政策性亏损由承办方承担' : '',
    ],
    ['医保基金承担亏损', s.fundBears, ''],
    ['其中：风险调节金弥补', s.fromReserve, ''],
    ['其中：基金自身（下年度筹资）解决', s.beyondReserve, ''],
    ['扣留的年度考核保证金', s.forfeitedDeposit, s.assessmentPassed ? '' : '年度考核未通过，保证金留存基金'],
    ['承办方年度应得资金', s.due, 'C + A′ − 承办方承担亏损 − 扣留的保证金'],
    [paysInsurer(s) ? '清算应付承办方资金' : '承办方应退回资金', abs(s.payment), '年度应得资金 − 已支付及已列为应付的资金'],
  ];
  return rows.map(([item, amount, note], i) => ({ no: i + 1, item, amount, capitals: formatCapitals(amount), note }));
}
