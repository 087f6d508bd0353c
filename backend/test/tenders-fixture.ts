import type { Dossier } from '../src/domain/dossier/dossier.types';
import { BID_FIELDS } from '../src/domain/dossier/dossier.schema';
import { TenderLifecycle } from '../src/tenders/tender-lifecycle.service';
import { loadExampleDossier } from './example-dossier';
import type { TestApp } from './harness';

/**
 * Tenders set up through the API the way a clerk would, from the example dossier's parts. Each tender
 * gets its own schedule far in the future, so that moving the clock to one tender's opening leaves the
 * tenders scheduled after it untouched.
 */

export const as = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface Schedule {
  bidDeadline: string;
  openingTime: string;
  /** Instants just after the deadline and just after the opening time, for `advance(now)`. */
  afterDeadline: Date;
  afterOpening: Date;
  /** The end of the opening record's window (30 minutes) when the clock opened at `afterOpening`. */
  afterWindow: Date;
}

/** Deadline 09:30 and opening 10:00 (Beijing time) on 1 March of `year`. */
export function schedule(year: number): Schedule {
  return {
    bidDeadline: `${year}-03-01T09:30:00+08:00`,
    openingTime: `${year}-03-01T10:00:00+08:00`,
    afterDeadline: new Date(`${year}-03-01T01:31:00Z`),
    afterOpening: new Date(`${year}-03-01T02:01:00Z`),
    afterWindow: new Date(`${year}-03-01T02:31:00Z`),
  };
}

export function tenderFields(code: string, when: Schedule) {
  const { tender } = loadExampleDossier();
  return { ...tender, code, bidDeadline: when.bidDeadline, openingTime: when.openingTime };
}

/** One of the example's bids as submitted: its figures, without the review that comes after opening. */
export function exampleBid(bidder: string, lot: string, example: Dossier = loadExampleDossier()) {
  const bid = example.bids.find((b) => b.bidder === bidder && b.lot === lot)!;
  return Object.fromEntries(Object.entries(bid).filter(([key]) => key in BID_FIELDS));
}

export interface SetUp {
  publish?: boolean;
  /** Bidder codes of the example to register (default: all). */
  bidders?: string[];
  /** [bidder, lot] pairs of the example's bids to submit (the tender must be published). */
  bids?: [string, string][];
}

/** The example's tender, schemes, lots and bidders under `code`; returns the tender id. */
export async function setUpTender(t: TestApp, clerk: string, code: string, when: Schedule, options: SetUp = {}): Promise<number> {
  const { publish = true, bidders, bids = [] } = options;
  const d = loadExampleDossier();
  const post = (path: string, body: object) => t.http().post(path).set(as(clerk)).send(body);
  const id: number = (await post('/api/tenders', tenderFields(code, when)).expect(201)).body.id;
  for (const scheme of d.schemes) await post(`/api/tenders/${id}/schemes`, scheme).expect(201);
  for (const lot of d.lots) await post(`/api/tenders/${id}/lots`, lot).expect(201);
  for (const bidder of d.bidders.filter((b) => !bidders || bidders.includes(b.code))) {
    await post(`/api/tenders/${id}/bidders`, bidder).expect(201);
  }
  if (publish) await post(`/api/tenders/${id}/publish`, {}).expect(200);
  for (const [bidder, lot] of bids) await post(`/api/tenders/${id}/bids`, exampleBid(bidder, lot, d)).expect(201);
  return id;
}

/** Run the tender clock as if it were `now`. */
export const advance = (t: TestApp, now: Date) => t.app.get(TenderLifecycle).advance(now);

/** Open at the opening time and end the opening record's window, as the clock would: the review may start. */
export async function openForReview(t: TestApp, when: Schedule): Promise<void> {
  await advance(t, when.afterOpening);
  await t.app.get(TenderLifecycle).endWindows(when.afterWindow);
}
