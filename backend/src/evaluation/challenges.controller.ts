import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { AnswerChallengeSchema, ChallengeSchema, ChallengesSchema, FileChallengeSchema } from '../domain/wire/challenges';
import { IdSchema } from '../domain/wire/common';
import { ChallengesService } from './challenges.service';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller()
export class ChallengesController {
  constructor(private readonly challenges: ChallengesService) {}

  /** The challenge period and the challenges: all of them for procurement, the bureau and the admin; an insurer's own. */
  @Get('tenders/:id/challenges')
  @Requires('challenge.read')
  @Responds(200, ChallengesSchema)
  list(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.challenges.list(user, id);
  }

  /** A bidder's insurer files a challenge within the challenge period (409 `challengePeriodEnded` after it). */
  @Post('tenders/:id/challenges')
  @Requires('challenge.file')
  @Responds(201, ChallengeSchema)
  file(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: FileChallengeSchema }) body: z.output<typeof FileChallengeSchema>,
  ) {
    return this.challenges.file(user, id, body);
  }

  /** Procurement upholds or rejects a challenge with the reason. */
  @Post('challenges/:id/answer')
  @Requires('challenge.answer')
  @HttpCode(200)
  @Responds(200, ChallengeSchema)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: AnswerChallengeSchema }) body: z.output<typeof AnswerChallengeSchema>,
  ) {
    return this.challenges.answer(user, id, body);
  }
}
