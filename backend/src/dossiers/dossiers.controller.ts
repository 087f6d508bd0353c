import { Requires } from '../access/requires';
import { Body, Controller, Get, Headers, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, LoggedAs } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { checkedInService, Responds, type Unchecked } from '../common/wire';
import type { Dossier } from '../domain/dossier/dossier.types';
import { IdSchema } from '../domain/wire/common';
import { DossierSchema, ImportedSchema, ImportProgressSchema } from '../domain/wire/dossiers';
import { DossiersService } from './dossiers.service';
import { ImportProgressRegistry } from './import-progress';
import type { ImportProgress } from '../domain/dossier/import-progress';

/** A client's name for its import (X-Import-Id), to poll its progress by. */
const IMPORT_ID = /^[A-Za-z0-9-]{8,64}$/;

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller()
export class DossiersController {
  constructor(
    private readonly dossiers: DossiersService,
    private readonly progress: ImportProgressRegistry,
  ) {}

  /**
   * Import a whole tender (DOSSIER.md); 400 lists every offending path and nothing is saved. With an
   * `X-Import-Id` header (8–64 letters, digits or dashes, chosen by the client), its progress can be
   * read at GET dossiers/imports/:importId while it runs, validation included: the service validates.
   */
  @Post('dossiers')
  @Requires('dossier.import')
  @Responds(201, ImportedSchema)
  import(
    @CurrentUser() actor: AuthUser,
    @Body({ schema: checkedInService(DossierSchema) }) dossier: Unchecked<Dossier>,
    @Headers('x-import-id') importId?: string,
  ) {
    const report = importId && IMPORT_ID.test(importId) ? this.progress.track(actor.id, importId) : undefined;
    return this.dossiers.import(actor, dossier, report);
  }

  /** The progress of this user's import under that id: `{ phase, checked, toCheck, written, total }`. */
  @Get('dossiers/imports/:importId')
  @Requires('dossier.import')
  @Responds(200, ImportProgressSchema)
  importProgress(@CurrentUser() actor: AuthUser, @Param('importId') importId: string): ImportProgress {
    const progress = this.progress.get(actor.id, importId);
    if (!progress) throw new NotFoundException('导入不存在 / no such import');
    return progress;
  }

  /** The tender's dossier (a download, recorded in the security log). */
  @Get('tenders/:id/dossier')
  @Requires('dossier.export')
  @LoggedAs('download')
  @Responds(200, DossierSchema)
  export(@Param('id', { schema: IdSchema }) id: number) {
    return this.dossiers.export(id);
  }
}
