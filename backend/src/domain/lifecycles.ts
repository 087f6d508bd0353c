/**
 * The lifecycles of the records that have a status, as data: their states, the named events that move
 * them (from → to), the states they end in, and what may be done in which state without a move. Every
 * status change goes through one of these tables (the backend's `Transitions.move`), and every guard
 * asks `can(table, state, name)` rather than comparing strings. The status unions are exported from here
 * so that entities, the API's shapes and the UI's labels type against one source.
 */

export interface Lifecycle<S extends string, E extends string, A extends string = never> {
  /** What the lifecycle is of, as the audit record names it. */
  readonly entity: string;
  readonly states: readonly S[];
  /** The states a record is created in (an imported dossier may bring one in a later state). */
  readonly initial: readonly S[];
  /** States no event leaves. */
  readonly final: readonly S[];
  /** Each event with the states it may start from and where it leads (several: the caller picks the outcome). */
  readonly events: { readonly [K in E]: { readonly from: readonly S[]; readonly to: S | readonly S[] } };
  /** What may be done in which states without a move: the guards' questions, answered here. */
  readonly allows: { readonly [K in A]: readonly S[] };
}

/** DOMAIN.md §2. */
export const TENDER_STATUSES = ['draft', 'published', 'closed', 'opened', 'qualification', 'evaluation', 'awarded', 'failed'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

export const TENDER = {
  entity: 'tender',
  states: TENDER_STATUSES,
  initial: ['draft'],
  /** None: an award is re-evaluated (重新评审) when a challenge is upheld or the panel erred. */
  final: [],
  events: {
    publish: { from: ['draft'], to: 'published' },
    /** The clock, at the bid deadline. */
    close: { from: ['published'], to: 'closed' },
    /** The clock, at the opening time (开标). */
    open: { from: ['closed'], to: 'opened' },
    /** 资格审查 by the procurement centre. */
    qualification: { from: ['opened'], to: 'qualification' },
    /** 评标: the panel scores. */
    evaluation: { from: ['qualification'], to: 'evaluation' },
    /** The award is fixed once the review is finished: awarded when a lot is, else failed (废标). */
    confirm: { from: ['evaluation'], to: ['awarded', 'failed'] },
    /**
     * 重新评审: procurement reopens a lot of a confirmed award, with a reason; the award goes to the
     * results' history and the tender back to evaluation until it is confirmed again.
     */
    reevaluate: { from: ['awarded', 'failed'], to: 'evaluation' },
  },
  allows: {
    /** Lots, schemes and every field of the tender: bidders price against them once it is published. */
    'set-up': ['draft'],
    /** The description and the schedule (a deadline extended by a correction notice, 更正公告). */
    amend: ['draft', 'published'],
    'register-bidder': ['draft', 'published'],
    bid: ['published'],
    /** A paper bid's amounts, read aloud from its opening sheet, are entered once the tender is opened, before its review. */
    'enter-paper-bids': ['opened'],
    /** Qualification, compliance, price corrections: between opening and the award. */
    'review-bids': ['opened', 'qualification', 'evaluation'],
    /** The panel scores, returns sheets and decides on outliers until the award; a confirmed award locks them. */
    score: ['opened', 'qualification', 'evaluation'],
    /** Bid amounts are sealed from everyone until opening (DOMAIN.md §3). */
    'see-bids': ['opened', 'qualification', 'evaluation', 'awarded', 'failed'],
    /** The results are published once the award is confirmed (awarded, or failed on every lot). */
    'results-published': ['awarded', 'failed'],
  },
} as const satisfies Lifecycle<TenderStatus, string, string>;
export type TenderEvent = keyof typeof TENDER.events;

/** The tender statuses in which bid amounts are sealed. */
export const SEALED_STATUSES: ReadonlySet<string> = new Set(TENDER.states.filter((s) => !can(TENDER, s, 'see-bids')));

/** A lot opens with its tender unless it has too few bids; then its bids stay sealed for good (DOMAIN.md §3). */
export const LOT_STATUSES = ['pending', 'opened', 'not-opened'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

export const LOT = {
  entity: 'lot',
  states: LOT_STATUSES,
  initial: ['pending'],
  final: ['opened', 'not-opened'],
  events: {
    open: { from: ['pending'], to: ['opened', 'not-opened'] },
  },
  allows: {
    'see-bids': ['opened'],
  },
} as const satisfies Lifecycle<LotStatus, string, string>;

/**
 * The opening record's confirmation window (开标记录确认, 财政部87号令 art. 41): from the opening the
 * bidders confirm or dispute their lines for the tender's set minutes; at its end the clock records it
 * once, and silence counts as confirmation.
 */
export const OPENING_STATUSES = ['confirming', 'ended'] as const;
export type OpeningStatus = (typeof OPENING_STATUSES)[number];

export const OPENING = {
  entity: 'opening',
  states: OPENING_STATUSES,
  initial: ['confirming'],
  final: ['ended'],
  events: {
    /** The clock, at the window's end. */
    end: { from: ['confirming'], to: 'ended' },
  },
  allows: {},
} as const satisfies Lifecycle<OpeningStatus, string, string>;

/**
 * One bid's line of the opening sheet as its bidder answers it: confirmed, disputed with a reason (then
 * answered by procurement), or — silent until the window's end — deemed confirmed.
 */
export const OPENING_LINE_STATUSES = ['pending', 'confirmed', 'deemed-confirmed', 'disputed', 'answered'] as const;
export type OpeningLineStatus = (typeof OPENING_LINE_STATUSES)[number];

export const OPENING_LINE = {
  entity: 'opening-line',
  states: OPENING_LINE_STATUSES,
  initial: ['pending'],
  final: ['confirmed', 'deemed-confirmed', 'answered'],
  events: {
    confirm: { from: ['pending'], to: 'confirmed' },
    dispute: { from: ['pending'], to: 'disputed' },
    /** The clock, at the window's end: silence counts as confirmation. */
    deem: { from: ['pending'], to: 'deemed-confirmed' },
    /** Procurement answers a dispute, correcting the line or not. */
    answer: { from: ['disputed'], to: 'answered' },
  },
  allows: {},
} as const satisfies Lifecycle<OpeningLineStatus, string, string>;

/** One expert's score sheet for one lot: submitting locks it; only the panel leader sends it back. */
export const SHEET_STATUSES = ['draft', 'submitted'] as const;
export type SheetStatus = (typeof SHEET_STATUSES)[number];

export const SHEET = {
  entity: 'score-sheet',
  states: SHEET_STATUSES,
  initial: ['draft'],
  final: [],
  events: {
    submit: { from: ['draft'], to: 'submitted' },
    return: { from: ['submitted'], to: 'draft' },
  },
  allows: {
    score: ['draft'],
  },
} as const satisfies Lifecycle<SheetStatus, string, string>;

/** A contract for one lot and year (DOMAIN.md §6). */
export const CONTRACT_STATUSES = ['draft', 'signed', 'terminated'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT = {
  entity: 'contract',
  states: CONTRACT_STATUSES,
  initial: ['draft'],
  final: ['terminated'],
  events: {
    sign: { from: ['draft'], to: 'signed' },
    terminate: { from: ['draft', 'signed'], to: 'terminated' },
  },
  allows: {
    /** The population on 1 January, and the amounts that follow it: fixed by the signature. */
    amend: ['draft'],
    assess: ['signed'],
    /** Periodic reports are awaited, submitted and received under a contract in force. */
    report: ['signed'],
    /** Payments are released only under a contract in force. */
    pay: ['signed'],
    /** Next year's draft is drawn from this one unless it was terminated. */
    renew: ['draft', 'signed'],
  },
} as const satisfies Lifecycle<ContractStatus, string, string>;

/**
 * A payment of a contract's schedule (DOMAIN.md §6.1): pending until its trigger happens, then payable
 * until the bureau records the payment (final); or withheld when its condition failed (a failed service
 * evaluation, acceptance or assessment), until a re-evaluation of the period passes.
 */
export const MILESTONE_STATUSES = ['pending', 'payable', 'paid', 'withheld'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const MILESTONE = {
  entity: 'milestone',
  states: MILESTONE_STATUSES,
  initial: ['pending'],
  final: ['paid'],
  events: {
    /** The signature releases the milestones that wait for it alone (`on-signing`). */
    sign: { from: ['pending'], to: 'payable' },
    /** Its trigger happened (a date, an approval, a passed evaluation, acceptance or assessment). */
    release: { from: ['pending', 'withheld'], to: 'payable' },
    /** Its condition failed: the reason is kept with it. */
    withhold: { from: ['pending'], to: 'withheld' },
    /** The bureau records the payment (date and voucher). */
    pay: { from: ['payable'], to: 'paid' },
  },
  allows: {},
} as const satisfies Lifecycle<MilestoneStatus, string, string>;
export type MilestoneEvent = keyof typeof MILESTONE.events;

/**
 * The annual assessment of a contract (DOMAIN.md §7). open: waiting for the insurer's report and
 * self-assessment (the bureau may already score); submitted: the report is in; published: the insurer
 * sees the result and may object until the deadline; final: locked, its consequences drawn.
 */
export const ASSESSMENT_STATUSES = ['open', 'submitted', 'published', 'final'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

export const ASSESSMENT = {
  entity: 'assessment',
  states: ASSESSMENT_STATUSES,
  initial: ['open'],
  final: ['final'],
  events: {
    /** The insurer's report and self-assessment; it may submit again until publication. */
    submit: { from: ['open', 'submitted'], to: 'submitted' },
    publish: { from: ['open', 'submitted'], to: 'published' },
    finalise: { from: ['published'], to: 'final' },
  },
  allows: {
    /** Before publication the bureau scores; after it scores change only with an answer to an objection. */
    score: ['open', 'submitted'],
    'add-evidence': ['open', 'submitted', 'published'],
    /** A reward budget split anew changes the maximum reward of every result not yet final. */
    'set-max-reward': ['open', 'submitted', 'published'],
    object: ['published'],
    answer: ['published'],
    /** The insurer sees the result, and the evidence, from publication on. */
    'show-result': ['published', 'final'],
  },
} as const satisfies Lifecycle<AssessmentStatus, string, string>;
export type AssessmentEvent = keyof typeof ASSESSMENT.events;

/**
 * A bidder's challenge (质疑) of the published results, filed within the challenge period; procurement
 * answers it: upheld (the award goes to re-evaluation, 重新评审) or rejected, with the reason.
 */
export const CHALLENGE_STATUSES = ['filed', 'upheld', 'rejected'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

export const CHALLENGE = {
  entity: 'challenge',
  states: CHALLENGE_STATUSES,
  initial: ['filed'],
  final: ['upheld', 'rejected'],
  events: {
    answer: { from: ['filed'], to: ['upheld', 'rejected'] },
  },
  allows: {},
} as const satisfies Lifecycle<ChallengeStatus, string, string>;

/** Every lifecycle, for whatever goes over them all (the tests, the label table). */
export const LIFECYCLES = { TENDER, LOT, OPENING, OPENING_LINE, SHEET, CONTRACT, MILESTONE, ASSESSMENT, CHALLENGE } as const;

type StatesOf<L> = L extends { states: readonly (infer S)[] } ? S : never;
type EventOf<L> = L extends { events: infer Ev } ? keyof Ev & string : never;
type AllowedOf<L> = L extends { allows: infer Al } ? keyof Al & string : never;

/** Whether `name` — an event, or something the table allows without a move — may happen in `state`. */
export function can<L extends AnyLifecycle>(lifecycle: L, state: StatesOf<L>, name: EventOf<L> | AllowedOf<L>): boolean {
  const event = (lifecycle.events as Record<string, { from: readonly string[] } | undefined>)[name];
  const allowed = event ? event.from : (lifecycle.allows as Record<string, readonly string[] | undefined>)[name];
  return allowed?.includes(state) ?? false;
}

/** Whether `state` is one the lifecycle ends in. */
export function isFinal<L extends AnyLifecycle>(lifecycle: L, state: StatesOf<L>): boolean {
  return lifecycle.final.includes(state);
}

/** Where an event leads. */
export function targets<L extends AnyLifecycle>(lifecycle: L, event: EventOf<L>): readonly StatesOf<L>[] {
  const to = (lifecycle.events as Record<string, { to: string | readonly string[] }>)[event].to;
  return (typeof to === 'string' ? [to] : to) as readonly StatesOf<L>[];
}

/** The events that may happen in `state`. */
export function eventsFrom<L extends AnyLifecycle>(lifecycle: L, state: StatesOf<L>): EventOf<L>[] {
  return (Object.keys(lifecycle.events) as EventOf<L>[]).filter((e) => can(lifecycle, state, e));
}

/** The event that leads into `state`, where one does (a form that asks for a status rather than an event). */
export function eventInto<L extends AnyLifecycle>(lifecycle: L, state: StatesOf<L>): EventOf<L> | undefined {
  return (Object.keys(lifecycle.events) as EventOf<L>[]).find((e) => targets(lifecycle, e).includes(state));
}

export type AnyLifecycle = Lifecycle<string, string, string>;
export type { StatesOf, EventOf, AllowedOf };
