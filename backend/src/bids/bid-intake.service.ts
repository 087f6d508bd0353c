import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/decorators';
import { conflict, fieldError, invalidInput, valid } from '../common/errors';
import { envelopeHash, seal } from '../common/sealed-envelope';
import { checkedFile, megabytes } from '../common/uploads/file-upload';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { BidSubmission } from '../domain/bids/intake';
import { validatePart } from '../domain/dossier/dossier.validation';
import { can, TENDER } from '../domain/lifecycles';
import type { EnvelopeReceipt, PaperReceiptFields, PaperReceiptView } from '../domain/wire/bids';
import type { Unchecked } from '../common/wire';
import { DossierSource } from '../tenders/dossier-source';
import { Lot } from '../tenders/lot.entity';
import { TenderAccess, tenderForUpdate, tenderNotFound } from '../tenders/tender-access';
import { Tender } from '../tenders/tender.entity';
import { Bid } from './bid.entity';
import { BidEnvelope } from './bid-envelope.entity';
import { Bidder } from './bidder.entity';
import { encodeEnvelope } from './envelope-content';
import { envelopeContext, envelopeReceipt, paperReceiptView } from './envelope-receipts';
import { PaperBidReceipt } from './paper-receipt.entity';
import { TenderKeys } from './tender-keys';

/**
 * Bids as they arrive (DOMAIN.md §1, §3), before the deadline and without anyone reading an amount:
 * the electronic envelopes a bidder's own staff submit, replace and withdraw, sealed on arrival under
 * the tender's data key; and the paper envelopes the procurement centre receives. Each step is
 * audited with a receipt, never with a figure.
 */
