import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { IdSchema } from '../domain/wire/common';
import { AnswerLineSchema, DisputeLineSchema, OpeningRecordSchema } from '../domain/wire/opening';
import { OpeningRecordService } from './opening-record.service';

@ApiTags('bids')
@ApiBearerAuth()
@Controller('tenders/:id/opening')
export class OpeningController {
  constructor(private readonly opening: OpeningRecordService) {}

  /** The opening record: the window and each opened lot's lines with their status (an insurer sees its own). */
  @Get()
  @Requires('opening.read')
  @Responds(200, OpeningRecordSchema)
  record(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.opening.record(user, id);
  }

  /** The bidder's insurer confirms its own line within the window (403 `openingLineNotOwn`, 409 `openingWindowEnded`). */
  @Post('lines/:lineId/confirm')
  @HttpCode(200)
  @Requires('opening.respond')
  @Responds(200, OpeningRecordSchema)
  confirm(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lineId', { schema: IdSchema }) lineId: number,
  ) {
    return this.opening.confirm(user, id, lineId);
  }

  /** The bidder's insurer disputes its own line within the window, with the reason. */
  @Post('lines/:lineId/dispute')
  @HttpCode(200)
  @Requires('opening.respond')
  @Responds(200, OpeningRecordSchema)
  dispute(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lineId', { schema: IdSchema }) lineId: number,
    @Body({ schema: DisputeLineSchema }) body: z.output<typeof DisputeLineSchema>,
  ) {
    return this.opening.dispute(user, id, lineId, body);
  }

  /** Procurement answers a dispute: the answer, and the corrected figures where the line was wrong. */
  @Post('lines/:lineId/answer')
  @HttpCode(200)
  @Requires('opening.answer')
  @Responds(200, OpeningRecordSchema)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lineId', { schema: IdSchema }) lineId: number,
    @Body({ schema: AnswerLineSchema }) body: z.output<typeof AnswerLineSchema>,
  ) {
    return this.opening.answer(user, id, lineId, body);
  }
}
