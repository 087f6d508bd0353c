import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/decorators';

/**
 * What a re-evaluation must know of a lot's contracts (a later stage): a signed contract binds the winner,
 * so the lot is not reopened under it; a draft drawn for the winner of the award being set aside is
 * withdrawn with it. Evaluation owns this port, contracts provides it (backend/src/ports.module.ts).
 */
export abstract class LotContracts {
  /** The years of the lot's contracts that are signed. */
  abstract signedYears(m: EntityManager, tenderId: number, lotNo: string): Promise<number[]>;
  /** Terminates the lot's drafts (audited, with the reason); the years withdrawn. */
  abstract withdrawDrafts(m: EntityManager, actor: AuthUser, tenderId: number, lotNo: string, reason: string): Promise<number[]>;
}
