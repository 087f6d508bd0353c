import { settle, type SettlementInput } from './settlement';
import { statementLines, type StatementFigures } from './settlement-statement';

/** The statement's lines of a settled year (figures of settlement.spec.ts). */
const lines = (input: SettlementInput, policyDeficit = input.policyDeficit): ReturnType<typeof statementLines> =>
  statementLines({
    ...settle(input),
    allowanceRate: input.allowanceRate,
    deficitRule: input.deficitRule.rule,
    policyDeficit,
    assessmentPassed: input.assessment.passed,
    failDeductionRate: input.assessment.failDeductionRate,
  } satisfies StatementFigures);

const SHENYANG: SettlementInput = {
  fund: '371111400.00',
  claims: '365000000.00',
  policyDeficit: true,
  allowanceRate: '0.045',
  deficitRule: { rule: 'shared', share: '0.5' },
  retentions: [],
  assessment: { passed: false, failDeductionRate: '0.005' },
  paidOrPayable: '315444690.00',
};

describe('the settlement statement’s lines', () => {
  it('lists F, paid, C, A, d, A′, the deficit, who bears it, the deposit, the due and the payment, in capitals too', () => {
    const l = lines(SHENYANG);
    expect(l.map((x) => [x.item, x.amount])).toEqual([
      ['年度保费资金总额（F）', '371111400.00'],
      ['已支付及已列为应付的资金', '315444690.00'],
      ['年度赔付支出（C）', '365000000.00'],
      ['运营成本及盈利（A）', '16700013.00'],
      ['考核扣减（d）', '83500.07'],
      ['核定运营成本及盈利（A′ = A − d）', '16616512.93'],
      ['收支亏损（F − C − A′ < 0）', '10505112.93'],
      ['承办方承担亏损', '5252556.47'],
      ['医保基金承担亏损', '5252556.46'],
      ['其中：风险调节金弥补', '0.00'],
      ['其中：基金自身（下年度筹资）解决', '5252556.46'],
      ['扣留的年度考核保证金', '0.00'],
      ['承办方年度应得资金', '376363956.46'],
      ['清算应付承办方资金', '60919266.46'],
    ]);
    expect(l[3].note).toBe('A = 4.5% × F');
    expect(l[4].note).toBe('年度考核未达标，d = 0.5% × A');
    expect(l[7].note).toBe('医保基金与承办方按比例分摊');
    expect(l[13].capitals).toBe('陆仟零玖拾壹万玖仟贰佰陆拾陆元肆角陆分');
  });

  it('names a surplus and a refund as such, the amounts without sign', () => {
    // due 216,700,013.00 < 315,444,690.00 paid: the insurer refunds 98,744,677.00
    const l = lines({
      ...SHENYANG,
      claims: '200000000.00',
      policyDeficit: false,
      assessment: { passed: true, failDeductionRate: '0.005' },
    });
    expect(l[4].note).toBe('年度考核达标，不予扣减');
    expect([l[6].item, l[6].amount, l[6].note]).toEqual(['收支结余（F − C − A′）', '154411387.00', '结余资金返还医保基金（财政专户）']);
    expect([l[13].item, l[13].amount, l[13].capitals]).toEqual(['承办方应退回资金', '98744677.00', '玖仟捌佰柒拾肆万肆仟陆佰柒拾柒元整']);
  });

  it('a deficit not policy-caused is the insurer’s', () => {
    const l = lines({ ...SHENYANG, policyDeficit: false });
    expect([l[6].note, l[7].amount, l[7].note]).toEqual(['经认定为非政策性亏损', '10505112.93', '非政策性亏损由承办方承担']);
  });
});
