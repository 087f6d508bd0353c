import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { conflict, fieldError, invalidInput, valid } from '../common/errors';
import { trimZeros } from '../domain/dossier/dossier-values';
import { decisionProblems, proposes } from '../domain/evaluation/repeated-failure';
import { errorAt } from '../domain/validation';
import type { Unchecked } from '../common/wire';
import type { BidderFields, BidReviewChanges, NewBid } from '../domain/wire/bids';
import { validatePart } from '../domain/dossier/dossier.validation';
import { Lot } from '../tenders/lot.entity';
import { ScoringScheme } from '../tenders/scheme.entity';
import { TenderAccess, tenderForUpdate } from '../tenders/tender-access';
import { Tender } from '../tenders/tender.entity';
import { can, LOT, TENDER } from '../domain/lifecycles';
import { assertCan } from '../audit/transitions';
import { DossierSource } from '../tenders/dossier-source';
import { dossierLot, dossierScheme } from '../tenders/tender-dossier';
import { assertVersion, changes, updateIfVersion } from '../tenders/versioning';
import { Organization } from '../users/organization.entity';
import { Bid } from './bid.entity';
import { BidDocument } from './bid-document.entity';
import { Bidder } from './bidder.entity';
import { bidColumns, bidderColumns, bidderView, dossierBid, dossierBidder, insurerOrganization } from './bid-dossier';
import { assertTakes } from './bid-intake.service';
import { OpeningLinesOfTenders } from './opening-lines';
import { PaperBidReceipt } from './paper-receipt.entity';
import { BidEnvelope } from './bid-envelope.entity';
import { OpeningLine } from './opening-line.entity';
import { bidderRemoval, paperBidRemoval } from '../domain/removals';
import { RepeatedFailureSource } from './repeated-failures';
import { openingSheetWorkbook } from './opening-sheet';
import { BidReview, reviewDossier, reviewLot } from '../domain/bids/validity';
import type { Dossier } from '../domain/dossier/dossier.types';

type ReviewFields = Pick<
  Bid,
  | 'qualification'
  | 'compliance'
  | 'priceCorrectionAccepted'
  | 'abnormalLowRejected'
  | 'abnormalLowNote'
  | 'facts'
  | 'repeatedFailureDecision'
  | 'repeatedFailureNote'
>;

/** What a review field becomes when a PATCH sends null: cleared. */
const CLEARED: ReviewFields = {
  qualification: [],
  compliance: [],
  priceCorrectionAccepted: null,
  abnormalLowRejected: null,
  abnormalLowNote: null,
  facts: {},
  repeatedFailureDecision: null,
  repeatedFailureNote: null,
};

const reviewFields = (b: Bid): ReviewFields => ({
  qualification: b.qualification,
  compliance: b.compliance,
  priceCorrectionAccepted: b.priceCorrectionAccepted,
  abnormalLowRejected: b.abnormalLowRejected,
  abnormalLowNote: b.abnormalLowNote,
  facts: b.facts,
  repeatedFailureDecision: b.repeatedFailureDecision,
  repeatedFailureNote: b.repeatedFailureNote,
});

/**
 * Bidders and their bids (DOMAIN.md §3). A bid row holds figures only from the opening on — opened
 * from its electronic envelope, or entered from a paper bid's opening sheet — or as an imported
 * procurement recorded them; nobody reads them before the lot is opened, and a bid on a lot that was
 * not opened stays sealed for good. After opening, each bid is shown with its review — price correction and
 * validity from the pure rules over the whole lot, since related bidders are judged together.
 */
