import { D } from '../domain/decimal';
import { DEFAULT_GRADE_BANDS } from '../domain/assessments/assessment';
import { chineseDate, percent } from '../documents/format';
import type { DocumentData } from '../documents/templates';
import type { AssessmentBand, Component, Num } from '../domain/dossier/dossier.types';
import { annual, contractTerm } from '../domain/contracts/amounts';
import type { DueRule, Schedule } from '../domain/contracts/payment-schedule';
import { fundNetOfRetentions, retained } from '../domain/contracts/retentions';
import type { ContractKind } from '../domain/dossier/dossier.types';
import type { Contract } from './contract.entity';
import type { PaymentMilestone } from './payment-milestone.entity';
import { label } from '../domain/labels';
import { can, CONTRACT } from '../domain/lifecycles';

/**
 * What the contract and award-notice templates receive: plain data in the wording of the documents,
 * built from the stored records by pure functions (the templates only lay it out).
 */

export interface TenderFacts {
  code: string;
  name: string;
  purchaser: string;
  agency: string;
  firstContractYear: number;
  contractYears: number;
}

export interface LotFacts {
  no: string;
  name: string;
  regions: string[];
  basePopulation: number | null;
  minStaff: number | null;
}

export type MilestoneFacts = Pick<
  PaymentMilestone,
  'seq' | 'name' | 'base' | 'share' | 'fixedAmount' | 'remainder' | 'trigger' | 'amountRule' | 'period' | 'dueRule' | 'dueDate' | 'amount'
>;

export type ContractFacts = Pick<
  Contract,
  | 'kind'
  | 'year'
  | 'status'
  | 'termStart'
  | 'termEnd'
  | 'unitPrice'
  | 'population'
  | 'serviceAmount'
  | 'fixedFees'
  | 'contractAmount'
  | 'rewardBudget'
  | 'fundStandard'
  | 'fund'
  | 'allowanceRate'
  | 'allowance'
  | 'policyDeficitShare'
  | 'deficitRule'
  | 'retentions'
>;

export interface ContractDocument extends DocumentData {
  /** The template of the contract's kind (templates/contract-<kind>.hbs). */
  template: string;
  number: string;
  draft: boolean;
  kind: ContractKind;
  tender: TenderFacts;
  lot: LotFacts;
  parties: { label: string; name: string }[];
  term: { year: number; start: string; end: string; months: number; annual: boolean; firstYear: number; lastYear: number };
  amounts: {
    population: number | null;
    populationProvisional: boolean;
    unitPrice: string | null;
    serviceAmount: string | null;
    fees: Component[];
    contractAmount: string;
    rewardBudget: string | null;
    fundStandard: string | null;
    fund: string | null;
    allowanceRate: string | null;
    allowance: string | null;
  };
  /** Premium only: the retentions of the fund and the settlement's terms. */
  premium: {
    retentions: { name: string; share: string; amount: string }[];
    netFund: string;
    deficit: string;
  } | null;
  /** Fixed price: whether a payment waits for the acceptance (验收). */
  acceptance: boolean;
  schedule: {
    name: string;
    notes: string[];
    milestones: { seq: number; name: string; condition: string; basis: string; amount: string | null; pending: string; due: string }[];
  };
  assessment: { clauses: string[]; objectionDays: number };
}

/** What the contract needs of an assessment scheme (a stored one or a dossier's). */
export interface SchemeTerms {
  kind: 'points' | 'deduction';
  passMark?: Num | null;
  failDeductionRate?: Num | null;
  bands?: AssessmentBand[] | null;
}

const lastYear = (t: TenderFacts) => t.firstContractYear + t.contractYears - 1;

/** 合同编号: tender code, lot and year, which identify a contract uniquely. */
export const contractNumber = (tenderCode: string, lotNo: string, year: number) => `${tenderCode}-${lotNo}-${year}`;

const KIND_TITLES: Record<ContractKind, string> = {
  'per-capita': '委托经办服务合同',
  premium: '保险承办合同',
  'fixed-price': '服务合同',
};

