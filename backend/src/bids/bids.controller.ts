import { Requires } from '../access/requires';
import { Body, Controller, Get, Param, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, LoggedAs } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { checkedInService, Downloads, Responds, type Unchecked } from '../common/wire';
import {
  BidReceiptSchema,
  BidRowSchema,
  CreateBidderSchema,
  CreateBidSchema,
  OpenedBidSchema,
  ReviewBidSchema,
  type BidderFields,
  type BidReviewChanges,
  type NewBid,
} from '../domain/wire/bids';
import { IdSchema } from '../domain/wire/common';
import { BidderViewSchema } from '../domain/wire/tenders';
import { BidsService } from './bids.service';
import { XLSX_TYPE } from './opening-sheet';

/** An attachment name in UTF-8 (RFC 6266/5987) with an ASCII one for clients that read only that. */
const attachment = (filename: string, ascii: string) =>
  `attachment; filename="${ascii.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;

@ApiTags('bids')
@ApiBearerAuth()
@Controller('tenders/:id')
export class BidsController {
  constructor(private readonly bids: BidsService) {}

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

  /** A bid: lot, bidder, unitPrice, serviceTotal, fixedComponents, total, totalCapitals, submittedFromIp?, itemised?. */
  @Post('bids')
  @Requires('tender.manage')
  @Responds(201, BidReceiptSchema)
  addBid(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(CreateBidSchema) }) body: Unchecked<NewBid>,
  ) {
    return this.bids.addBid(user, id, body);
  }

  /** The bids with their details: each read is recorded in the security log. */
  @Get('bids')
  @LoggedAs('bid-read')
  @Responds(200, BidRowSchema.array())
  list(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.bids.list(user, id);
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
