import type { Dossier } from '../src/domain/dossier/dossier.types';
import { BID_FIELDS } from '../src/domain/dossier/dossier.schema';
import { formatCapitals } from '../src/domain/bids/capitals';
import { D, fen } from '../src/domain/decimal';
import { Bidder } from '../src/bids/bidder.entity';
import { TenderLifecycle } from '../src/tenders/tender-lifecycle.service';
import { User } from '../src/users/user.entity';
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

/**
 * A bid of `bidder` on a per-capita lot of the example at `unitPrice`: the service total, the fixed
 * components and the total worked out from it, the total in capitals.
 */
export function pricedBid(bidder: string, lotNo: string, unitPrice: string, example: Dossier = loadExampleDossier()) {
  const lot = example.lots.find((l) => l.no === lotNo)!;
  const serviceTotal = fen(new D(unitPrice).times(lot.basePopulation!));
  const total = fen(lot.fixedComponents.reduce((sum, c) => sum.plus(c.amount), new D(serviceTotal)));
  return { bidder, lot: lotNo, unitPrice, serviceTotal, fixedComponents: lot.fixedComponents, total, totalCapitals: formatCapitals(total) };
}

/** A bid's figures as its bidder's staff submit them electronically: without lot and bidder, which the route and the user give. */
export function electronicBid(bid: Record<string, unknown>) {
  const { bidder: _bidder, lot: _lot, submittedFromIp: _ip, ...figures } = bid;
  return figures;
}

/**
 * A signed-in insurer user of the organisation of the tender's bidder `code`: the demo user of that
 * organisation, or one made like the demo's insurer (same password) for an organisation without one.
 */
export async function bidderToken(t: TestApp, tenderId: number, code: string): Promise<string> {
  const users = t.dataSource.getRepository(User);
  const { organizationId } = await t.dataSource.getRepository(Bidder).findOneByOrFail({ tenderId, code });
  const own = await users.findOneBy({ organizationId: organizationId!, role: 'insurer' });
  if (own) return t.login(own.username);
  const template = await users.findOneByOrFail({ username: 'insurer' });
  const username = `insurer-org-${organizationId}`;
  await users.save(users.create({ ...template, id: undefined, username, displayName: `投标人${code}经办`, organizationId }));
  return t.login(username);
}

/**
 * Submit `bid` (a dossier bid: its bidder and lot name where it goes) as the bidder's staff would, with
 * optional documents; answers the response (a receipt when it was taken).
 */
export async function submitBid(t: TestApp, tenderId: number, bid: Record<string, unknown>, documents: [string, Buffer][] = []) {
  return submitAs(t, await bidderToken(t, tenderId, String(bid.bidder)), tenderId, bid, documents);
}

/** submitBid as the user of `token`, from the bid's submittedFromIp when it has one (as the proxy forwards it). */
export function submitAs(t: TestApp, token: string, tenderId: number, bid: Record<string, unknown>, documents: [string, Buffer][] = []) {
  let req = t
    .http()
    .post(`/api/tenders/${tenderId}/lots/${String(bid.lot)}/electronic-bid`)
    .set(as(token));
  if (bid.submittedFromIp) req = req.set('X-Forwarded-For', String(bid.submittedFromIp));
  req = req.field('bid', JSON.stringify(electronicBid(bid)));
  for (const [name, content] of documents) req = req.attach('documents', content, name);
  return req;
}

export interface SetUp {
  publish?: boolean;
  /** Bidder codes of the example to register (default: all). */
  bidders?: string[];
  /** [bidder, lot] pairs of the example's bids to submit electronically, by each bidder's staff (the tender must be published). */
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
  for (const [bidder, lot] of bids) {
    const res = await submitBid(t, id, exampleBid(bidder, lot, d));
    if (res.status !== 201) throw new Error(`bid ${bidder} on lot ${lot} refused: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return id;
}

/** Run the tender clock as if it were `now`. */
export const advance = (t: TestApp, now: Date) => t.app.get(TenderLifecycle).advance(now);

/** Open at the opening time and end the opening record's window, as the clock would: the review may start. */
export async function openForReview(t: TestApp, when: Schedule): Promise<void> {
  await advance(t, when.afterOpening);
  await t.app.get(TenderLifecycle).endWindows(when.afterWindow);
}
