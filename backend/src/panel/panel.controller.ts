import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { AddMemberDto, DeclarationDto, OutlierDecisionDto, ReturnSheetDto, SaveScoresDto } from './panel.dto';
import { PanelService } from './panel.service';

@ApiTags('panel')
@ApiBearerAuth()
@Controller('tenders/:id')
export class PanelController {
  constructor(private readonly panel: PanelService) {}

  /** Panel members with their sheet states (never scores); an expert sees it only for its own panel. */
  @Get('panel')
  @Roles('procurement', 'admin', 'bureau', 'expert')
  members(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.panel.members(user, id);
  }

  @Get('panel/candidates')
  @Roles('procurement')
  candidates(@Param('id', ParseIntPipe) id: number) {
    return this.panel.candidates(id);
  }

  @Post('panel')
  @Roles('procurement')
  add(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: AddMemberDto) {
    return this.panel.addMember(actor, id, dto);
  }

  @Post('panel/:memberId/leader')
  @Roles('procurement')
  @HttpCode(200)
  leader(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('memberId', ParseIntPipe) memberId: number) {
    return this.panel.makeLeader(actor, id, memberId);
  }

  @Get('panel/me')
  @Roles('expert')
  me(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.panel.me(user, id);
  }

  @Post('panel/me/declaration')
  @Roles('expert')
  @HttpCode(200)
  declare(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: DeclarationDto) {
    return this.panel.declare(user, id, dto);
  }

  @Get('lots/:lotNo/sheet')
  @Roles('expert')
  sheet(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('lotNo') lotNo: string) {
    return this.panel.sheet(user, id, lotNo);
  }

  @Put('lots/:lotNo/sheet/scores')
  @Roles('expert')
  save(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('lotNo') lotNo: string, @Body() dto: SaveScoresDto) {
    return this.panel.saveScores(user, id, lotNo, dto.scores);
  }

  @Post('lots/:lotNo/sheet/submit')
  @Roles('expert')
  @HttpCode(200)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Param('lotNo') lotNo: string) {
    return this.panel.submit(user, id, lotNo);
  }

  @Post('lots/:lotNo/sheets/:memberId/return')
  @Roles('expert')
  @HttpCode(200)
  returnSheet(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('lotNo') lotNo: string,
    @Param('memberId', ParseIntPipe) memberId: number,
    @Body() dto: ReturnSheetDto,
  ) {
    return this.panel.returnSheet(user, id, lotNo, memberId, dto.reason);
  }

  @Post('lots/:lotNo/outlier-decisions')
  @Roles('expert')
  outlierDecision(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('lotNo') lotNo: string,
    @Body() dto: OutlierDecisionDto,
  ) {
    return this.panel.recordOutlierDecision(user, id, lotNo, dto);
  }
}
