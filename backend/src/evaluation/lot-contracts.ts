import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import type { ContractResult } from '../domain/contracts/contract-status';

/**
 * What the evaluation must know of a tender's contracts (a later stage). A re-evaluation: a signed contract binds the winner,
 * so the lot is not reopened under it; a draft drawn for the winner of the award being set aside is
 * withdrawn with it; the results of an awarded tender show its contracts. Evaluation owns this port, contracts provides it (backend/src/ports.module.ts).
 */
export abstract class LotContracts {
  /** The years of the lot's contracts that are signed. */
  abstract signedYears(m: EntityManager, tenderId: number, lotNo: string): Promise<number[]>;
  /** Terminates the lot's drafts (audited, with the reason); the years withdrawn. */
  abstract withdrawDrafts(m: EntityManager, actor: AuthUser, tenderId: number, lotNo: string, reason: string): Promise<number[]>;
  /**
   * The tender's contracts as the results' `contracts` part shows them (DOSSIER.md "Evaluation result"):
   * each as it stands, by lot and year, but a draft withdrawn unsigned.
   */
  abstract results(m: EntityManager, tenderId: number): Promise<ContractResult[]>;
}
