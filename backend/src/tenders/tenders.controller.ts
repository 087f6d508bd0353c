import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { z } from '../domain/validation';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { checkedInService, Responds, type Unchecked } from '../common/wire';
import type { DossierLot, DossierTender, Scheme } from '../domain/dossier/dossier.types';
import { IdSchema } from '../domain/wire/common';
import { sendPage } from '../common/paging';
import {
  ClarificationViewSchema,
  CreateLotSchema,
  CreateSchemeSchema,
  CreateTenderSchema,
  LotViewSchema,
  SchemeViewSchema,
  TenderDetailSchema,
  TenderListQuerySchema,
  TenderSummarySchema,
  UpdateLotSchema,
  UpdateTenderSchema,
  type LotChanges,
  type TenderChanges,
} from '../domain/wire/tenders';
import { TenderLifecycle } from './tender-lifecycle.service';
import { TendersService } from './tenders.service';

/** Reads are open to every role, each seeing what DOMAIN.md §1 allows; the set-up is the procurement centre's. */
@ApiTags('tenders')
@ApiBearerAuth()
@Controller('tenders')
export class TendersController {
  constructor(
    private readonly tenders: TendersService,
    private readonly lifecycle: TenderLifecycle,
  ) {}

  /** Every tender the user may see, newest first; with `page`, one page and the total in `X-Total-Count`. */
  @Get()
  @Responds(200, TenderSummarySchema.array())
  async list(
    @CurrentUser() user: AuthUser,
    @Query({ schema: TenderListQuerySchema }) query: z.output<typeof TenderListQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.tenders.list(user, query));
  }

  /** The dossier `tender` fields (DOSSIER.md); the tender starts as a draft. */
  @Post()
  @Requires('tender.manage')
  @Responds(201, TenderDetailSchema)
  create(@CurrentUser() user: AuthUser, @Body({ schema: checkedInService(CreateTenderSchema) }) body: Unchecked<DossierTender>) {
    return this.tenders.create(user, body);
  }

  @Get(':id')
  @Responds(200, TenderDetailSchema)
  detail(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.tenders.detail(user, id);
  }

  /** The 澄清/更正公告 of a published tender: every change announced to the bidders. */
  @Get(':id/clarifications')
  @Responds(200, ClarificationViewSchema.array())
  clarifications(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.tenders.clarifications(user, id);
  }

  /** Any dossier `tender` fields and the `version` last read; on a published tender, a clarification notice. */
  @Patch(':id')
  @Requires('tender.manage')
  @Responds(200, TenderDetailSchema)
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(UpdateTenderSchema) }) body: Unchecked<TenderChanges>,
  ) {
    return this.tenders.update(user, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Requires('tender.manage')
  @Responds(200, TenderDetailSchema)
  publish(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.lifecycle.publish(user, id);
  }

  /** 开标 at or after the opening time (409 `openingTimeNotReached` before it), when the clock has not already. */
  @Post(':id/open')
  @HttpCode(200)
  @Requires('tender.manage')
  @Responds(200, TenderDetailSchema)
  open(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.lifecycle.openNow(user, id);
  }

  /** The next review step; the first waits for the opening record's window to end and every dispute's answer (409). */
  @Post(':id/advance-to-review')
  @HttpCode(200)
  @Requires('tender.manage')
  @Responds(200, TenderDetailSchema)
  advanceToReview(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.lifecycle.advanceToReview(user, id);
  }

  /** A dossier lot. */
  @Post(':id/lots')
  @Requires('tender.manage')
  @Responds(201, LotViewSchema)
  addLot(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(CreateLotSchema) }) body: Unchecked<DossierLot>,
  ) {
    return this.tenders.addLot(user, id, body);
  }

  /** Any dossier lot fields and the `version` last read. */
  @Patch(':id/lots/:lotId')
  @Requires('tender.manage')
  @Responds(200, LotViewSchema)
  updateLot(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotId', { schema: IdSchema }) lotId: number,
    @Body({ schema: checkedInService(UpdateLotSchema) }) body: Unchecked<LotChanges>,
  ) {
    return this.tenders.updateLot(user, id, lotId, body);
  }

  /** A dossier scoring scheme: code, name, criteria. */
  @Post(':id/schemes')
  @Requires('tender.manage')
  @Responds(201, SchemeViewSchema)
  addScheme(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: checkedInService(CreateSchemeSchema) }) body: Unchecked<Scheme>,
  ) {
    return this.tenders.addScheme(user, id, body);
  }
}