@Injectable()
export class BidIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: TenderAccess,
    private readonly dossiers: DossierSource,
    private readonly keys: TenderKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Submit the user's organisation's bid on a lot, or replace it: the previous envelope is kept, as
   * superseded. `bid` is the bid's JSON (its figures; ElectronicBidSchema), `files` its documents.
   */
  async submit(
    user: AuthUser,
    tenderId: number,
    lotNo: string,
    bid: unknown,
    files: Express.Multer.File[],
    fromIp: string | null,
  ): Promise<EnvelopeReceipt> {
    const maxBytes = this.config.evidenceMaxBytes;
    const documents = files.map((file, i) => checkedFile(file, undefined, `documents[${i}]`));
    const size = documents.reduce((sum, d) => sum + d.content.length, 0);
    // The documents together are held to the size of one upload: the envelope is one row.
    if (size > maxBytes) throw invalidInput([fieldError('documents', 'fileTooLarge', { max: megabytes(maxBytes) })]);
    return this.dataSource.transaction(async (m) => {
      const { tender, bidder, lot } = await this.electronicBidOn(m, user, tenderId, lotNo);
      const dossier = await this.dossiers.load(m, tenderId);
      const input = bid !== null && typeof bid === 'object' && !Array.isArray(bid) ? bid : {};
      if (input !== bid) throw invalidInput([fieldError('bid', 'object')]);
      const fields = valid(validatePart.bid({ ...input, lot: lot.no, bidder: bidder.code, submittedFromIp: fromIp ?? undefined }, dossier));
      const previous = await m.findOneBy(BidEnvelope, { tenderId, lotId: lot.id, bidderId: bidder.id, status: 'sealed' });
      const now = new Date();
      if (previous) await m.update(BidEnvelope, previous.id, { status: 'superseded', closedAt: now });
      const { key, cipher } = await this.keys.forSealing(m, tender.id);
      const place = { tenderId, lotId: lot.id, bidderId: bidder.id };
      const sealed = seal(key, encodeEnvelope({ bid: fields, documents }), envelopeContext(place), cipher);
      const envelope = await m.save(
        m.create(BidEnvelope, {
          ...place,
          status: 'sealed',
          sha256: envelopeHash(sealed),
          size: sealed.length,
          submittedAt: now,
          submittedBy: user.id,
          closedAt: null,
          bidId: null,
          sealed,
        }),
      );
      const receipt = envelopeReceipt(envelope, lot, bidder);
      await this.audit.record(
        user,
        {
          action: previous ? 'bid.replace' : 'bid.submit',
          entityType: 'bid-envelope',
          entityId: envelope.id,
          ...(previous && { before: envelopeReceipt({ ...previous, status: 'superseded', closedAt: now }, lot, bidder) }),
          after: receipt,
        },
        m,
      );
      return receipt;
    });
  }

  /** Withdraw the user's organisation's bid on a lot before the deadline: its envelope stays, withdrawn. */
  async withdraw(user: AuthUser, tenderId: number, lotNo: string): Promise<EnvelopeReceipt> {
    return this.dataSource.transaction(async (m) => {
      const { bidder, lot } = await this.electronicBidOn(m, user, tenderId, lotNo);
      const envelope = await m.findOneBy(BidEnvelope, { tenderId, lotId: lot.id, bidderId: bidder.id, status: 'sealed' });
      if (!envelope) throw conflict('noBidToWithdraw');
      const before = envelopeReceipt(envelope, lot, bidder);
      const closedAt = new Date();
      await m.update(BidEnvelope, envelope.id, { status: 'withdrawn', closedAt });
      const after = envelopeReceipt({ ...envelope, status: 'withdrawn', closedAt }, lot, bidder);
      await this.audit.record(user, { action: 'bid.withdraw', entityType: 'bid-envelope', entityId: envelope.id, before, after }, m);
      return after;
    });
  }

  /** The receipts of the user's organisation's envelopes on the tender, every one received, oldest first. */
  async ownReceipts(user: AuthUser, tenderId: number): Promise<EnvelopeReceipt[]> {
    const { bidderIds } = await this.access.visible(user, tenderId);
    return (await this.received(tenderId)).electronic.filter((r) => !bidderIds || bidderIds.has(r.bidderId)).map((r) => r.receipt);
  }

  /** What the procurement centre received on the tender, electronic and paper, without any amount. */
  async receivedBids(user: AuthUser, tenderId: number) {
    const { tender } = await this.access.visible(user, tenderId);
    const { electronic, paper } = await this.received(tenderId);
    return { bidSubmission: tender.bidSubmission, electronic: electronic.map((r) => r.receipt), paper };
  }

  /** Record a paper envelope received before the deadline (no amount: those come at the opening). */
  async receivePaper(user: AuthUser, tenderId: number, body: Unchecked<PaperReceiptFields>): Promise<PaperReceiptView> {
    return this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      assertTakes(tender, 'paper');
      assertBeforeDeadline(tender);
      const bidders = await m.find(Bidder, { where: { tenderId } });
      const lots = await m.find(Lot, { where: { tenderId } });
      const known = { lots: lots.map((l) => l.no), bidders: bidders.map((b) => b.code), deadline: tender.bidDeadline, now: new Date() };
      const fields = valid(validatePart.paperReceipt(body, known));
      const lot = lots.find((l) => l.no === fields.lot)!;
      const bidder = bidders.find((b) => b.code === fields.bidder)!;
      if (await m.existsBy(PaperBidReceipt, { lotId: lot.id, bidderId: bidder.id })) {
        throw invalidInput([fieldError('bidder', 'paperReceived')]);
      }
      const receipt = await m.save(
        m.create(PaperBidReceipt, {
          tenderId,
          lotId: lot.id,
          bidderId: bidder.id,
          receivedAt: fields.receivedAt,
          receivedBy: fields.receivedBy,
          sealedIntact: fields.sealedIntact,
          note: fields.note ?? null,
          recordedBy: user.id,
          recordedAt: new Date(),
        }),
      );
      const view = paperReceiptView(receipt, lot, bidder, false);
      await this.audit.record(user, { action: 'bid.paper-receipt', entityType: 'paper-bid-receipt', entityId: receipt.id, after: view }, m);
      return view;
    });
  }

  /** The tender, the user's organisation's bidder and the lot, while the tender takes electronic bids. */
  private async electronicBidOn(m: EntityManager, user: AuthUser, tenderId: number, lotNo: string) {
    const tender = await tenderForUpdate(m, tenderId);
    // An insurer is not told of a tender its organisation is not a bidder of (the access policy's rule).
    const bidder =
      user.organizationId === null
        ? null
        : await m.findOne(Bidder, { where: { tenderId, organizationId: user.organizationId }, order: { id: 'ASC' } });
    if (!bidder) throw tenderNotFound();
    assertTakes(tender, 'electronic');
    assertBeforeDeadline(tender);
    const lot = await m.findOneBy(Lot, { tenderId, no: lotNo });
    if (!lot) throw new NotFoundException('标包不存在 / lot not found');
    return { tender, bidder, lot };
  }

  private async received(tenderId: number) {
    const m = this.dataSource.manager;
    const [envelopes, receipts, lots, bidders, bids] = await Promise.all([
      m.find(BidEnvelope, { where: { tenderId }, order: { id: 'ASC' } }),
      m.find(PaperBidReceipt, { where: { tenderId }, order: { id: 'ASC' } }),
      m.find(Lot, { where: { tenderId } }),
      m.find(Bidder, { where: { tenderId } }),
      m.find(Bid, { select: { lotId: true, bidderId: true }, where: { tenderId } }),
    ]);
    const lotOf = new Map(lots.map((l) => [l.id, l]));
    const bidderOf = new Map(bidders.map((b) => [b.id, b]));
    const entered = new Set(bids.map((b) => `${b.lotId}|${b.bidderId}`));
    return {
      electronic: envelopes.map((e) => ({
        bidderId: e.bidderId,
        receipt: envelopeReceipt(e, lotOf.get(e.lotId)!, bidderOf.get(e.bidderId)!),
      })),
      paper: receipts.map((r) =>
        paperReceiptView(r, lotOf.get(r.lotId)!, bidderOf.get(r.bidderId)!, entered.has(`${r.lotId}|${r.bidderId}`)),
      ),
    };
  }
}

/** Whether the tender takes bids the way asked. */
export function assertTakes(tender: Tender, way: BidSubmission): void {
  if (tender.bidSubmission !== way) throw conflict(way === 'paper' ? 'electronicBidsOnly' : 'paperBidsOnly');
}

/** Bids arrive while the tender is published and before its deadline by the server's clock (the deadline itself is late). */
function assertBeforeDeadline(tender: Tender): void {
  if (tender.status === 'draft') throw conflict('bidsNotOpen');
  if (!can(TENDER, tender.status, 'bid') || Date.parse(tender.bidDeadline) <= Date.now()) {
    throw conflict('bidDeadlinePassed', { deadline: tender.bidDeadline });
  }
}
