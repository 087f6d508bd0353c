import { D, fen } from '../decimal';

/**
 * Retentions of a premium fund (DOMAIN.md §6.1 "Retentions"; Henan, seed 003 art. 22: 每年预留当年筹集
 * 大病保险资金总额的5%作为风险调节金，用于弥补政策性亏损；预留…3%作为年度考核保证金，根据考核结果，按规定
 * 返还乙方). Each is a share of the year's whole fund F, half-up to the 分. The risk reserve is never paid
 * to the insurer: it covers the part of a policy-caused deficit the insurer does not bear (art. 24). The
 * assessment deposit is returned after a passed assessment, else it stays in the fund (forfeited).
 */

export const RETENTION_KINDS = ['reserve', 'deposit'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** A schedule's retention (DOSSIER.md SCHEDULE.retentions): its kind and its share of the fund. */
export interface Retention {
  kind: RetentionKind;
  share: string;
}

/** What the fund withholds of each kind (0.00 when the schedule has none), half-up to the 分. */
export function retained(fund: string, retentions: readonly Retention[], kind: RetentionKind): string {
  return fen(retentions.filter((r) => r.kind === kind).reduce((sum, r) => sum.plus(new D(fund).times(r.share)), new D(0)));
}

/** The fund net of both retentions (art. 21–22: instalments are paid only out of it). */
export function fundNetOfRetentions(fund: string, retentions: readonly Retention[]): string {
  return fen(RETENTION_KINDS.reduce((rest, kind) => rest.minus(retained(fund, retentions, kind)), new D(fund)));
}

/**
 * What the bureau may still approve on a quarterly application (art. 21, §6.1 `on-application`): the
 * fund net of retentions less what was approved before; never below 0.
 */
export function approvable(fund: string, retentions: readonly Retention[], approvedBefore: readonly string[]): string {
  const rest = approvedBefore.reduce((sum, a) => sum.minus(a), new D(fundNetOfRetentions(fund, retentions)));
  return fen(D.max(rest, 0));
}

/** The assessment deposit after the assessment (art. 22, art. 36): returned when it passed, else forfeited. */
export function depositOutcome(
  fund: string,
  retentions: readonly Retention[],
  assessmentPassed: boolean,
): { returned: string; forfeited: string } {
  const deposit = retained(fund, retentions, 'deposit');
  return assessmentPassed ? { returned: deposit, forfeited: '0.00' } : { returned: '0.00', forfeited: deposit };
}

/**
 * How the risk reserve is used at the settlement (art. 24: 其余部分通过风险调节金和提高下年度筹资水平等方式解决):
 * the part of a policy-caused deficit the insurer does not bear is taken from the reserve as far as it
 * goes, the rest (`beyondReserve`) by next year's funding; what the reserve keeps stays in the fund.
 */
export function reserveUse(
  fund: string,
  retentions: readonly Retention[],
  fundBears: string,
): { fromReserve: string; beyondReserve: string; reserveLeft: string } {
  const reserve = new D(retained(fund, retentions, 'reserve'));
  const fromReserve = D.min(reserve, fundBears);
  return {
    fromReserve: fen(fromReserve),
    beyondReserve: fen(new D(fundBears).minus(fromReserve)),
    reserveLeft: fen(reserve.minus(fromReserve)),
  };
}