@Injectable()
export class BidsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: TenderAccess,
    private readonly dossiers: DossierSource,
    private readonly failures: RepeatedFailureSource,
    private readonly openingLines: OpeningLinesOfTenders,
  ) {}

  async addBidder(user: AuthUser, tenderId: number, body: Unchecked<BidderFields>) {
    return this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertCan(TENDER, tender.status, 'register-bidder', '投标截止后不能再登记投标人 / bidders register before the bid deadline');
      const bidders = await m.find(Bidder, { where: { tenderId }, order: { id: 'ASC' } });
      const fields = valid(validatePart.bidder(body, bidders.map(dossierBidder)));
      if (bidders.some((b) => b.code === fields.code)) throw invalidInput([fieldError('code', 'taken', { what: 'bidderCode' })]);
      const organizationId = await this.organizationOf(m, tender, fields);
      // Its users submit electronic bids and confirm opening lines as that one bidder: never two entries.
      if (bidders.some((b) => b.organizationId === organizationId))
        throw invalidInput([fieldError('organizationId', 'taken', { what: 'bidderOrganization' })]);
      const bidder = await m.save(m.create(Bidder, { tenderId, ...bidderColumns(fields), organizationId }));
      await this.audit.record(user, { action: 'bidder.create', entityType: 'bidder', entityId: bidder.id, after: bidderView(bidder) }, m);
      return bidderView(bidder);
    });
  }

  /**
   * A bidder registered by mistake is struck off before the deadline, while nothing was bid or received
   * from it (domain/removals.ts); the audit keeps the bidder as it was.
   */
  async removeBidder(user: AuthUser, tenderId: number, bidderId: number) {
    return this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      const bidder = await m.findOneBy(Bidder, { id: bidderId, tenderId });
      if (!bidder) throw new NotFoundException('投标人不存在 / bidder not found');
      const hasBids =
        (await m.existsBy(Bid, { bidderId })) ||
        (await m.existsBy(BidEnvelope, { bidderId })) ||
        (await m.existsBy(PaperBidReceipt, { bidderId }));
      const refused = bidderRemoval(tender, hasBids);
      if (refused) throw conflict(refused);
      const before = bidderView(bidder);
      await m.delete(Bidder, { id: bidderId });
      await this.audit.record(user, { action: 'bidder.remove', entityType: 'bidder', entityId: bidderId, before, after: null }, m);
      return before;
    });
  }

  /**
   * A paper bid's amounts entered wrongly at the opening are removed, with their line of the opening
   * record, until the bidder confirms or disputes that line and before any score of the bid; the clerk
   * then enters them again. An electronic bid is its bidder's to withdraw (domain/removals.ts).
   */
  async removePaperBid(user: AuthUser, tenderId: number, bidId: number) {
    return this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      const bid = await m.findOneBy(Bid, { id: bidId, tenderId });
      if (!bid) throw new NotFoundException('投标不存在 / bid not found');
      const line = await m.findOneBy(OpeningLine, { bidId });
      // The scores table by name: bids is a layer below the panel.
      const scored = (await m.createQueryBuilder().from('scores', 's').where('s.bidId = :bidId', { bidId }).getCount()) > 0;
      const refused = paperBidRemoval(tender, line, scored);
      if (refused) throw conflict(refused);
      const [bidder, lot] = await Promise.all([m.findOneByOrFail(Bidder, { id: bid.bidderId }), m.findOneByOrFail(Lot, { id: bid.lotId })]);
      const before = dossierBid(bid, bidder.code, lot.no);
      if (line) await m.delete(OpeningLine, { id: line.id });
      await m.delete(Bid, { id: bidId });
      await this.audit.record(
        user,
        {
          action: 'bid.paper-removed',
          entityType: 'bid',
          entityId: bidId,
          before: { ...before, openingLine: line?.status ?? null },
          after: null,
        },
        m,
      );
      return { id: bidId, bidder: bidder.code, lot: lot.no };
    });
  }

  /**
   * Enter a paper bid's amounts as read aloud at the opening (唱标), from the envelope received before the
   * deadline: only once the tender is opened, on a lot that opened. Its line of the opening record is
   * added with it, for its bidder to confirm or dispute. The answer is the opened bid.
   */
  async addBid(user: AuthUser, tenderId: number, body: Unchecked<NewBid>) {
    const id = await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertTakes(tender, 'paper');
      if (!can(TENDER, tender.status, 'enter-paper-bids')) throw conflict('amountsAtOpening');
      const dossier = await this.dossiers.load(m, tenderId);
      const fields = valid(validatePart.bid(body, dossier));
      const lot = await m.findOneByOrFail(Lot, { tenderId, no: fields.lot });
      const bidder = await m.findOneByOrFail(Bidder, { tenderId, code: fields.bidder });
      if (!can(LOT, lot.status, 'see-bids')) throw conflict('lotNotOpened', { lot: lot.no });
      const receipt = await m.findOneBy(PaperBidReceipt, { lotId: lot.id, bidderId: bidder.id });
      if (!receipt) throw invalidInput([fieldError('bidder', 'noPaperReceipt')]);
      if (await m.existsBy(Bid, { lotId: lot.id, bidderId: bidder.id })) {
        throw invalidInput([fieldError('bidder', 'alreadyBid', { bidder: bidder.code, lot: lot.no })]);
      }
      const bid = await m.save(
        m.create(Bid, { tenderId, lotId: lot.id, bidderId: bidder.id, ...bidColumns(fields), submittedAt: new Date(receipt.receivedAt) }),
      );
      await this.audit.record(
        user,
        { action: 'bid.paper-amounts', entityType: 'bid', entityId: bid.id, after: dossierBid(bid, bidder.code, lot.no) },
        m,
      );
      await this.openingLines.addPaperLine(m, user, bid, bidder, lot);
      return bid.id;
    });
    return (await this.list(user, tenderId)).find((b) => b.id === id)!;
  }

  /** The bids `user` may see: sealed entries before opening, the figures and their review after. */
  async list(user: AuthUser, tenderId: number) {
    const { tender, bidderIds } = await this.access.visible(user, tenderId);
    const m = this.dataSource.manager;
    const [bids, lots, bidders] = await Promise.all([
      m.find(Bid, { where: { tenderId }, order: { id: 'ASC' } }),
      m.find(Lot, { where: { tenderId } }),
      m.find(Bidder, { where: { tenderId } }),
    ]);
    const lotOf = new Map(lots.map((l) => [l.id, l]));
    const bidderOf = new Map(bidders.map((b) => [b.id, b]));
    const opened = (bid: Bid) => can(TENDER, tender.status, 'see-bids') && can(LOT, lotOf.get(bid.lotId)!.status, 'see-bids');
    const visible = bids.filter((b) => !bidderIds || bidderIds.has(b.bidderId));
    const reviews = visible.some(opened) ? reviewsByBid(await this.dossiers.load(m, tenderId)) : new Map<string, BidReview>();
    const openedIds = visible.filter(opened).map((b) => b.id);
    const documents = openedIds.length
      ? await m.find(BidDocument, {
          select: { id: true, bidId: true, fileName: true, mimeType: true, size: true, sha256: true },
          where: { bidId: In(openedIds) },
          order: { id: 'ASC' },
        })
      : [];
    // An insurer that failed its annual assessment in two or more years is flagged for the panel (DOMAIN.md §7).
    const flags = await this.failures.flags(
      m,
      bidders.map((b) => b.organizationId),
    );
    return visible.map((bid) => {
      const lot = lotOf.get(bid.lotId)!;
      const bidder = bidderOf.get(bid.bidderId)!;
      const sealed = { id: bid.id, lot: lot.no, bidder: bidder.code, bidderName: bidder.name, submittedAt: bid.submittedAt };
      if (!opened(bid)) return { ...sealed, sealed: true as const };
      const { bidder: _b, lot: _l, ...review } = reviews.get(bidKey(bidder.code, lot.no))!;
      const repeatedFailures = (bidder.organizationId !== null && flags.get(bidder.organizationId)) || null;
      return {
        ...sealed,
        sealed: false as const,
        repeatedFailures,
        // the deduction the tender proposes for the flag, for the panel to apply or waive (DOMAIN.md §7)
        proposedDeduction:
          repeatedFailures && proposes(tender.repeatedFailureDeduction) ? trimZeros(tender.repeatedFailureDeduction) : null,
        sme: bidder.sme,
        unitPrice: bid.unitPrice,
        serviceTotal: bid.serviceTotal,
        fixedComponents: bid.fixedComponents,
        total: bid.total,
        rate: bid.rate,
        deficitShare: bid.deficitShare,
        totalCapitals: bid.totalCapitals,
        itemised: bid.itemised,
        submittedFromIp: bid.submittedFromIp,
        ...reviewFields(bid),
        version: bid.version,
        review,
        documents: documents
          .filter((d) => d.bidId === bid.id)
          .map(({ id, fileName, mimeType, size, sha256 }) => ({ id, fileName, mimeType, size, sha256 })),
      };
    });
  }

  /**
   * A document of an opened bid, with its bytes: for procurement, for the tender's panel experts (who
   * reach it once opened and declared), for the bidder's insurer its own. Before its lot is opened a bid
   * stays sealed for everyone (409); another bidder's bid, for an insurer, is not found.
   */
  async document(user: AuthUser, tenderId: number, bidId: number, documentId: number): Promise<BidDocument> {
    const { tender, bidderIds } = await this.access.visible(user, tenderId);
    const m = this.dataSource.manager;
    const bid = await m.findOneBy(Bid, { id: bidId, tenderId });
    if (!bid || (bidderIds && !bidderIds.has(bid.bidderId))) throw new NotFoundException('投标不存在 / bid not found');
    const lot = await m.findOneByOrFail(Lot, { id: bid.lotId });
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标，投标文件保持密封 / the bid documents stay sealed until the opening');
    assertCan(LOT, lot.status, 'see-bids', `标包${lot.no}未开标，投标保持密封 / lot ${lot.no} was not opened: its bids stay sealed`);
    const document = await m.findOne(BidDocument, {
      select: { id: true, bidId: true, fileName: true, mimeType: true, size: true, sha256: true, content: true },
      where: { id: documentId, bidId },
    });
    if (!document) throw new NotFoundException('投标文件不存在 / bid document not found');
    return document;
  }

  /**
   * Record the review of an opened bid: qualification and compliance checklists, the bidder's
   * confirmation of a price correction, the panel's ruling on an abnormally low price, the facts the
   * objective criteria score. Each change is audited with its before and after.
   */
  async review(user: AuthUser, tenderId: number, bidId: number, body: Unchecked<BidReviewChanges>) {
    const { version, ...changed } = valid(validatePart.reviewChange(body));
    await this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertCan(TENDER, tender.status, 'review-bids', '投标在开标后、定标前审查 / bids are reviewed between opening and award');
      const bid = await m.findOneBy(Bid, { id: bidId, tenderId });
      if (!bid) throw new NotFoundException('投标不存在 / bid not found');
      const lot = await m.findOneByOrFail(Lot, { id: bid.lotId });
      assertCan(LOT, lot.status, 'see-bids', `标包${lot.no}未开标，投标保持密封 / lot ${lot.no} was not opened: its bids stay sealed`);
      const scheme = await m.findOneByOrFail(ScoringScheme, { tenderId, code: lot.schemeCode });
      const fields = valid(validatePart.bidReview(changed, dossierScheme(scheme)));
      const before = reviewFields(bid);
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v ?? CLEARED[k as keyof ReviewFields]])),
      };
      await this.checkRepeatedFailureDecision(m, tender, bid, after);
      const change = changes(before, after);
      if (!change) return assertVersion(bid, version);
      await updateIfVersion(m, Bid, bidId, version, after);
      await this.audit.record(user, { action: 'bid.review', entityType: 'bid', entityId: bidId, ...change }, m);
    });
    return (await this.list(user, tenderId)).find((b) => b.id === bidId)!;
  }

  /**
   * The panel's decision on a repeated-failure deduction (DOMAIN.md §7), as recorded: only on a bid of
   * a bidder flagged by its assessment history, of a tender that proposes a deduction, with a reason.
   */
  private async checkRepeatedFailureDecision(m: EntityManager, tender: Tender, bid: Bid, after: ReviewFields): Promise<void> {
    if (after.repeatedFailureDecision == null) return;
    const bidder = await m.findOneByOrFail(Bidder, { id: bid.bidderId });
    const flagged = bidder.organizationId !== null && (await this.failures.flags(m, [bidder.organizationId])).has(bidder.organizationId);
    const problems = decisionProblems(after.repeatedFailureDecision, after.repeatedFailureNote, tender.repeatedFailureDeduction, flagged);
    if (problems.length) throw invalidInput(problems.map((p) => errorAt(p.field, p.failure)));
  }

  /** The opening sheet (开标一览表) of an opened lot. */
  async openingSheet(user: AuthUser, tenderId: number, lotNo: string) {
    const { tender } = await this.access.visible(user, tenderId);
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    const m = this.dataSource.manager;
    const lot = await m.findOneBy(Lot, { tenderId, no: lotNo });
    if (!lot) throw new NotFoundException('标包不存在 / lot not found');
    assertCan(LOT, lot.status, 'see-bids', `标包${lot.no}未开标 / lot ${lot.no} was not opened: ${lot.statusReason ?? ''}`);
    const dossier = await this.dossiers.load(m, tenderId);
    const bidders = new Map(dossier.bidders.map((b) => [b.code, b]));
    const reviews = reviewLot(dossierLot(lot), dossier.bids, dossier.bidders, dossier.tender);
    const file = await openingSheetWorkbook(
      dossier.tender,
      dossierLot(lot),
      reviews.map((review) => ({ bidder: bidders.get(review.bidder)!, review })),
    );
    return {
      file,
      filename: `开标一览表-${tender.code}-第${lot.no}包.xlsx`,
      asciiFilename: `opening-sheet-${tender.code}-lot-${lot.no}.xlsx`,
    };
  }

  /** The insurer organisation whose users see the bidder's bids: the one given, or the one an import would link. */
  private async organizationOf(m: EntityManager, tender: Tender, bidder: BidderFields): Promise<number> {
    if (bidder.organizationId == null) return (await insurerOrganization(m, tender.code, bidder.code, bidder.name)).id;
    const organization = await m.findOneBy(Organization, { id: bidder.organizationId });
    if (organization?.kind !== 'insurer') {
      throw invalidInput([fieldError('organizationId', 'insurerOrganization')]);
    }
    return organization.id;
  }
}

const bidKey = (bidder: string, lot: string) => `${bidder}|${lot}`;

function reviewsByBid(dossier: Dossier): Map<string, BidReview> {
  return new Map(reviewDossier(dossier).map((r) => [bidKey(r.bidder, r.lot), r]));
}
