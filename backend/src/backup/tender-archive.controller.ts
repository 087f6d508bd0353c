import { Requires } from '../access/requires';
import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads } from '../common/wire';
import { attachment } from '../documents/pdf-response';
import { IdSchema } from '../domain/wire/common';
import { TenderArchiveService } from './tender-archive.service';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('tenders')
export class TenderArchiveController {
  constructor(private readonly archives: TenderArchiveService) {}

  /** The archive (电子档案) of a finished tender: dossier, PDFs, files, audit entries and a manifest of hashes, as one ZIP. */
  @Get(':id/archive.zip')
  @Requires('tender.archive')
  @Downloads('application/zip')
  async archive(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    const { fileName, content } = await this.archives.export(user, id);
    return new StreamableFile(content, {
      type: 'application/zip',
      length: content.length,
      disposition: attachment(fileName),
    });
  }
}
