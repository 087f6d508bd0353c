import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RepeatedFailureSource, type RepeatedFailures } from '../bids/repeated-failures';
import { AssessmentTerms } from '../contracts/assessment-terms';
import type { SchemeTerms } from '../contracts/contract-document';
import { repeatedFailures } from './assessment-history';
import { AssessmentScheme } from './assessment-scheme.entity';

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
