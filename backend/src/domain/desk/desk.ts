import type { Role } from '../roles';

/**
 * Each role's desk (待办): what waits for the signed-in user, computed from the state as it stands, one
 * pure function per role over plain facts the caller has already limited to what the user may see
 * (DOMAIN.md §1). Each item names its kind (a code, labelled `deskKind`), its object, a due day or
 * instant where there is one, whether that is past, and the page that deals with it.
 */
export const DESK_KINDS = [
  // expert
  'declaration-due',
  'sheet-to-score',
  'sheet-to-sign',
  // procurement
  'opening-due',
  'paper-amounts',
  'dispute-to-answer',
  'bids-to-review',
  'challenge-to-answer',
  'award-to-confirm',
  // bureau
  'contract-to-sign',
  'application-to-approve',
  'payment-payable',
  'service-evaluation-due',
  'acceptance-due',
  'assessment-to-run',
  'assessment-to-publish',
  'objection-to-answer',
  'assessment-to-finalise',
  'report-to-receive',
  'deadline-overdue',
  'settlement-due',
  // insurer
  'bid-before-deadline',
  'opening-line-to-confirm',
  'contract-awaiting-signature',
  'self-assessment-due',
  'report-due',
  'report-overdue',
  'assessment-result',
  // administrators
  'locked-account',
  'backup-failed',
  'backup-not-scheduled',
] as const;
export type DeskKind = (typeof DESK_KINDS)[number];

/** A lot's item names the tender (its id) and the lot in its name. */
export type DeskObjectType = 'tender' | 'contract' | 'assessment' | 'account' | 'backup';

export interface DeskItem {
  kind: DeskKind;
  object: { type: DeskObjectType; id: number; name: string };
  /** A China day (YYYY-MM-DD) or an instant (ISO); null when nothing is due by a date. */
  due: string | null;
  overdue: boolean;
  /** The page (a route of the UI) that deals with it. */
  link: string;
  /** How many of the kind the item stands for (lines, bids), when more than one. */
  count?: number;
}

/** `today` is the China day; `now` the instant, for deadlines kept as instants. */
export interface Clock {
  today: string;
  now: Date;
}

const pastDay = (due: string | null, clock: Clock) => due !== null && due < clock.today;
const pastInstant = (due: string | null, clock: Clock) => due !== null && Date.parse(due) <= clock.now.getTime();

/** The earliest due first, undated last; then by object. Items of one desk stay in a stable order. */
export function byDue(items: DeskItem[]): DeskItem[] {
  const key = (i: DeskItem) =>
    i.due === null ? Infinity : i.due.length === 10 ? Date.parse(`${i.due}T23:59:59+08:00`) : Date.parse(i.due);
  return [...items].sort((a, b) => key(a) - key(b) || a.object.id - b.object.id || DESK_KINDS.indexOf(a.kind) - DESK_KINDS.indexOf(b.kind));
}

interface Named {
  id: number;
  name: string;
}

// ---- expert

export interface ExpertFacts {
  /** The user's seats on tenders whose bids are opened and not yet awarded. */
  seats: {
    tender: Named;
    declared: boolean;
    /** Each opened lot with the seat's sheet on it (null: not started). */
    lots: { no: string; name: string; sheet: 'draft' | 'submitted' | null }[];
  }[];
}

/** Declare (回避声明) before seeing bids; then score each lot, and submit (sign) the sheet begun. */
export function expertDesk(f: ExpertFacts): DeskItem[] {
  return f.seats.flatMap(({ tender, declared, lots }) => {
    const link = `/expert/tenders/${tender.id}`;
    if (!declared) return [{ kind: 'declaration-due', object: { type: 'tender', ...tender }, due: null, overdue: false, link } as DeskItem];
    return lots.flatMap((lot): DeskItem[] => {
      if (lot.sheet === 'submitted') return [];
      return [
        {
          kind: lot.sheet === 'draft' ? 'sheet-to-sign' : 'sheet-to-score',
          object: { type: 'tender', id: tender.id, name: `${tender.name} 第${lot.no}包 ${lot.name}` },
          due: null,
          overdue: false,
          link: `${link}/lots/${lot.no}`,
        },
      ];
    });
  });
}

// ---- procurement

export interface ProcurementFacts {
  tenders: (Named & {
    status: 'draft' | 'published' | 'closed' | 'opened' | 'qualification' | 'evaluation' | 'awarded' | 'failed';
    openingTime: string;
    /** Paper envelopes received on opened lots whose amounts are not entered yet. */
    awaitingAmounts: number;
    /** Opening lines disputed and not answered. */
    disputes: number;
    /** Challenges filed and not answered. */
    challenges: number;
  })[];
}

/** A published tender's opening shows on the desk a day ahead. */
export const OPENING_NOTICE_MS = 86_400_000;

