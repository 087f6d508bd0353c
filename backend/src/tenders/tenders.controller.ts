import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { dossierPartBody } from './request-body';
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

  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.tenders.list(user);
  }

  @Post()
  @Roles('procurement')
  @ApiBody(dossierPartBody('the dossier `tender` fields (DOSSIER.md); the tender starts as a draft'))
  create(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.tenders.create(user, body);
  }

  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.tenders.detail(user, id);
  }

  @Patch(':id')
  @Roles('procurement')
  @ApiBody(dossierPartBody('any dossier `tender` fields and the `version` last read'))
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: unknown) {
    return this.tenders.update(user, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('procurement')
  publish(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.lifecycle.publish(user, id);
  }

  @Post(':id/advance-to-review')
  @HttpCode(200)
  @Roles('procurement')
  advanceToReview(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.lifecycle.advanceToReview(user, id);
  }

  @Post(':id/lots')
  @Roles('procurement')
  @ApiBody(dossierPartBody('a dossier lot'))
  addLot(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: unknown) {
    return this.tenders.addLot(user, id, body);
  }

  @Patch(':id/lots/:lotId')
  @Roles('procurement')
  @ApiBody(dossierPartBody('any dossier lot fields and the `version` last read'))
  updateLot(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('lotId', ParseIntPipe) lotId: number,
    @Body() body: unknown,
  ) {
    return this.tenders.updateLot(user, id, lotId, body);
  }

  @Post(':id/schemes')
  @Roles('procurement')
  @ApiBody(dossierPartBody('a dossier scoring scheme: code, name, criteria'))
  addScheme(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() body: unknown) {
    return this.tenders.addScheme(user, id, body);
  }
}
