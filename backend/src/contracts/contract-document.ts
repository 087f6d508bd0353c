import { D } from '../domain/decimal';
import { DEFAULT_GRADE_BANDS } from '../domain/assessments/assessment';
import { chineseDate, percent } from '../documents/format';
import type { DocumentData } from '../documents/templates';
import type { AssessmentBand, Component, Num } from '../domain/dossier/dossier.types';
import type { DueRule, ScheduleTemplate, Trigger } from '../domain/contracts/payment-schedule';
import { label } from '../domain/labels';
import { can, CONTRACT, type ContractStatus } from '../domain/lifecycles';

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

export interface MilestoneFacts {
  seq: number;
  name: string;
  base: 'contract' | 'reward';
  share: string | null;
  fixedAmount: string | null;
  trigger: Trigger;
  dueRule: DueRule | null;
  dueDate: string | null;
  amount: string;
}

export interface ContractFacts {
  year: number;
  status: ContractStatus;
  unitPrice: string;
  population: number | null;
  serviceAmount: string;
  fixedFees: Component[];
  contractAmount: string;
  rewardBudget: string | null;
}

export interface ContractDocument extends DocumentData {
  number: string;
  draft: boolean;
  tender: TenderFacts;
  lot: LotFacts;
  parties: { label: string; name: string }[];
  term: { year: number; start: string; end: string; firstYear: number; lastYear: number };
  prices: {
    unitPrice: string;
    population: number;
    populationProvisional: boolean;
    serviceAmount: string;
    fees: Component[];
    contractAmount: string;
    rewardBudget: string | null;
  };
  schedule: {
    name: string;
    notes: string[];
    milestones: { seq: number; name: string; condition: string; share: string; amount: string; due: string }[];
  };
  assessment: string[];
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

export function contractDocument(
  tender: TenderFacts,
  lot: LotFacts,
  insurer: string,
  contract: ContractFacts,
  milestones: MilestoneFacts[],
  schedule: Pick<ScheduleTemplate, 'name' | 'notes'>,
  assessmentSchemes: SchemeTerms[],
): ContractDocument {
  // Unsigned, its amounts still provisional: the document says it is a draft.
  const draft = can(CONTRACT, contract.status, 'amend');
  return {
    title: `${tender.name} 第${lot.no}包（${lot.name}）${contract.year}年度服务合同${draft ? '（草稿）' : ''}`,
    number: contractNumber(tender.code, lot.no, contract.year),
    draft,
    tender,
    lot,
    parties: [
      { label: '甲方', name: tender.purchaser },
      { label: '乙方', name: insurer },
    ],
    term: {
      year: contract.year,
      start: `${contract.year}-01-01`,
      end: `${contract.year}-12-31`,
      firstYear: tender.firstContractYear,
      lastYear: lastYear(tender),
    },
    prices: {
      unitPrice: contract.unitPrice,
      // contracts are drafted for per-capita lots only, which have a base population (contracts.service)
      population: contract.population ?? lot.basePopulation!,
      populationProvisional: contract.population === null,
      serviceAmount: contract.serviceAmount,
      fees: contract.fixedFees,
      contractAmount: contract.contractAmount,
      rewardBudget: contract.rewardBudget,
    },
    schedule: {
      name: schedule.name,
      notes: schedule.notes,
      milestones: milestones.map((m) => ({
        seq: m.seq,
        name: m.name,
        condition: label('milestoneTrigger', m.trigger),
        share: shareText(m),
        amount: m.amount,
        due: dueText(m.dueRule, m.dueDate),
      })),
    },
    assessment: assessmentClauses(contract.rewardBudget !== null, assessmentSchemes),
  };
}

function shareText(m: MilestoneFacts): string {
  if (m.share === null) return '固定金额';
  return m.base === 'reward' ? `奖励最高额的${percent(m.share)}` : percent(m.share);
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
export function assessmentClauses(hasReward: boolean, schemes: SchemeTerms[]): string[] {
  const scheme = assessingScheme(hasReward, schemes);
  if (hasReward) {
    return [
      '考核实行百分制扣分，各考核项目的扣分以该项目分值为限，扣完为止。',
      gradeBandsClause(scheme?.bands ?? DEFAULT_GRADE_BANDS),
      '绩效考核奖励于考核结果确定后一个月内结算支付。',
    ];
  }
  if (scheme) {
    const rate = scheme.failDeductionRate != null ? `的${percent(scheme.failDeductionRate)}` : '';
    return [
      `考核满分为100分，得分${num(scheme.passMark!)}分（含）以上为达标，按合同约定全额结算运营成本（含盈利率）；低于${num(scheme.passMark!)}分为不达标，扣减当年运营成本（含盈利率）${rate}。连续两年以上考核不达标的，作为后续采购评审的扣分因素。`,
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
  bid: { unitPrice: string; serviceTotal: string; fixedComponents: Component[]; total: string };
  score: string;
  term: { start: string; end: string };
  issuedOn: string;
}

export function awardNoticeDocument(
  tender: TenderFacts,
  lot: LotFacts,
  winner: string,
  bid: AwardNoticeDocument['bid'],
  score: string,
  issuedOn: string,
): AwardNoticeDocument {
  return {
    title: `中标通知书 ${tender.code} 第${lot.no}包`,
    number: `${tender.code}-${lot.no}`,
    tender,
    lot,
    winner,
    bid,
    score,
    term: { start: `${tender.firstContractYear}-01-01`, end: `${lastYear(tender)}-12-31` },
    issuedOn,
  };
}
