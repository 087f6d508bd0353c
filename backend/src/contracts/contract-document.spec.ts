import { DEFAULT_GRADE_BANDS } from '../domain/assessments/assessment';
import { assessmentClauses, contractDocument, gradeBandsClause } from './contract-document';

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

  it('marks a draft, shows the provisional population and words each payment term', () => {
    const doc = contractDocument(
      tender,
      lot,
      '乙公司',
      {
        year: 2024,
        status: 'draft',
        unitPrice: '1.10',
        population: null,
        serviceAmount: '1100.00',
        fixedFees: [],
        contractAmount: '1100.00',
        rewardBudget: null,
      },
      [
        {
          seq: 1,
          name: '首付',
          base: 'contract',
          share: '0.3',
          fixedAmount: null,
          trigger: 'on-signing',
          dueRule: { monthsAfterSigning: 1, day: 'end' },
          dueDate: null,
          amount: '330.00',
        },
        {
          seq: 2,
          name: '季度',
          base: 'contract',
          share: '0.2',
          fixedAmount: null,
          trigger: 'on-application',
          dueRule: { month: 4, day: 'end' },
          dueDate: '2024-04-30',
          amount: '220.00',
        },
        {
          seq: 3,
          name: '验收',
          base: 'contract',
          share: '0.5',
          fixedAmount: null,
          trigger: 'after-acceptance',
          dueRule: null,
          dueDate: null,
          amount: '550.00',
        },
      ],
      { name: '模板', notes: [] },
      [],
    );
    expect(doc.title).toBe('项目 第1包（中心片区）2024年度服务合同（草稿）');
    expect(doc.number).toBe('T-1-1-2024');
    expect(doc.prices).toMatchObject({ population: 1000, populationProvisional: true });
    expect(doc.term).toEqual({ year: 2024, start: '2024-01-01', end: '2024-12-31', firstYear: 2023, lastYear: 2025 });
    expect(doc.schedule.milestones.map((m) => [m.condition, m.share, m.due])).toEqual([
      ['合同签订后', '30%', '签订次月月底前'],
      ['按季申请拨付', '20%', '2024年4月30日前'],
      ['验收（清算）通过后', '50%', '条件成就后'],
    ]);
  });
});