export function procurementDesk(f: ProcurementFacts, clock: Clock): DeskItem[] {
  return f.tenders.flatMap((t) => {
    const object = { type: 'tender' as const, id: t.id, name: t.name };
    const link = `/procurement/tenders/${t.id}`;
    const item = (kind: DeskKind, extra: Partial<DeskItem> = {}): DeskItem => ({ kind, object, due: null, overdue: false, link, ...extra });
    const items: DeskItem[] = [];
    // Bidding closed, or closing within the day: the opening comes; past its time the clerk opens.
    const openingSoon = Date.parse(t.openingTime) - clock.now.getTime() <= OPENING_NOTICE_MS;
    if (t.status === 'closed' || (t.status === 'published' && openingSoon))
      items.push(item('opening-due', { due: t.openingTime, overdue: pastInstant(t.openingTime, clock) }));
    if (t.awaitingAmounts) items.push(item('paper-amounts', { count: t.awaitingAmounts }));
    if (t.disputes) items.push(item('dispute-to-answer', { count: t.disputes }));
    if (t.status === 'qualification') items.push(item('bids-to-review'));
    if (t.status === 'evaluation') items.push(item('award-to-confirm', { link: `${link}/results` }));
    if (t.challenges) items.push(item('challenge-to-answer', { count: t.challenges, link: `${link}/results` }));
    return items;
  });
}

// ---- bureau

export interface BureauFacts {
  contracts: (Named & {
    status: 'draft' | 'signed' | 'terminated';
    /** A premium fund (保费), settled once a year after the year's assessment is final (DOMAIN.md §6.2). */
    premium: boolean;
    assessmentFinal: boolean;
    settled: boolean;
  })[];
  milestones: {
    contract: Named;
    name: string;
    status: 'pending' | 'payable' | 'paid' | 'withheld';
    trigger: string;
    dueDate: string | null;
    appliedOn: string | null;
  }[];
  assessments: {
    id: number;
    contract: Named;
    status: 'open' | 'submitted' | 'published' | 'final';
    objectionDeadline: string | null;
    unanswered: number;
  }[];
  /** Periodic reports submitted and not yet received. */
  reportsToReceive: { contract: Named; period: string; dueDate: string }[];
  /** Deadlines missed (DOMAIN.md §8): reports, assessments, reward payments. */
  overdue: { contract: Named; kind: string; period: string; dueDate: string }[];
}

export function bureauDesk(f: BureauFacts, clock: Clock): DeskItem[] {
  const contractItem = (kind: DeskKind, c: Named, extra: Partial<DeskItem> = {}): DeskItem => ({
    kind,
    object: { type: 'contract', id: c.id, name: c.name },
    due: null,
    overdue: false,
    link: `/bureau/contracts/${c.id}`,
    ...extra,
  });
  const items: DeskItem[] = [];
  for (const c of f.contracts) {
    if (c.status === 'draft') items.push(contractItem('contract-to-sign', c));
    if (c.status === 'signed' && c.premium && c.assessmentFinal && !c.settled) items.push(contractItem('settlement-due', c));
  }
  for (const ms of f.milestones) {
    const named = { ...ms.contract, name: `${ms.contract.name} ${ms.name}` };
    if (ms.status === 'payable')
      items.push(contractItem('payment-payable', named, { due: ms.dueDate, overdue: pastDay(ms.dueDate, clock) }));
    else if (ms.status === 'pending' && ms.trigger === 'on-application' && ms.appliedOn)
      items.push(contractItem('application-to-approve', named));
    else if (ms.status === 'pending' && ms.trigger === 'after-service-evaluation')
      items.push(contractItem('service-evaluation-due', named));
    else if (ms.status === 'pending' && ms.trigger === 'after-acceptance') items.push(contractItem('acceptance-due', named));
  }
  for (const a of f.assessments) {
    const item = (kind: DeskKind, extra: Partial<DeskItem> = {}): DeskItem => ({
      kind,
      object: { type: 'assessment', id: a.id, name: a.contract.name },
      due: null,
      overdue: false,
      link: `/bureau/assessments/${a.id}`,
      ...extra,
    });
    if (a.status === 'open' || a.status === 'submitted')
      items.push(item(a.status === 'open' ? 'assessment-to-run' : 'assessment-to-publish'));
    if (a.status === 'published') {
      if (a.unanswered) items.push(item('objection-to-answer', { count: a.unanswered }));
      else if (a.objectionDeadline && a.objectionDeadline < clock.today)
        items.push(item('assessment-to-finalise', { due: a.objectionDeadline }));
    }
  }
  for (const r of f.reportsToReceive)
    items.push(
      contractItem(
        'report-to-receive',
        { ...r.contract, name: `${r.contract.name} ${r.period}` },
        { due: r.dueDate, link: '/bureau/reports' },
      ),
    );
  for (const o of f.overdue)
    items.push(
      contractItem(
        'deadline-overdue',
        { ...o.contract, name: `${o.contract.name}${o.period ? ` ${o.period}` : ''}` },
        {
          due: o.dueDate,
          overdue: true,
          link: o.kind.endsWith('-report') ? '/bureau/reports' : '/bureau/assessments',
        },
      ),
    );
  return items;
}