export function contractDocument(
  tender: TenderFacts,
  lot: LotFacts,
  insurer: string,
  contract: ContractFacts,
  milestones: MilestoneFacts[],
  schedule: Pick<Schedule, 'name' | 'notes'>,
  assessmentSchemes: SchemeTerms[],
  objectionDays: number,
): ContractDocument {
  // Unsigned, its amounts still provisional: the document says it is a draft.
  const draft = can(CONTRACT, contract.status, 'amend');
  const kind = contract.kind;
  const term = contractTerm(kind, contract.year, contract.termStart, tender.contractYears);
  const period = annual(kind) ? `${contract.year}年度` : '';
  return {
    title: `${tender.name} 第${lot.no}包（${lot.name}）${period}${KIND_TITLES[kind]}${draft ? '（草稿）' : ''}`,
    template: `contract-${kind}`,
    number: contractNumber(tender.code, lot.no, contract.year),
    draft,
    kind,
    tender,
    lot,
    parties: [
      { label: '甲方', name: tender.purchaser },
      { label: '乙方', name: insurer },
    ],
    term: {
      year: contract.year,
      start: contract.termStart,
      end: contract.termEnd,
      months: term.months,
      annual: annual(kind),
      firstYear: tender.firstContractYear,
      lastYear: lastYear(tender),
    },
    amounts: {
      population: contract.population ?? lot.basePopulation,
      populationProvisional: contract.population === null,
      unitPrice: contract.unitPrice,
      serviceAmount: contract.serviceAmount,
      fees: contract.fixedFees,
      contractAmount: contract.contractAmount,
      rewardBudget: contract.rewardBudget,
      fundStandard: contract.fundStandard,
      fund: contract.fund,
      allowanceRate: contract.allowanceRate,
      allowance: contract.allowance,
    },
    premium: kind === 'premium' ? premiumTerms(contract) : null,
    acceptance: milestones.some((m) => m.trigger === 'after-acceptance'),
    schedule: {
      name: schedule.name,
      notes: schedule.notes ?? [],
      milestones: milestones.map((m) => ({
        seq: m.seq,
        name: m.name,
        condition: conditionText(m),
        basis: basisText(m),
        amount: m.amount,
        pending: m.trigger === 'on-application' ? '按核准金额' : '按清算结果',
        due: dueText(m.dueRule, m.dueDate),
      })),
    },
    assessment: {
      clauses: assessmentClauses(contract.rewardBudget !== null && kind !== 'premium', assessmentSchemes, kind),
      objectionDays,
    },
  };
}

/** The retentions of a premium fund with their amounts, the fund net of them, and who bears a deficit. */
function premiumTerms(c: ContractFacts): NonNullable<ContractDocument['premium']> {
  const fund = c.fund ?? '0';
  const retentions = c.retentions.map((r) => ({
    name: label('retentionKind', r.kind),
    share: percent(r.share),
    amount: retained(fund, [r], r.kind),
  }));
  const deficit =
    c.deficitRule === 'shared'
      ? `因医疗保障政策调整等政策性原因造成当年资金亏损的，由医保基金与乙方分担，乙方承担亏损额的${percent(c.policyDeficitShare ?? '0')}`
      : c.deficitRule === 'within-allowance'
        ? '因医疗保障政策调整等政策性原因造成当年资金亏损的，乙方以扣减后的运营成本及盈利额为限承担，超出部分先由风险调节金弥补，仍有不足的通过以后年度筹资解决'
        : '因政策性原因造成当年资金亏损的，由双方按年度清算办法协商处理';
  return { retentions, netFund: fundNetOfRetentions(fund, c.retentions), deficit };
}

/** When a milestone becomes payable, in the contract's words. */
function conditionText(m: MilestoneFacts): string {
  const base = label('milestoneTrigger', m.trigger);
  if (m.trigger === 'after-service-evaluation' && m.period) return `${periodText(m.period)}服务考评合格后`;
  if (m.trigger === 'after-assessment' && m.amountRule) return `年度考核定稿后，${label('amountRule', m.amountRule)}`;
  return base;
}

/** H1 → 上半年; Q2 → 第二季度; any other label as it stands. */
function periodText(period: string): string {
  const halves: Record<string, string> = { H1: '上半年', H2: '下半年' };
  const quarter = /^Q([1-4])$/.exec(period);
  return halves[period] ?? (quarter ? `第${'一二三四'[Number(quarter[1]) - 1]}季度` : period);
}

/** What a milestone's amount is drawn from: a share of its base, a fixed amount, the rest of its base, or an event's figure. */
function basisText(m: MilestoneFacts): string {
  if (m.trigger === 'on-application') return '按季申请，甲方核准';
  if (m.trigger === 'after-settlement') return '年度清算结果';
  const base = label('milestoneBase', m.base);
  if (m.remainder) return `${base}余额`;
  if (m.share !== null) return `${base}的${percent(m.share)}`;
  return '固定金额';
}

