import { D, fen } from '../decimal';
import { lotPricing } from '../dossier/dossier.schema';
import type { Component, ContractKind } from '../dossier/dossier.types';
import { retained, type Retention } from './retentions';

/**
 * The amounts of a contract by its kind (DOMAIN.md §6; DOSSIER.md "Bases"):
 * - per-capita: the service amount follows the year's insured population, the fixed fees do not, and
 *   the performance reward is earned only through the assessment;
 * - premium: the fund F = funding standard × population, the allowance A = allowance rate × F;
 * - fixed-price: the bid total less the reward components, for the whole term.
 */

/** Annual service amount (年度经办服务费) = unit price × insured population, half-up to the 分. */
export function serviceAmount(unitPrice: string, population: number): string {
  return fen(new D(unitPrice).times(population));
}

/**
 * The bid form lists the lot's performance reward (绩效考核) among its fixed components so that bids
 * compare on the same total, but the contract pays it only after the annual assessment, graded (§7).
 * A component says which it is (format 2 `kind`); without it, a name holding 绩效 is the reward.
 */
export const isRewardComponent = (c: Component): boolean => (c.kind ? c.kind === 'reward' : c.name.includes('绩效'));

/** Fixed fees paid with the contract: the fixed components of kind fee. */
export function contractFees(components: readonly Component[]): Component[] {
  return components.filter((c) => !isRewardComponent(c)).map((c) => ({ name: c.name, amount: fen(c.amount) }));
}

/** Per-capita: what the contract pays unconditionally for the year, service amount plus fixed fees. */
export function contractAmount(service: string, fees: readonly Component[]): string {
  return fen(fees.reduce((sum, f) => sum.plus(f.amount), new D(service)));
}

/** The premium fund F = funding standard × insured population on the reference date, to the 分. */
export function premiumFund(fundStandard: string, population: number): string {
  return fen(new D(fundStandard).times(population));
}

/** The allowance A for operating cost and profit = a × F, to the 分. */
export function allowance(fund: string, allowanceRate: string): string {
  return fen(new D(fund).times(allowanceRate));
}

/** Fixed-price: the corrected bid total less the components of kind reward (paid through the assessment). */
export function fixedPriceAmount(bidTotal: string, components: readonly Component[]): string {
  return fen(components.filter(isRewardComponent).reduce((rest, c) => rest.minus(c.amount), new D(bidTotal)));
}

/** Everything a contract's amounts are drawn from; the fields its kind does not use are ignored. */
export interface ContractInputs {
  kind: ContractKind;
  /** Per-capita: the corrected unit price. */
  unitPrice: string | null;
  /** Per-capita and premium: the insured population on the reference date. */
  population: number | null;
  /** The lot's fixed components (fees and reward). */
  components: readonly Component[];
  /** Fixed-price: the corrected bid total. */
  bidTotal: string | null;
  /** Premium: the per-capita funding standard and the allowance rate. */
  fundStandard: string | null;
  allowanceRate: string | null;
  retentions: readonly Retention[];
  /** The reward base: the assessment's maxReward, else the lot's reward budget. */
  reward: string | null;
}

export interface ContractFigures {
  /** Per-capita: unit price × population; fixed-price: the amount less the fees; premium: null. */
  serviceAmount: string | null;
  fixedFees: Component[];
  /** The `contract` base: per-capita service + fees; premium the fund F; fixed-price the bid less rewards. */
  contractAmount: string;
  fund: string | null;
  allowance: string | null;
}

/** A contract's figures by kind. Throws on a missing input its kind needs: callers check those first. */
export function contractFigures(c: ContractInputs): ContractFigures {
  const need = <T>(v: T | null, what: string): T => {
    if (v === null) throw new Error(`a ${c.kind} contract needs ${what}`);
    return v;
  };
  const fees = contractFees(c.components);
  switch (c.kind) {
    case 'per-capita': {
      const service = serviceAmount(need(c.unitPrice, 'a unit price'), need(c.population, 'a population'));
      return { serviceAmount: service, fixedFees: fees, contractAmount: contractAmount(service, fees), fund: null, allowance: null };
    }
    case 'premium': {
      const fund = premiumFund(need(c.fundStandard, 'a funding standard'), need(c.population, 'a population'));
      return {
        serviceAmount: null,
        fixedFees: [],
        contractAmount: fund,
        fund,
        allowance: allowance(fund, need(c.allowanceRate, 'an allowance rate')),
      };
    }
    case 'fixed-price': {
      const amount = fixedPriceAmount(need(c.bidTotal, 'a bid total'), c.components);
      const service = fen(fees.reduce((rest, f) => rest.minus(f.amount), new D(amount)));
      return { serviceAmount: service, fixedFees: fees, contractAmount: amount, fund: null, allowance: null };
    }
  }
}

/** The bases a schedule's milestones divide (DOSSIER.md "Bases"); null where the contract has none. */
export function baseAmounts(f: Pick<ContractFigures, 'contractAmount' | 'fund'>, retentions: readonly Retention[], reward: string | null) {
  const hasDeposit = f.fund !== null && retentions.some((r) => r.kind === 'deposit');
  return {
    contract: f.contractAmount,
    fund: f.fund,
    reward: reward === null ? null : fen(reward),
    deposit: hasDeposit ? retained(f.fund!, retentions, 'deposit') : null,
  };
}

/**
 * A contract's term (DOMAIN.md §6): it starts on the effective date (by default 1 January of its year)
 * and runs a year, or for a fixed-price contract the tender's whole term in years (Foshan: one year
 * from the effective date; hospital 001: the whole service period). The end is the day before the
 * same date `months` later.
 */
export function contractTerm(kind: ContractKind, year: number, effectiveDate: string | null, termYears: number) {
  const start = effectiveDate ?? `${year}-01-01`;
  const months = kind === 'fixed-price' ? 12 * termYears : 12;
  const [y, m, d] = start.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d - 1));
  return { start, end: end.toISOString().slice(0, 10), months };
}

/**
 * A lot's contract kind: as its tender states it, else as the lot is priced (DOMAIN.md §6: a rate-priced
 * lot is a premium fund, a lump sum a fixed price, a unit price a per-capita fee).
 */
export const contractKindOf = (
  contractKind: ContractKind | null | undefined,
  lot: { pricing?: string | null; basePopulation?: unknown; maxUnitPrice?: unknown },
): ContractKind => contractKind ?? ({ rate: 'premium', 'lump-sum': 'fixed-price', 'unit-price': 'per-capita' } as const)[lotPricing(lot)];

/** Per-capita and premium contracts are signed each year (合同一年一签); a fixed-price one once for the term. */
export const annual = (kind: ContractKind): boolean => kind !== 'fixed-price';