// ---- insurer

export interface InsurerFacts {
  /** Tenders the organisation is registered on, taking electronic bids. */
  biddable: (Named & { bidDeadline: string; status: string; electronic: boolean; bids: number })[];
  /** The organisation's opening lines still to confirm or dispute, per tender. */
  openingLines: { tender: Named; pending: number; windowEndsAt: string }[];
  contracts: (Named & { status: 'draft' | 'signed' | 'terminated' })[];
  assessments: { id: number; contract: Named; status: 'open' | 'submitted' | 'published' | 'final'; objectionDeadline: string | null }[];
  reports: { contract: Named; kind: string; period: string; dueDate: string; status: 'awaited' | 'overdue' | 'submitted' | 'received' }[];
}

/** Reports fall due on the insurer's desk this many days ahead. */
export const REPORT_NOTICE_DAYS = 30;

export function insurerDesk(f: InsurerFacts, clock: Clock): DeskItem[] {
  const items: DeskItem[] = [];
  for (const t of f.biddable)
    if (t.electronic && t.status === 'published' && !pastInstant(t.bidDeadline, clock))
      items.push({
        kind: 'bid-before-deadline',
        object: { type: 'tender', id: t.id, name: t.name },
        due: t.bidDeadline,
        overdue: false,
        link: `/insurer/tenders/${t.id}/bid`,
        ...(t.bids > 0 && { count: t.bids }),
      });
  for (const l of f.openingLines)
    if (l.pending && !pastInstant(l.windowEndsAt, clock))
      items.push({
        kind: 'opening-line-to-confirm',
        object: { type: 'tender', ...l.tender },
        due: l.windowEndsAt,
        overdue: false,
        link: '/insurer/bids',
        count: l.pending,
      });
  for (const c of f.contracts)
    if (c.status === 'draft')
      items.push({
        kind: 'contract-awaiting-signature',
        object: { type: 'contract', id: c.id, name: c.name },
        due: null,
        overdue: false,
        link: '/insurer/contracts',
      });
  for (const a of f.assessments) {
    const object = { type: 'assessment' as const, id: a.id, name: a.contract.name };
    const link = `/insurer/assessments/${a.id}`;
    if (a.status === 'open') items.push({ kind: 'self-assessment-due', object, due: null, overdue: false, link });
    if (a.status === 'published' && a.objectionDeadline && a.objectionDeadline >= clock.today)
      items.push({ kind: 'assessment-result', object, due: a.objectionDeadline, overdue: false, link });
  }
  const horizon = addDays(clock.today, REPORT_NOTICE_DAYS);
  for (const r of f.reports) {
    const object = { type: 'contract' as const, id: r.contract.id, name: `${r.contract.name} ${r.period}` };
    if (r.status === 'overdue') items.push({ kind: 'report-overdue', object, due: r.dueDate, overdue: true, link: '/insurer/reports' });
    else if (r.status === 'awaited' && r.dueDate <= horizon)
      items.push({ kind: 'report-due', object, due: r.dueDate, overdue: false, link: '/insurer/reports' });
  }
  return items;
}

// ---- administrators

export interface AdminFacts {
  locked: { id: number; username: string; displayName: string; lockedUntil: string }[];
  /** Backups: whether a schedule is set and the latest run's outcome (null: none yet). */
  backup: { scheduled: boolean; lastFailed: boolean; lastRunId: number | null } | null;
}

const ACCOUNT_PAGES: Partial<Record<Role, string>> = { admin: '/admin', 'security-admin': '/security', 'audit-admin': '/audit' };

/** Locked accounts for each administrator (the security administrator unlocks them); backups for the system administrator. */
export function adminDesk(role: Role, f: AdminFacts): DeskItem[] {
  const link = ACCOUNT_PAGES[role] ?? '/';
  const items: DeskItem[] = f.locked.map((u) => ({
    kind: 'locked-account',
    object: { type: 'account', id: u.id, name: `${u.displayName}（${u.username}）` },
    due: u.lockedUntil,
    overdue: false,
    link,
  }));
  if (role === 'admin' && f.backup) {
    const object = { type: 'backup' as const, id: f.backup.lastRunId ?? 0, name: '数据备份' };
    if (!f.backup.scheduled) items.push({ kind: 'backup-not-scheduled', object, due: null, overdue: false, link: '/admin' });
    else if (f.backup.lastFailed) items.push({ kind: 'backup-failed', object, due: null, overdue: true, link: '/admin' });
  }
  return items;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
