import type { EntityManager } from 'typeorm';

/** DOMAIN.md §7: an insurer that failed the points assessment in two or more years; null when it did not. */
export type RepeatedFailures = { failedYears: number[] } | null;

/**
 * The repeated-failure flag shown on bids: assessments (a later stage) knows it, so bids owns this
 * port and assessments provides it (the application binds them, backend/src/ports.module.ts).
 */
export abstract class RepeatedFailureSource {
  /** The flag of each of the organisations that has one. */
  abstract flags(m: EntityManager, organizationIds: (number | null)[]): Promise<Map<number, RepeatedFailures>>;
}
