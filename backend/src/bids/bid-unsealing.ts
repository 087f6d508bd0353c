import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { conflict } from '../common/errors';
import { SealBroken, unseal } from '../common/sealed-envelope';
import { Lot } from '../tenders/lot.entity';
import { Bid } from './bid.entity';
import { bidColumns } from './bid-dossier';
import { BidDocument } from './bid-document.entity';
import { BidEnvelope } from './bid-envelope.entity';
import { Bidder } from './bidder.entity';
import { decodeEnvelope, EnvelopeContent } from './envelope-content';
import { envelopeContext, envelopeReceipt } from './envelope-receipts';
import { TenderKeys } from './tender-keys';

/**
 * The opening (开标) of electronic envelopes: the one place bid content is decrypted. Each sealed
 * envelope of an opened lot becomes its bid row (figures, submitting address) and its documents,
 * and is marked opened; every envelope is opened before anything is written, so a wrong key or an
 * altered envelope leaves the tender as it was.
 */
@Injectable()
export class BidUnsealing {
  constructor(
    private readonly keys: TenderKeys,
    private readonly audit: AuditService,
  ) {}

  async unseal(m: EntityManager, tenderId: number, lotIds: number[]): Promise<void> {
    if (lotIds.length === 0) return;
    const envelopes = await m.find(BidEnvelope, {
      select: {
        id: true,
        tenderId: true,
        lotId: true,
        bidderId: true,
        status: true,
        sha256: true,
        submittedAt: true,
        closedAt: true,
        sealed: true,
      },
      where: { tenderId, lotId: In(lotIds), status: 'sealed' },
      order: { id: 'ASC' },
    });
    if (envelopes.length === 0) return;
    const { key } = await this.keys.forOpening(m, tenderId);
    const opened: { envelope: BidEnvelope; content: EnvelopeContent }[] = envelopes.map((envelope) => {
      try {
        return { envelope, content: decodeEnvelope(unseal(key, envelope.sealed!, envelopeContext(envelope))) };
      } catch (error) {
        if (error instanceof SealBroken) throw conflict('envelopeBroken', { hash: envelope.sha256 });
        throw error;
      }
    });
    const lots = new Map((await m.findBy(Lot, { tenderId })).map((l) => [l.id, l]));
    const bidders = new Map((await m.findBy(Bidder, { tenderId })).map((b) => [b.id, b]));
    for (const { envelope, content } of opened) {
      const { lotId, bidderId } = envelope;
      const bid = await m.save(m.create(Bid, { tenderId, lotId, bidderId, ...bidColumns(content.bid), submittedAt: envelope.submittedAt }));
      for (const d of content.documents) {
        await m.insert(BidDocument, {
          bidId: bid.id,
          fileName: d.fileName,
          mimeType: d.mimeType,
          size: d.content.length,
          sha256: d.sha256,
          content: d.content,
        });
      }
      await m.update(BidEnvelope, envelope.id, { status: 'opened', bidId: bid.id });
      const receipt = envelopeReceipt({ ...envelope, status: 'opened' }, lots.get(lotId)!, bidders.get(bidderId)!);
      await this.audit.record(
        null,
        {
          action: 'bid.unseal',
          entityType: 'bid',
          entityId: bid.id,
          after: { ...receipt, bidId: bid.id, documents: content.documents.length },
        },
        m,
      );
    }
  }
}
