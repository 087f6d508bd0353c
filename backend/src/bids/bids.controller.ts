import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { dossierPartBody } from '../tenders/request-body';
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

  @Post('bidders')
  @Roles('procurement')
  @ApiBody(dossierPartBody('a dossier bidder, optionally with the organizationId of its insurer organisation'))
  addBidder(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: unknown) {
    return this.bids.addBidder(user, id, body);
  }

  @Post('bids')
  @Roles('procurement')
  @ApiBody(
    dossierPartBody('a bid: lot, bidder, unitPrice, serviceTotal, fixedComponents, total, totalCapitals, submittedFromIp?, itemised?'),
  )
  addBid(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: unknown) {
    return this.bids.addBid(user, id, body);
  }

  @Get('bids')
  list(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.bids.list(user, id);
  }

  @Patch('bids/:bidId')
  @Roles('procurement')
  @ApiBody(dossierPartBody('version, and any of qualification, compliance, priceCorrectionAccepted, abnormalLowRejected, facts'))
  review(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('bidId', ParseIntPipe) bidId: number,
    @Body() body: unknown,
  ) {
    return this.bids.review(user, id, bidId, body);
  }

  @Get('lots/:lotNo/opening-sheet.xlsx')
  @Roles('procurement', 'admin', 'bureau')
  @ApiProduces(XLSX_TYPE)
  async openingSheet(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('lotNo') lotNo: string) {
    const { file, filename, asciiFilename } = await this.bids.openingSheet(user, id, lotNo);
    return new StreamableFile(file, { type: XLSX_TYPE, disposition: attachment(filename, asciiFilename), length: file.length });
  }
}
