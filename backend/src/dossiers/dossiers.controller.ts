import { Body, Controller, Get, Headers, NotFoundException, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
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
   * read at GET dossiers/imports/:importId while it runs.
   */
  @Post('dossiers')
  @Roles('procurement', 'admin')
  @ApiBody({ description: 'a tender dossier (../shared/spec/DOSSIER.md)', schema: { type: 'object' } })
  import(@CurrentUser() actor: AuthUser, @Body() body: unknown, @Headers('x-import-id') importId?: string) {
    const report = importId && IMPORT_ID.test(importId) ? this.progress.track(actor.id, importId) : undefined;
    return this.dossiers.import(actor, body, report);
  }

  /** The progress of this user's import under that id: `{ phase, written, total }`. */
  @Get('dossiers/imports/:importId')
  @Roles('procurement', 'admin')
  importProgress(@CurrentUser() actor: AuthUser, @Param('importId') importId: string): ImportProgress {
    const progress = this.progress.get(actor.id, importId);
    if (!progress) throw new NotFoundException('导入不存在 / no such import');
    return progress;
  }

  @Get('tenders/:id/dossier')
  @Roles('procurement', 'admin', 'bureau')
  export(@Param('id', ParseIntPipe) id: number) {
    return this.dossiers.export(id);
  }
}
