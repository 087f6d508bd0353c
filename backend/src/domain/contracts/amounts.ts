import { D, fen } from '../decimal';
import type { Component } from '../dossier/dossier.types';

/**
 * The amounts of an annual contract (DOMAIN.md §6): the service amount follows the insured population
 * of the year, the fixed fees do not, and the performance reward is earned only through the assessment.
 */

/** Annual service amount (年度经办服务费) = unit price × insured population, half-up to the 分. */
export function serviceAmount(unitPrice: string, population: number): string {
  return fen(new D(unitPrice).times(population));
}

/**
 * The bid form lists the lot's performance reward (绩效考核) among its fixed components so that bids
 * compare on the same total, but the contract pays it only after the annual assessment, graded (§7).
 */
export const isRewardComponent = (c: Component): boolean => c.name.includes('绩效');

/** Fixed fees paid with the service amount: the fixed components except the performance reward. */
export function contractFees(components: Component[]): Component[] {
  return components.filter((c) => !isRewardComponent(c)).map((c) => ({ name: c.name, amount: fen(c.amount) }));
}

/** What the contract pays unconditionally for the year: service amount plus fixed fees. */
export function contractAmount(service: string, fees: Component[]): string {
  return fen(fees.reduce((sum, f) => sum.plus(f.amount), new D(service)));
}
