import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { IdSchema } from '../domain/wire/common';
import { DossierSchema, ImportedSchema } from '../domain/wire/dossiers';
import { DossiersService } from './dossiers.service';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller()
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  /** Import a whole tender (DOSSIER.md); 400 lists every offending path and nothing is saved. */
  @Post('dossiers')
  @Roles('procurement', 'admin')
  @Responds(201, ImportedSchema)
  import(@CurrentUser() actor: AuthUser, @Body({ schema: DossierSchema }) dossier: z.output<typeof DossierSchema>) {
    return this.dossiers.importValid(actor, dossier);
  }

  @Get('tenders/:id/dossier')
  @Roles('procurement', 'admin', 'bureau')
  @Responds(200, DossierSchema)
  export(@Param('id', { schema: IdSchema }) id: number) {
    return this.dossiers.export(id);
  }
}
