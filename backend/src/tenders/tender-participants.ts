import type { EntityManager } from 'typeorm';
import type { DossierBidder } from '../domain/dossier/dossier.types';
import type { Declaration } from '../domain/panel/panel-codes';

/**
 * What tenders needs to know of the later stages that fill a tender: its bids (bids provides it) and its
 * panel (panel provides it). Tenders owns these ports, so that it depends on no later stage; the
 * application binds them (backend/src/ports.module.ts).
 */

/** A bidder as the API shows it with its tender. */
export type BidderSummary = DossierBidder & { id: number; organizationId: number | null };

export abstract class TenderBids {
  /**
   * Bids received per tender or per lot, of the tenders given — electronic envelopes and paper ones
   * before the opening, bid rows after —; of one organisation's bidders only when `organizationId` is
   * not null (so that how many competitors bid stays its competitors' business).
   */
  abstract counts(
    m: EntityManager,
    by: 'tenderId' | 'lotId',
    tenderIds: number[],
    organizationId: number | null,
  ): Promise<Map<number, number>>;
  /**
   * The tenders an organisation takes part in: those it is a registered bidder of (its staff submit
   * electronic bids there, and see what is theirs).
   */
  abstract tendersBidOn(m: EntityManager, organizationId: number): Promise<number[]>;
  /**
   * The opening's step for the bids, in its transaction: the sealed envelopes of the lots that open
   * are opened and their figures written into bid rows. Nothing is opened when one envelope does not
   * open (a wrong BID_SEAL_KEY, an altered envelope): the caller's transaction fails whole.
   */
  abstract unseal(m: EntityManager, tenderId: number, lotIds: number[]): Promise<void>;
  /** The tender's bidders as the API shows them, in the order they registered. */
  abstract bidders(m: EntityManager, tenderId: number): Promise<BidderSummary[]>;
}

export abstract class PanelSeats {
  /** The tenders on whose panel a user sits. */
  abstract tendersOf(m: EntityManager, userId: number): Promise<number[]>;
  /** A user's seat on a tender's panel with its declaration (回避声明), or null without a seat. */
  abstract seatOn(m: EntityManager, tenderId: number, userId: number): Promise<{ declaration: Declaration | null } | null>;
}

/**
 * The lines of the opening record (bids provides them): one per bid of an opened lot, each answered by
 * its bidder within the window.
 */
export abstract class OpeningLines {
  /** Write a pending line for each bid of the tender's opened lots; answers how many. */
  abstract start(m: EntityManager, tenderId: number): Promise<number>;
  /** At the window's end: every line still pending is deemed confirmed; answers how many. */
  abstract deemConfirmed(m: EntityManager, tenderId: number): Promise<number>;
  /** How many paper envelopes of opened lots still await their amounts: the window does not end before them. */
  abstract awaitingAmounts(m: EntityManager, tenderId: number): Promise<number>;
  /** How many disputes wait for procurement's answer. */
  abstract unanswered(m: EntityManager, tenderId: number): Promise<number>;
}
