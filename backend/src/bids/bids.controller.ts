import { Requires } from '../access/requires';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Ip,
  Param,
  Patch,
  Post,
  Res,
  StreamableFile,
  UploadedFiles,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { download } from '../common/download';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, LoggedAs } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { checkedInService, Downloads, Responds, type Unchecked } from '../common/wire';
import type { z } from '../domain/validation';
import {
  BidRowSchema,
  ElectronicBidFormSchema,
  EnvelopeReceiptSchema,
  PaperReceiptSchema,
  PaperReceiptViewSchema,
  ReceivedBidsSchema,
  type PaperReceiptFields,
  CreateBidderSchema,
  CreateBidSchema,
  OpenedBidSchema,
  RemovedBidSchema,
  ReviewBidSchema,
  type BidderFields,
  type BidReviewChanges,
  type NewBid,
} from '../domain/wire/bids';
import { IdSchema } from '../domain/wire/common';
import { BidderViewSchema } from '../domain/wire/tenders';
import { BidDocumentsUpload } from '../common/uploads/file-upload';
import { BidIntake } from './bid-intake.service';
import { BidsService } from './bids.service';
import { XLSX_TYPE } from './opening-sheet';

/** An attachment name in UTF-8 (RFC 6266/5987) with an ASCII one for clients that read only that. */
const attachment = (filename: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

@ApiTags('bids')
@ApiBearerAuth()
@Controller('tenders/:id')
export class BidsController {
  constructor(
    private readonly bids: BidsService,
    private readonly intake: BidIntake,
  ) {}

  /** A dossier bidder, optionally with the organizationId of its insurer organisation. */
  @Post('bidders')
  @Requires('tender.manage')
  @Responds(201, BidderViewSchema)
  addBidder(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(CreateBidderSchema) }) body: Unchecked<BidderFields>,
  ) {
    return this.bids.addBidder(user, id, body);
  }

  /** A bidder registered by mistake, struck off before the deadline while it has no bid (a POST: the audit keeps it). */
  @Post('bidders/:bidderId/removal')
  @HttpCode(200)
  @Requires('tender.manage')
  @Responds(200, BidderViewSchema)
  removeBidder(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('bidderId', { schema: IdSchema }) bidderId: number,
  ) {
    return this.bids.removeBidder(user, id, bidderId);
  }

  /** A paper bid's amounts removed (to be entered again) until its bidder answers the line of the opening record. */
  @Post('bids/:bidId/removal')
  @HttpCode(200)
  @Requires('tender.manage')
  @Responds(200, RemovedBidSchema)
  removePaperBid(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('bidId', { schema: IdSchema }) bidId: number,
  ) {
    return this.bids.removePaperBid(user, id, bidId);
  }

  /**
   * A paper bid's amounts, entered at the opening from its opening sheet (lot, bidder, the figures its
   * lot's pricing needs, totalCapitals, itemised?): the tender must be opened and the envelope received.
   */
  @Post('bids')
  @Requires('tender.manage')
  @Responds(201, OpenedBidSchema)
  addBid(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(CreateBidSchema) }) body: Unchecked<NewBid>,
  ) {
    return this.bids.addBid(user, id, body);
  }

  /**
   * Submit or replace the own organisation's electronic bid on a lot before the deadline. Multipart:
   * `bid` (JSON: the figures, ElectronicBidSchema) and up to 10 `documents`. The answer is the receipt.
   */
  @Post('lots/:lotNo/electronic-bid')
  @Requires('bid.submit')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(BidDocumentsUpload)
  @Responds(201, EnvelopeReceiptSchema)
  submitBid(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotNo') lotNo: string,
    @Body({ schema: ElectronicBidFormSchema }) body: z.output<typeof ElectronicBidFormSchema>,
    @Ip() ip: string,
    @UploadedFiles() documents: Express.Multer.File[] = [],
  ) {
    return this.intake.submit(user, id, lotNo, body.bid, documents, ip || null);
  }

  /**
   * Withdraw the own organisation's electronic bid on a lot before the deadline. A POST, not a DELETE: the
   * envelope is kept, withdrawn (records are never deleted, backup/retention.e2e-spec.ts).
   */
  @Post('lots/:lotNo/electronic-bid/withdrawal')
  @HttpCode(200)
  @Requires('bid.submit')
  @Responds(200, EnvelopeReceiptSchema)
  withdrawBid(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Param('lotNo') lotNo: string) {
    return this.intake.withdraw(user, id, lotNo);
  }

  /** The receipts of the own organisation's electronic envelopes, replaced and withdrawn ones included. */
  @Get('electronic-bids')
  @Requires('bid.submit')
  @Responds(200, EnvelopeReceiptSchema.array())
  ownReceipts(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.intake.ownReceipts(user, id);
  }

  /** What was received: the electronic envelopes' receipts and the paper envelopes' receipts, no amount. */
  @Get('received-bids')
  @Requires('bid.receive')
  @Responds(200, ReceivedBidsSchema)
  received(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.intake.receivedBids(user, id);
  }

  /** A paper envelope received before the deadline: bidder, lot, receivedAt, receivedBy, sealedIntact, note. */
  @Post('paper-receipts')
  @Requires('bid.receive')
  @Responds(201, PaperReceiptViewSchema)
  receivePaper(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(PaperReceiptSchema) }) body: Unchecked<PaperReceiptFields>,
  ) {
    return this.intake.receivePaper(user, id, body);
  }

  /** The bids with their details: each read is recorded in the security log. */
  @Get('bids')
  @LoggedAs('bid-read')
  @Responds(200, BidRowSchema.array())
  list(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.bids.list(user, id);
  }

  /** A document of an opened electronic bid, as its bidder sent it (its type is its own); each download is logged. */
  @Get('bids/:bidId/documents/:documentId')
  @Requires('bid-document.read')
  @LoggedAs('download')
  @Downloads('application/octet-stream')
  async document(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('bidId', { schema: IdSchema }) bidId: number,
    @Param('documentId', { schema: IdSchema }) documentId: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const d = await this.bids.document(user, id, bidId, documentId);
    res.set({ ETag: `"${d.sha256}"`, 'X-File-SHA256': d.sha256 });
    return download({ file: d.content!, fileName: d.fileName }, d.mimeType);
  }

  /** The version, and any of qualification, compliance, priceCorrectionAccepted, abnormalLowRejected, facts. */
  @Patch('bids/:bidId')
  @Requires('tender.manage')
  @Responds(200, OpenedBidSchema)
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('bidId', { schema: IdSchema }) bidId: number,
    @Body({ schema: checkedInService(ReviewBidSchema) }) body: Unchecked<BidReviewChanges>,
  ) {
    return this.bids.review(user, id, bidId, body);
  }

  @Get('lots/:lotNo/opening-sheet.xlsx')
  @Requires('tender.reports')
  @Downloads(XLSX_TYPE)
  async openingSheet(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Param('lotNo') lotNo: string) {
    const { file, filename, asciiFilename } = await this.bids.openingSheet(user, id, lotNo);
    return new StreamableFile(file, { type: XLSX_TYPE, disposition: attachment(filename, asciiFilename), length: file.length });
  }
}
