import { D, fen } from '../decimal';
import type { MilestoneStatus } from '../lifecycles';

/**
 * The ledger of DOMAIN.md §6.1: per contract, each milestone with what is due, payable, paid, withheld
 * and outstanding and whether it is overdue; per year, those sums per insurer, lot and buyer. Pure:
 * the milestones come as stored, `today` is the China day the ledger is drawn on.
 */

export interface LedgerMilestone {
  seq: number;
  name: string;
  status: MilestoneStatus;
  /** Null while unknown (an application not yet approved, a settlement not yet made). */
  amount: string | null;
  dueDate: string | null;
  paidOn: string | null;
  voucher: string | null;
  withheldReason: string | null;
}

export interface Amounts {
  /** What the schedule says the milestone pays (unknown amounts count 0). */
  due: string;
  /** Released and not yet paid: what the bureau owes now. */
  payable: string;
  paid: string;
  withheld: string;
  /** Not yet paid and not withheld: payable now or later. */
  outstanding: string;
  /** Payable past its due date. */
  overdue: string;
}

export type LedgerLine<M extends LedgerMilestone = LedgerMilestone> = M & Amounts & { isOverdue: boolean };

export type LedgerColumn = keyof Amounts;
/** The ledger's amount columns in the order they are shown. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = ['due', 'payable', 'paid', 'withheld', 'outstanding', 'overdue'];

export const LEDGER_GROUPINGS = ['byInsurer', 'byLot', 'byBuyer'] as const;
export type LedgerGrouping = (typeof LEDGER_GROUPINGS)[number];

/**
 * A payable milestone is overdue the day after its due date (the due date itself is still in time).
 * A pending one is not: what it waits for has not happened, so nothing is owed yet.
 */
export function ledgerLine<M extends LedgerMilestone>(m: M, today: string): LedgerLine<M> {
  const amount = fen(m.amount ?? 0);
  const isOverdue = m.status === 'payable' && m.dueDate !== null && m.dueDate < today;
  const of = (yes: boolean) => (yes ? amount : '0.00');
  return {
    ...m,
    due: amount,
    payable: of(m.status === 'payable'),
    paid: of(m.status === 'paid'),
    withheld: of(m.status === 'withheld'),
    outstanding: of(m.status === 'payable' || m.status === 'pending'),
    overdue: of(isOverdue),
    isOverdue,
  };
}

/** Adds the amounts of lines (or of subtotals) column by column, exactly. */
export function sumAmounts(parts: readonly Amounts[]): Amounts {
  return Object.fromEntries(LEDGER_COLUMNS.map((k) => [k, fen(parts.reduce((s, p) => s.plus(p[k]), new D(0)))])) as unknown as Amounts;
}

/** A contract's ledger: its lines in schedule order (each milestone with its amounts) and their totals. */
export function contractLedger<M extends LedgerMilestone>(
  milestones: readonly M[],
  today: string,
): { lines: LedgerLine<M>[]; totals: Amounts } {
  const lines = [...milestones].sort((a, b) => a.seq - b.seq).map((m) => ledgerLine(m, today));
  return { lines, totals: sumAmounts(lines) };
}

/** What a yearly ledger groups by: the contract's insurer, its lot and the tender's buyer (采购人). */
export interface LedgerContract {
  contractId: number;
  insurer: string;
  lot: string;
  buyer: string;
  totals: Amounts;
}

export interface LedgerGroup extends Amounts {
  key: string;
  contracts: number;
}

/** One year's ledger summed per insurer, per lot and per buyer, each sorted by key, with the grand total. */
export function yearLedger(contracts: readonly LedgerContract[]): Record<LedgerGrouping, LedgerGroup[]> & { total: Amounts } {
  const by = (key: (c: LedgerContract) => string): LedgerGroup[] => {
    const groups = new Map<string, LedgerContract[]>();
    for (const c of contracts) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
      .map(([k, cs]) => ({ key: k, contracts: cs.length, ...sumAmounts(cs.map((c) => c.totals)) }));
  };
  return {
    byInsurer: by((c) => c.insurer),
    byLot: by((c) => c.lot),
    byBuyer: by((c) => c.buyer),
    total: sumAmounts(contracts.map((c) => c.totals)),
  };
}
