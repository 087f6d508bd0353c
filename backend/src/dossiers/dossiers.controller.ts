import { Body, Controller, Get, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { DossiersService } from './dossiers.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller()
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  /** Import a whole tender (DOSSIER.md); 400 lists every offending path and nothing is saved. */
  @Post('dossiers')
  @Roles('procurement', 'admin')
  @ApiBody({ description: 'a tender dossier (../shared/spec/DOSSIER.md)', schema: { type: 'object' } })
  import(@CurrentUser() actor: AuthUser, @Body() body: unknown) {
    return this.dossiers.import(actor, body);
  }

  @Get('tenders/:id/dossier')
  @Roles('procurement', 'admin', 'bureau')
  export(@Param('id', ParseIntPipe) id: number) {
    return this.dossiers.export(id);
  }
}
