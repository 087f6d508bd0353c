import type { AuthUser } from '../auth/decorators';
import { seesUnpublishedResults } from '../domain/access-policy';
import type { Bidder } from '../bids/bidder.entity';
import type { Contract } from '../contracts/contract.entity';
import type { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { chinaDay } from '../documents/format';
import { ASSESSMENT, can } from '../domain/lifecycles';
import type { Tender } from '../tenders/tender.entity';
import type { AssessmentFile } from './assessment-file.entity';
import type { AssessmentObjection } from './assessment-objection.entity';
import type { AssessmentScheme } from './assessment-scheme.entity';
import type { ContractAssessment } from './contract-assessment.entity';
import { assessmentDue, reportDue, rewardDue } from './deadlines';
import { outcome, type Outcome } from './outcome';

/** An assessment with what it is read with: its contract (tender, insurer) and its scheme. */
export type FullAssessment = ContractAssessment & { contract: Contract & { tender: Tender; bidder: Bidder }; scheme: AssessmentScheme };
export const FULL_RELATIONS = { contract: { tender: true, bidder: true }, scheme: true } as const;

export type FileInfo = Omit<AssessmentFile, 'content'>;

/** A scheme as the API shows it. */
export const schemeView = ({ id, tenderId, code, name, kind, passMark, failDeductionRate, bands, items, due }: AssessmentScheme) => ({
  id,
  tenderId,
  code,
  name,
  kind,
  passMark,
  failDeductionRate,
  bands,
  items,
  due,
});

/** The bureau sees the scores and the result as they are made; the insurer once they are published. */
export const seesResult = (user: AuthUser, a: ContractAssessment): boolean =>
  seesUnpublishedResults(user) || can(ASSESSMENT, a.status, 'show-result');

export const resultView = ({ lot: _l, year: _y, scheme: _s, kind: _k, ...result }: Outcome) => result;

export function deadlines(a: FullAssessment) {
  return {
    reportDue: reportDue(a.contract.year),
    assessmentDue: assessmentDue(a.contract.year, a.scheme.due),
    objectionDeadline: a.objectionDeadline,
    rewardDue: a.finalisedAt ? rewardDue(chinaDay(a.finalisedAt)) : null,
  };
}

export function summaryView(user: AuthUser, a: FullAssessment, lotName: string) {
  const c = a.contract;
  return {
    id: a.id,
    status: a.status,
    contractId: c.id,
    tenderId: c.tenderId,
    tenderCode: c.tender.code,
    tenderName: c.tender.name,
    lotNo: c.lotNo,
    lotName,
    year: c.year,
    insurer: c.bidder.name,
    organizationId: c.bidder.organizationId,
    schemeCode: a.scheme.code,
    schemeName: a.scheme.name,
    kind: a.scheme.kind,
    deadlines: deadlines(a),
    submittedAt: a.submittedAt,
    publishedAt: a.publishedAt,
    finalisedAt: a.finalisedAt,
    result: seesResult(user, a) ? resultView(a.result) : null,
  };
}

export interface DetailParts {
  lotName: string;
  files: FileInfo[];
  objections: AssessmentObjection[];
  milestone: PaymentMilestone | null;
}

export function detailView(user: AuthUser, a: FullAssessment, { lotName, files, objections, milestone }: DetailParts) {
  const shown = seesResult(user, a);
  const c = a.contract;
  const self =
    a.selfItems &&
    outcome(a.scheme, { lotNo: c.lotNo, year: c.year, operatingCost: a.operatingCost, maxReward: a.maxReward, items: a.selfItems });
  return {
    ...summaryView(user, a, lotName),
    contract: { id: c.id, status: c.status, contractAmount: c.contractAmount, rewardBudget: c.rewardBudget },
    scheme: schemeView(a.scheme),
    items: shown ? a.items : null,
    operatingCost: shown ? a.operatingCost : null,
    maxReward: shown ? a.maxReward : null,
    selfAssessment: self && {
      items: a.selfItems,
      summary: a.selfSummary,
      submittedAt: a.submittedAt,
      score: self.score,
      grade: self.grade,
    },
    // Before publication the insurer sees its own report and evidence, not the bureau's evidence.
    files: files.filter((f) => shown || f.kind !== 'evidence'),
    objections,
    rewardMilestone: milestone && {
      id: milestone.id,
      seq: milestone.seq,
      name: milestone.name,
      amount: milestone.amount,
      status: milestone.status,
      dueDate: milestone.dueDate,
    },
  };
}
