import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepeatedFailureSource, type RepeatedFailures } from '../bids/repeated-failures';
import { AssessmentTerms } from '../contracts/assessment-terms';
import type { SchemeTerms } from '../contracts/contract-document';
import { type YearAssessment, YearAssessments } from '../contracts/year-assessment';
import { failDeductionRate } from '../domain/assessments';
import { repeatedFailures } from './assessment-history';
import { AssessmentScheme } from './assessment-scheme.entity';
import { ContractAssessment } from './contract-assessment.entity';

/** What assessments tells the earlier stages, through the ports they own (bound in backend/src/ports.module.ts). */

/** The repeated-failure flags shown on the bids of a later tender. */
@Injectable()
export class AssessmentRepeatedFailures extends RepeatedFailureSource {
  flags(m: EntityManager, organizationIds: (number | null)[]): Promise<Map<number, RepeatedFailures>> {
    return repeatedFailures(m, organizationIds);
  }
}

/** A tender's assessment schemes, as a contract quotes them. */
@Injectable()
export class AssessmentSchemeTerms extends AssessmentTerms {
  schemes(m: EntityManager, tenderId: number): Promise<SchemeTerms[]> {
    return m.findBy(AssessmentScheme, { tenderId });
  }
}

/** A contract's assessment for its settlement: whether it is final, passed, and what a failure deducts. */
@Injectable()
export class ContractYearAssessments extends YearAssessments {
  async ofContract(m: EntityManager, contractId: number): Promise<YearAssessment | null> {
    const a = await m.findOne(ContractAssessment, { where: { contractId }, relations: { scheme: true } });
    if (!a) return null;
    return { final: a.status === 'final', passed: a.result.passed, failDeductionRate: failDeductionRate(a.scheme!) };
  }
}
