import { AnyLifecycle, can, eventInto, eventsFrom, isFinal, LIFECYCLES, MILESTONE, SEALED_STATUSES, targets, TENDER } from './lifecycles';

const tables = Object.entries(LIFECYCLES) as [string, AnyLifecycle][];
const events = (lc: AnyLifecycle) => Object.keys(lc.events);

describe.each(tables)('lifecycle %s', (_name, lc) => {
  it('names each state once, and starts in states of its own', () => {
    expect(new Set(lc.states).size).toBe(lc.states.length);
    expect(lc.initial.length).toBeGreaterThan(0);
    for (const s of [...lc.initial, ...lc.final]) expect(lc.states).toContain(s);
  });

  it('moves only between its own states', () => {
    for (const e of events(lc)) {
      const { from } = lc.events[e];
      expect(from.length).toBeGreaterThan(0);
      for (const s of [...from, ...targets(lc, e)]) expect(lc.states).toContain(s);
    }
  });

  it('reaches every state from the initial ones', () => {
    const reached = new Set<string>(lc.initial);
    for (let size = 0; size !== reached.size;) {
      size = reached.size;
      for (const e of events(lc)) if (lc.events[e].from.some((s) => reached.has(s))) targets(lc, e).forEach((to) => reached.add(to));
    }
    expect([...reached].sort()).toEqual([...lc.states].sort());
  });

  it('has no way out of a final state, and a way out of every other', () => {
    for (const s of lc.states) expect(eventsFrom(lc, s).length === 0).toBe(isFinal(lc, s));
  });

  it('allows things only in its own states, under names no event has', () => {
    for (const [name, states] of Object.entries(lc.allows)) {
      expect(events(lc)).not.toContain(name);
      expect(states.length).toBeGreaterThan(0);
      for (const s of states) expect(lc.states).toContain(s);
    }
  });
});

describe('the payment milestone lifecycle (DOMAIN.md §6.1)', () => {
  it('runs pending → payable → paid, or pending → withheld → payable once a re-evaluation passes', () => {
    expect(eventsFrom(MILESTONE, 'pending')).toEqual(['sign', 'release', 'withhold']);
    expect(eventsFrom(MILESTONE, 'withheld')).toEqual(['release']);
    expect(eventsFrom(MILESTONE, 'payable')).toEqual(['pay']);
  });

  it('pays only a payable milestone, and only once: paid is final', () => {
    expect(can(MILESTONE, 'pending', 'pay')).toBe(false);
    expect(can(MILESTONE, 'withheld', 'pay')).toBe(false);
    expect(isFinal(MILESTONE, 'paid')).toBe(true);
    expect(eventsFrom(MILESTONE, 'paid')).toEqual([]);
  });
});

describe('the tender lifecycle (DOMAIN.md §2)', () => {
  it('runs draft → published → closed → opened → qualification → evaluation → awarded | failed', () => {
    const path = ['publish', 'close', 'open', 'qualification', 'evaluation'] as const;
    let state: (typeof TENDER.states)[number] = 'draft';
    for (const event of path) {
      expect(eventsFrom(TENDER, state)).toEqual([event]);
      [state] = targets(TENDER, event);
    }
    expect(state).toBe('evaluation');
    expect(targets(TENDER, 'confirm')).toEqual(['awarded', 'failed']);
  });

  it("locks the panel's work at the award, and reopens it only by a re-evaluation (重新评审)", () => {
    expect(TENDER.states.filter((s) => can(TENDER, s, 'score'))).toEqual(['opened', 'qualification', 'evaluation']);
    expect(TENDER.states.filter((s) => can(TENDER, s, 'reevaluate'))).toEqual(['awarded', 'failed']);
    expect(targets(TENDER, 'reevaluate')).toEqual(['evaluation']);
  });

  it('confirms the award only once the review is finished', () => {
    expect(TENDER.states.filter((s) => can(TENDER, s, 'confirm'))).toEqual(['evaluation']);
  });

  it('keeps the bids sealed until opening', () => {
    expect([...SEALED_STATUSES]).toEqual(['draft', 'published', 'closed']);
  });

  it('names the event a requested status is reached by', () => {
    expect(eventInto(LIFECYCLES.CONTRACT, 'signed')).toBe('sign');
    expect(eventInto(LIFECYCLES.CONTRACT, 'draft')).toBeUndefined();
  });
});
