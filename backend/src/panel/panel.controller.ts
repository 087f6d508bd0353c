import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { IdSchema } from '../domain/wire/common';
import {
  AddMemberSchema,
  DeclarationSchema,
  LeaderSchema,
  LotOutliersSchema,
  OutlierDecisionSchema,
  PanelCandidateSchema,
  PanelMemberViewSchema,
  PanelMeSchema,
  PanelProgressSchema,
  RecordedSchema,
  ReturnSheetSchema,
  SaveScoresSchema,
  ScoreSheetSchema,
  SheetReturnedSchema,
  SheetSubmittedSchema,
} from '../domain/wire/panel';
import { PanelService } from './panel.service';

@ApiTags('panel')
@ApiBearerAuth()
@Controller('tenders/:id')
export class PanelController {
  constructor(private readonly panel: PanelService) {}

  /** Panel members with their sheet states (never scores); an expert sees it only for its own panel. */
  @Get('panel')
  @Requires('panel.read')
  @Responds(200, PanelProgressSchema.array())
  members(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.panel.members(user, id);
  }

  @Get('panel/candidates')
  @Requires('tender.manage')
  @Responds(200, PanelCandidateSchema.array())
  candidates(@Param('id', { schema: IdSchema }) id: number) {
    return this.panel.candidates(id);
  }

  @Post('panel')
  @Requires('tender.manage')
  @Responds(201, PanelMemberViewSchema)
  add(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: AddMemberSchema }) body: z.output<typeof AddMemberSchema>,
  ) {
    return this.panel.addMember(actor, id, body);
  }

  /** A member added by mistake leaves the panel, until scoring starts (a POST: the audit keeps it). */
  @Post('panel/:memberId/removal')
  @Requires('tender.manage')
  @HttpCode(200)
  @Responds(200, PanelMemberViewSchema)
  remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('memberId', { schema: IdSchema }) memberId: number,
  ) {
    return this.panel.removeMember(actor, id, memberId);
  }

  @Post('panel/:memberId/leader')
  @Requires('tender.manage')
  @HttpCode(200)
  @Responds(200, LeaderSchema)
  leader(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('memberId', { schema: IdSchema }) memberId: number,
  ) {
    return this.panel.makeLeader(actor, id, memberId);
  }

  @Get('panel/me')
  @Requires('panel.score')
  @Responds(200, PanelMeSchema)
  me(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.panel.me(user, id);
  }

  @Post('panel/me/declaration')
  @Requires('panel.score')
  @HttpCode(200)
  @Responds(200, PanelMemberViewSchema)
  declare(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: DeclarationSchema }) body: z.output<typeof DeclarationSchema>,
  ) {
    return this.panel.declare(user, id, body);
  }

  @Get('lots/:lotNo/sheet')
  @Requires('panel.score')
  @Responds(200, ScoreSheetSchema)
  sheet(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Param('lotNo') lotNo: string) {
    return this.panel.sheet(user, id, lotNo);
  }

  @Put('lots/:lotNo/sheet/scores')
  @Requires('panel.score')
  @Responds(200, ScoreSheetSchema)
  save(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotNo') lotNo: string,
    @Body({ schema: SaveScoresSchema }) body: z.output<typeof SaveScoresSchema>,
  ) {
    return this.panel.saveScores(user, id, lotNo, body.scores);
  }

  @Post('lots/:lotNo/sheet/submit')
  @Requires('panel.score')
  @HttpCode(200)
  @Responds(200, SheetSubmittedSchema)
  submit(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Param('lotNo') lotNo: string) {
    return this.panel.submit(user, id, lotNo);
  }

  @Post('lots/:lotNo/sheets/:memberId/return')
  @Requires('panel.score')
  @HttpCode(200)
  @Responds(200, SheetReturnedSchema)
  returnSheet(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotNo') lotNo: string,
    @Param('memberId', { schema: IdSchema }) memberId: number,
    @Body({ schema: ReturnSheetSchema }) body: z.output<typeof ReturnSheetSchema>,
  ) {
    return this.panel.returnSheet(user, id, lotNo, memberId, body.reason);
  }

  /** The lot's 畸高畸低 scores and their decisions, once every sheet is in (an expert: only after declaring no conflict). */
  @Get('lots/:lotNo/outliers')
  @Requires('panel.read')
  @Responds(200, LotOutliersSchema)
  outliers(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Param('lotNo') lotNo: string) {
    return this.panel.outliers(user, id, lotNo);
  }

  @Post('lots/:lotNo/outlier-decisions')
  @Requires('panel.score')
  @Responds(201, RecordedSchema)
  outlierDecision(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotNo') lotNo: string,
    @Body({ schema: OutlierDecisionSchema }) body: z.output<typeof OutlierDecisionSchema>,
  ) {
    return this.panel.recordOutlierDecision(user, id, lotNo, body);
  }
}
