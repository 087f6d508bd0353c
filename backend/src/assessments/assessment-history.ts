import { EntityManager, FindOptionsWhere, In } from 'typeorm';
import type { Contract } from '../contracts/contract.entity';
import { FULL_RELATIONS, type FullAssessment } from './assessment-views';
import { ContractAssessment } from './contract-assessment.entity';
import { flagRepeatedFailures, type AssessmentRecord } from '../domain/assessments';
import type { RepeatedFailures } from '../bids/repeated-failures';

/**
 * The final assessments of the contracts won by the organisations' bidders, by year; of those, only the
 * contracts `reached` (a bureau official's: its buyer's, see contractsReached).
 */
async function finalAssessments(
  m: EntityManager,
  organizationIds: number[],
  reached: FindOptionsWhere<Contract> = {},
): Promise<FullAssessment[]> {
  const found = (await m.find(ContractAssessment, {
    where: { status: 'final', contract: { ...reached, bidder: { organizationId: In(organizationIds) } } },
    relations: FULL_RELATIONS,
  })) as FullAssessment[];
  return found.sort(
    (a, b) =>
      a.contract.year - b.contract.year ||
      a.contract.tender.code.localeCompare(b.contract.tender.code) ||
      a.contract.lotNo.localeCompare(b.contract.lotNo),
  );
}

const record = (a: FullAssessment): AssessmentRecord => ({
  insurer: String(a.contract.bidder.organizationId),
  year: a.contract.year,
  passed: a.result.passed,
  kind: a.scheme.kind,
});

/**
 * The repeated-failure flag of each of the organisations that has one, for the bids of a later tender:
 * the flag is offered to the panel as a deduction (DOMAIN.md §7).
 */
export async function repeatedFailures(m: EntityManager, organizationIds: (number | null)[]): Promise<Map<number, RepeatedFailures>> {
  const ids = [...new Set(organizationIds.filter((id): id is number => id !== null))];
  if (!ids.length) return new Map();
  const flags = flagRepeatedFailures((await finalAssessments(m, ids)).map(record));
  return new Map(flags.map((f) => [Number(f.insurer), { failedYears: f.failedYears }]));
}

/**
 * An organisation's final assessments across tenders and years of the contracts `reached`, and its
 * repeated-failure flag as those show it.
 */
export async function organizationHistory(m: EntityManager, organizationId: number, reached: FindOptionsWhere<Contract>) {
  const assessments = await finalAssessments(m, [organizationId], reached);
  const [flag] = flagRepeatedFailures(assessments.map(record));
  return {
    entries: assessments.map((a) => ({
      assessmentId: a.id,
      contractId: a.contractId,
      tenderId: a.contract.tenderId,
      tenderCode: a.contract.tender.code,
      tenderName: a.contract.tender.name,
      lotNo: a.contract.lotNo,
      year: a.contract.year,
      schemeCode: a.scheme.code,
      schemeName: a.scheme.name,
      kind: a.scheme.kind,
      passMark: a.scheme.kind === 'points' ? a.scheme.passMark : null,
      bands: a.scheme.kind === 'deduction' ? (a.scheme.bands ?? []).map((b) => ({ min: String(b.min), grade: b.grade })) : null,
      score: a.result.score,
      grade: a.result.grade,
      passed: a.result.passed,
      rewardRate: a.result.rewardRate,
      rewardAmount: a.result.rewardAmount,
      deductionAmount: a.result.deductionAmount,
      terminate: a.result.terminate,
      finalisedAt: a.finalisedAt,
    })),
    repeatedFailures: (flag ? { failedYears: flag.failedYears } : null) as RepeatedFailures,
  };
}

export type HistoryEntry = Awaited<ReturnType<typeof organizationHistory>>['entries'][number];