function dueText(rule: DueRule | null, date: string | null): string {
  if (date) return `${chineseDate(date)}前`;
  if (rule && 'monthsAfterSigning' in rule) {
    const month =
      rule.monthsAfterSigning === 0 ? '签订当月' : rule.monthsAfterSigning === 1 ? '签订次月' : `签订后第${rule.monthsAfterSigning}个月`;
    return `${month}${rule.day === 'end' ? '月底' : `${rule.day}日`}前`;
  }
  return '条件成就后';
}

/** The tender's scheme a contract is assessed by: the deduction scheme where the lot has a reward, else a points scheme. */
export function assessingScheme<S extends SchemeTerms>(hasReward: boolean, schemes: S[]): S | undefined {
  return hasReward ? schemes.find((s) => s.kind === 'deduction') : schemes.find((s) => s.kind === 'points' && s.passMark != null);
}

/**
 * The assessment terms of the contract. A lot with a reward budget is graded by the deduction scheme
 * (the grade sets the reward, DOMAIN.md §7); otherwise a points scheme decides pass or deduction.
 */
export function assessmentClauses(hasReward: boolean, schemes: SchemeTerms[], kind: ContractKind = 'per-capita'): string[] {
  const scheme = assessingScheme(hasReward, schemes);
  if (hasReward) {
    return [
      '考核实行百分制扣分，各考核项目的扣分以该项目分值为限，扣完为止。',
      gradeBandsClause(scheme?.bands ?? DEFAULT_GRADE_BANDS),
      '绩效考核奖励按考核等级对应的比例结算，支付时间见本合同付款计划。',
    ];
  }
  if (scheme) {
    const rate = scheme.failDeductionRate != null ? `的${percent(scheme.failDeductionRate)}` : '';
    const where = kind === 'premium' ? '，在年度清算中扣除' : '';
    return [
      `考核满分为100分，得分${num(scheme.passMark!)}分（含）以上为达标，按合同约定全额结算运营成本（含盈利率）；低于${num(scheme.passMark!)}分为不达标，扣减当年运营成本（含盈利率）${rate}${where}。连续两年以上考核不达标的，作为后续采购评审的扣分因素。`,
    ];
  }
  return ['考核办法由甲方会同有关部门另行制定，并于考核开始前书面告知乙方。'];
}

/** 90分（含）以上为“优秀”，按…的100%给予奖励；80分（含）至90分为“良好”，…；60分以下为“不合格”，… */
export function gradeBandsClause(bands: AssessmentBand[]): string {
  const sorted = [...bands].sort((a, b) => new D(b.min).cmp(a.min));
  const parts = sorted.map((band, i) => {
    const range =
      i === 0
        ? `${num(band.min)}分（含）以上`
        : new D(band.min).isZero()
          ? `${num(sorted[i - 1].min)}分以下`
          : `${num(band.min)}分（含）至${num(sorted[i - 1].min)}分`;
    const reward = new D(band.rewardRate).isZero() ? '不予奖励' : `按绩效考核奖励最高金额的${percent(band.rewardRate)}给予奖励`;
    return `${range}为“${band.grade}”，${reward}${band.terminate ? '，甲方有权提前解除本合同' : ''}`;
  });
  return `考核结果分为${sorted.length}个等级：${parts.join('；')}。`;
}

const num = (v: Num): string => new D(v).toString();

export interface AwardNoticeDocument extends DocumentData {
  number: string;
  tender: TenderFacts;
  lot: LotFacts;
  winner: string;
  bid: {
    unitPrice: string | null;
    serviceTotal: string | null;
    fixedComponents: Component[];
    total: string | null;
    rate: string | null;
    deficitShare: string | null;
  };
  score: string;
  term: { start: string; end: string; annual: boolean };
  issuedOn: string;
}

export function awardNoticeDocument(
  tender: TenderFacts,
  lot: LotFacts,
  winner: string,
  bid: AwardNoticeDocument['bid'],
  score: string,
  issuedOn: string,
  annual: boolean,
): AwardNoticeDocument {
  return {
    title: `中标通知书 ${tender.code} 第${lot.no}包`,
    number: `${tender.code}-${lot.no}`,
    tender,
    lot,
    winner,
    bid,
    score,
    term: { start: `${tender.firstContractYear}-01-01`, end: `${lastYear(tender)}-12-31`, annual },
    issuedOn,
  };
}
