import type { Declaration } from './panel/panel-codes';
import type { Role } from './roles';

/**
 * Who may read or change what (DOMAIN.md §1), in one place: the guard checks a route's permission
 * against PERMISSIONS, services ask the rules below for which records of a kind a user reaches, and
 * the role-matrix test reads this table. Pure: the facts (panel seats, own bids) are the caller's.
 */
export const PERMISSIONS = {
  /** Set up tenders, record bidders and paper bids' amounts at the opening, run the opening's review, the panel and the evaluation. */
  'tender.manage': ['procurement'],
  /** Electronic bids (电子投标): the bidder's own staff submit, replace and withdraw them, and read their receipts. */
  'bid.submit': ['insurer'],
  /**
   * The documents of an opened electronic bid: procurement and the tender's panel experts once the bids
   * are opened (sealed before: nobody), the bidder's insurer its own.
   */
  'bid-document.read': ['procurement', 'expert', 'insurer'],
  /** The envelopes received (receipts, no amount) and the paper envelopes' receipts. */
  'bid.receive': ['procurement'],
  /** The evaluation and opening reports of a tender. */
  'tender.reports': ['procurement', 'admin', 'bureau'],
  /** A tender's dossier or its OCDS release package as a file; importing dossiers. */
  'dossier.export': ['procurement', 'admin', 'bureau'],
  'dossier.import': ['procurement', 'admin'],
  /** A tender's sealed archive. */
  'tender.archive': ['procurement', 'bureau'],
  /**
   * A lot's score distribution (the experts' scores per bid and criterion): procurement once the bids
   * are opened, the panel once the lot's sheets are all in, the buyer's bureau once the results are
   * published (see scoreDistributionAccess); never an insurer, who would see its competitors' scores.
   */
  'score-distribution.read': ['procurement', 'expert', 'bureau'],
  /** Who sits on a panel; scoring on one's own seat. */
  'panel.read': ['procurement', 'admin', 'bureau', 'expert'],
  'panel.score': ['expert'],
  /** Award notices: issued by the bureau or procurement, read by the winner too. */
  'award-notice.issue': ['bureau', 'procurement'],
  'award-notice.read': ['bureau', 'procurement', 'insurer'],
  /** The opening record (开标记录): each bidder's insurer confirms or disputes its own lines, procurement answers. */
  'opening.read': ['procurement', 'bureau', 'admin', 'insurer'],
  'opening.respond': ['insurer'],
  'opening.answer': ['procurement'],
  /** Challenges (质疑) of published results: the bidder's insurer files, procurement answers. */
  'challenge.read': ['procurement', 'bureau', 'admin', 'insurer'],
  'challenge.file': ['insurer'],
  'challenge.answer': ['procurement'],
  /** Contracts and their payment milestones. */
  'contract.read': ['bureau', 'insurer'],
  'contract.manage': ['bureau'],
  /** The insurer applies for an `on-application` payment of its own contract (Henan, quarterly). */
  'contract.apply': ['insurer'],
  /** Annual assessments: the bureau runs them, the insurer assesses itself and objects. */
  'assessment.read': ['bureau', 'insurer'],
  'assessment.manage': ['bureau'],
  'assessment.respond': ['insurer'],
  'assessment-scheme.read': ['bureau', 'admin'],
  /** Periodic reports under a contract (DOMAIN.md §8): the insurer submits its own, the bureau receives them. */
  'report.read': ['bureau', 'insurer'],
  'report.submit': ['insurer'],
  'report.receive': ['bureau'],
  /**
   * Accounts, organisations and backups. The system administrator manages accounts; the security
   * administrator grants roles and unlocks them (三权分立); both see the list.
   */
  'user.manage': ['admin'],
  'user.read': ['admin', 'security-admin'],
  'user.grant': ['security-admin'],
  'organization.read': ['admin', 'procurement', 'bureau'],
  /** The audit record and the security log: read, filter, verify, export (the audit administrator's alone). */
  'audit.read': ['audit-admin'],
  /** One's own session and account (signing in): every role, the administrators included. */
  'session.read': ['admin', 'security-admin', 'audit-admin', 'procurement', 'expert', 'bureau', 'insurer'],
  'backup.read': ['admin'],
  /** The holiday table that working days are counted from. */
  'holiday.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether a role holds a permission. */
export const allows = (role: Role, permission: Permission): boolean => (PERMISSIONS[permission] as readonly Role[]).includes(role);

/** The user as the rules see it. */
export interface Subject {
  role: Role;
  organizationId: number | null;
}

/**
 * Which of a tender a user reaches: procurement and admin every tender; a bureau official only the
 * tenders of its own buyer (采购人, the tender's buyer organisation; see `buyerMatches`); an expert only a
 * tender whose panel they sit on, once the bids are opened and once it has declared no conflict of
 * interest (回避声明: 'undeclared' before, 'recused' after declaring one); an insurer only a tender its
 * organisation bid on, and there only its own bidders and bids ('own'). Anything else is refused:
 * neither an insurer nor a bureau is told that a tender outside its reach exists.
 */
export type TenderReach = 'all' | 'own' | 'not-found' | 'not-on-panel' | 'sealed' | 'undeclared' | 'recused';

export interface TenderFacts {
  /** The user sits on the tender's panel. */
  onPanel: boolean;
  /** The tender's bids are still sealed. */
  sealed: boolean;
  /** The user's organisation has a bid on the tender. */
  bidOn: boolean;
  /** The user's declaration on the tender's panel (null: none yet, or no seat). */
  declaration: Declaration | null;
  /** The tender's buyer organisation (null: its purchaser is no registered organisation). */
  buyer: number | null;
}

export function tenderReach(user: Subject, facts: TenderFacts): TenderReach {
  if (outsideProcurement(user.role)) return 'not-found';
  switch (user.role) {
    case 'expert':
      if (!facts.onPanel) return 'not-on-panel';
      if (facts.sealed) return 'sealed';
      if (facts.declaration === null) return 'undeclared';
      return facts.declaration === 'conflict' ? 'recused' : 'all';
    case 'insurer':
      return facts.bidOn ? 'own' : 'not-found';
    case 'bureau':
      return buyerMatches(user, facts.buyer) ? 'all' : 'not-found';
    default:
      return 'all';
  }
}

/**
 * The security and audit administrators take no part in a procurement (DOMAIN.md §1): no tender is
 * there for them.
 */
export const outsideProcurement = (role: Role): boolean => role === 'security-admin' || role === 'audit-admin';

/**
 * A bureau official works for one buyer (DOMAIN.md §1): it reaches the tenders, contracts and their
 * records of the buyer organisation it belongs to. A tender whose purchaser matches no registered
 * organisation has no buyer: it is reached by bureau users of no organisation only (and by the
 * roles that read all), never by another buyer's official.
 */
export const buyerMatches = (user: Subject, buyer: number | null): boolean => buyer === user.organizationId;

/** Whether a user acts for a tender's buyer: a bureau official only for its own (other roles as their permissions say). */
export const servesBuyer = (user: Subject, buyer: number | null): boolean => user.role !== 'bureau' || buyerMatches(user, buyer);

/** Which facts tenderReach needs for a role: those of other roles are not looked up. */
export const tenderFactsNeeded = (role: Role): { panel: boolean; bids: boolean } => ({
  panel: role === 'expert',
  bids: role === 'insurer',
});

/**
 * The organisation whose bids (and bidders, bid counts, assessment histories) a user's reads are
 * limited to: an insurer's own (-1, none, when it has no organisation); null for the roles that read all.
 */
export const organizationScope = (user: Subject): number | null => (user.role === 'insurer' ? (user.organizationId ?? -1) : null);

/** Whether a user may read a record of an organisation: an insurer only its own. */
export const readsOrganization = (user: Subject, organizationId: number | null): boolean =>
  user.role !== 'insurer' || organizationId === user.organizationId;

/** The two organisations a contract and its records (ledger, settlement, assessments, reports) belong to. */
export interface RecordOwners {
  /** The contracted insurer: the winning bidder's organisation. */
  insurer: number | null;
  /** The buyer: the tender's buyer organisation. */
  buyer: number | null;
}

/**
 * Whose contracts and contract records a user's reads are limited to: an insurer its own organisation's
 * (-1, none, without one), a bureau official its buyer's (buyerMatches); null for the roles that read all.
 */
export type RecordScope = { insurer: number } | { buyer: number | null } | null;

export const recordScope = (user: Subject): RecordScope =>
  user.role === 'insurer' ? { insurer: user.organizationId ?? -1 } : user.role === 'bureau' ? { buyer: user.organizationId } : null;

/** Whether a user may read a contract record; one outside its scope is, for the user, not there (404). */
export function readsRecord(user: Subject, owners: RecordOwners): boolean {
  const scope = recordScope(user);
  if (scope === null) return true;
  return 'insurer' in scope ? owners.insurer === scope.insurer : buyerMatches(user, owners.buyer);
}

/** An insurer sees an assessment's result only once it is published; the bureau sees it while it is made. */
export const seesUnpublishedResults = (user: Subject): boolean => user.role !== 'insurer';

/** What of a tender's evaluation results a user is shown: the whole, an expert's panel view, or an insurer's own lots. */
export const resultsView = (user: Subject): 'full' | 'expert' | 'insurer' =>
  user.role === 'expert' ? 'expert' : user.role === 'insurer' ? 'insurer' : 'full';

/**
 * When a user who holds 'score-distribution.read' and reaches the tender (tenderReach 'all') is shown a
 * lot's score distribution: procurement as soon as the bids are opened (it runs the panel); an expert of
 * the panel once every sheet of the lot is in (no one sees the others' scores before submitting their
 * own, DOMAIN.md §1); the buyer's bureau once the results are published (the award confirmed).
 */
export function scoreDistributionAccess(
  user: Subject,
  facts: { allSheetsIn: boolean; published: boolean },
): 'shown' | 'sheets-pending' | 'not-published' {
  if (user.role === 'expert' && !facts.allSheetsIn) return 'sheets-pending';
  if (user.role === 'bureau' && !facts.published) return 'not-published';
  return 'shown';
}
