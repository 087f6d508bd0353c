import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { Requires } from '../access/requires';
import { Public } from '../auth/decorators';
import { Responds } from '../common/wire';
import { SCORES_EXTENSION, scoresReleaseSchemaPatch } from '../domain/ocds/scores-extension';
import { IdSchema } from '../domain/wire/common';
import { OcdsReleasePackageSchema } from '../domain/wire/ocds';
import { OcdsService } from './ocds.service';

/** Where the client reached the product (behind the proxy: its forwarded scheme and host, TRUST_PROXY). */
const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}`;

/** Open data: a tender as an OCDS 1.1 release package, and our scores extension's documents. */
@ApiTags('open data (OCDS)')
@Controller()
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  /**
   * The tender as an OCDS 1.1 release package: before the award its lots only; after it the bids,
   * awards and contracts, and the per-criterion scores where the tender publishes them.
   */
  @Get('tenders/:id/ocds')
  @ApiBearerAuth()
  @Requires('dossier.export')
  @Responds(200, OcdsReleasePackageSchema)
  releasePackage(@Param('id', { schema: IdSchema }) id: number, @Req() req: Request) {
    return this.ocds.releasePackage(id, baseUrl(req));
  }

  @Get('ocds/extensions/scores/extension.json')
  @Public()
  @Responds(200, z.looseObject({}))
  scoresExtension() {
    return SCORES_EXTENSION;
  }

  @Get('ocds/extensions/scores/release-schema.json')
  @Public()
  @Responds(200, z.looseObject({}))
  scoresReleaseSchema() {
    return scoresReleaseSchemaPatch();
  }
}
