import type { EntityManager } from 'typeorm';
import type { SchemeTerms } from './contract-document';

/**
 * The assessment schemes a contract's terms quote: assessments (a later stage) keeps them, so contracts
 * owns this port and assessments provides it (the application binds them, backend/src/ports.module.ts).
 */
export abstract class AssessmentTerms {
  abstract schemes(m: EntityManager, tenderId: number): Promise<SchemeTerms[]>;
}
