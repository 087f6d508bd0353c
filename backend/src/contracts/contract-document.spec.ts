import { DEFAULT_GRADE_BANDS } from '../domain/assessments/assessment';
import { assessmentClauses, ContractFacts, contractDocument, gradeBandsClause, MilestoneFacts } from './contract-document';

const tender = { code: 'T-1', name: '项目', purchaser: '甲局', agency: '代理', firstContractYear: 2023, contractYears: 3 };
const lot = { no: '1', name: '中心片区', regions: ['海曙区'], basePopulation: 1000, minStaff: null };

describe('contract document data', () => {
  it('states the grade bands of the deduction scheme as contract terms', () => {
    expect(gradeBandsClause(DEFAULT_GRADE_BANDS)).toBe(
      '考核结果分为5个等级：90分（含）以上为“优秀”，按绩效考核奖励最高金额的100%给予奖励；' +
        '80分（含）至90分为“良好”，按绩效考核奖励最高金额的80%给予奖励；' +
        '70分（含）至80分为“合格”，按绩效考核奖励最高金额的60%给予奖励；' +
        '60分（含）至70分为“较差”，不予奖励；60分以下为“不合格”，不予奖励，甲方有权提前解除本合同。',
    );
  });

  it('grades a lot with a reward budget; otherwise applies the pass mark of a points scheme', () => {
    const points = { kind: 'points' as const, passMark: '85', failDeductionRate: '0.005' };
    expect(assessmentClauses(true, [points])[1]).toContain('90分（含）以上为“优秀”');
    expect(assessmentClauses(false, [points])).toEqual([
      '考核满分为100分，得分85分（含）以上为达标，按合同约定全额结算运营成本（含盈利率）；低于85分为不达标，扣减当年运营成本（含盈利率）的0.5%。连续两年以上考核不达标的，作为后续采购评审的扣分因素。',
    ]);
    expect(assessmentClauses(false, [])).toHaveLength(1);
  });

  const milestone = (m: Partial<MilestoneFacts>): MilestoneFacts => ({
    seq: 1,
    name: '款项',
    base: 'contract',
    share: null,
    fixedAmount: null,
    remainder: false,
    trigger: 'on-signing',
    amountRule: null,
    period: null,
    dueRule: null,
    dueDate: null,
    amount: null,
    ...m,
  });
  const facts = (f: Partial<ContractFacts>): ContractFacts => ({
    kind: 'per-capita',
    year: 2024,
    status: 'draft',
    termStart: '2024-01-01',
    termEnd: '2024-12-31',
    unitPrice: null,
    population: null,
    serviceAmount: null,
    fixedFees: [],
    contractAmount: '0.00',
    rewardBudget: null,
    fundStandard: null,
    fund: null,
    allowanceRate: null,
    allowance: null,
    policyDeficitShare: null,
    deficitRule: null,
    retentions: [],
    ...f,
  });

  it('per-capita: marks a draft, shows the provisional population and words each payment term', () => {
    const doc = contractDocument(
      tender,
      lot,
      '乙公司',
      facts({ unitPrice: '1.10', serviceAmount: '1100.00', contractAmount: '1100.00' }),
      [
        milestone({ name: '首付', share: '0.3', dueRule: { monthsAfterSigning: 1, day: 'end' }, amount: '330.00' }),
        milestone({
          seq: 2,
          name: '考评',
          share: '0.2',
          trigger: 'after-service-evaluation',
          period: 'H1',
          dueDate: '2024-06-30',
          amount: '220.00',
        }),
        milestone({ seq: 3, name: '验收', remainder: true, trigger: 'after-acceptance', amount: '550.00' }),
      ],
      { name: '模板' },
      [],
      10,
    );
    expect(doc.title).toBe('项目 第1包（中心片区）2024年度委托经办服务合同（草稿）');
    expect(doc.template).toBe('contract-per-capita');
    expect(doc.number).toBe('T-1-1-2024');
    expect(doc.amounts).toMatchObject({ population: 1000, populationProvisional: true });
    expect(doc.premium).toBeNull();
    expect(doc.acceptance).toBe(true);
    expect(doc.term).toEqual({
      year: 2024,
      start: '2024-01-01',
      end: '2024-12-31',
      months: 12,
      annual: true,
      firstYear: 2023,
      lastYear: 2025,
    });
    expect(doc.schedule.milestones.map((m) => [m.basis, m.condition, m.due])).toEqual([
      ['合同金额的30%', '合同签订后', '签订次月月底前'],
      ['合同金额的20%', '上半年服务考评合格后', '2024年6月30日前'],
      ['合同金额余额', '验收通过后', '条件成就后'],
    ]);
    expect(doc.assessment.objectionDays).toBe(10);
  });

  it('premium: the fund, the allowance, the retentions with their amounts, the deficit rule; amounts that come later', () => {
    const doc = contractDocument(
      tender,
      lot,
      '乙公司',
      facts({
        kind: 'premium',
        fundStandard: '90.00',
        population: 1000,
        fund: '90000.00',
        contractAmount: '90000.00',
        allowanceRate: '0.03',
        allowance: '2700.00',
        deficitRule: 'within-allowance',
        retentions: [
          { kind: 'reserve', share: '0.05' },
          { kind: 'deposit', share: '0.03' },
        ],
      }),
      [
        milestone({ name: '第一季度资金', base: 'fund', trigger: 'on-application', period: 'Q1' }),
        milestone({
          seq: 2,
          name: '保证金',
          base: 'deposit',
          remainder: true,
          trigger: 'after-assessment',
          amountRule: 'deposit',
          amount: '2700.00',
        }),
        milestone({ seq: 3, name: '清算', base: 'fund', trigger: 'after-settlement' }),
      ],
      { name: '模板' },
      [{ kind: 'points', passMark: '85', failDeductionRate: '0.005' }],
      10,
    );
    expect(doc.title).toBe('项目 第1包（中心片区）2024年度保险承办合同（草稿）');
    expect(doc.premium).toEqual({
      retentions: [
        { name: '风险调节金', share: '5%', amount: '4500.00' },
        { name: '年度考核保证金', share: '3%', amount: '2700.00' },
      ],
      netFund: '82800.00',
      deficit: expect.stringContaining('风险调节金弥补'),
    });
    expect(doc.schedule.milestones.map((m) => [m.basis, m.condition, m.amount, m.pending])).toEqual([
      ['按季申请，甲方核准', '按申请核准拨付', null, '按核准金额'],
      ['考核保证金余额', '年度考核定稿后，考核合格返还保证金，不合格不予返还', '2700.00', '按清算结果'],
      ['年度清算结果', '年度清算后', null, '按清算结果'],
    ]);
    expect(doc.assessment.clauses[0]).toContain('在年度清算中扣除');
  });

  it('fixed price: the whole term from the effective date, no contract year in the title', () => {
    const doc = contractDocument(
      { ...tender, contractYears: 1 },
      lot,
      '乙公司',
      facts({
        kind: 'fixed-price',
        termStart: '2025-03-15',
        termEnd: '2026-03-14',
        serviceAmount: '100.00',
        contractAmount: '100.00',
        status: 'signed',
      }),
      [milestone({ share: '0.5', amount: '50.00' })],
      { name: '模板' },
      [],
      10,
    );
    expect(doc.title).toBe('项目 第1包（中心片区）服务合同');
    expect(doc.template).toBe('contract-fixed-price');
    expect(doc.term).toMatchObject({ start: '2025-03-15', end: '2026-03-14', months: 12, annual: false });
    expect(doc.acceptance).toBe(false);
  });
});
