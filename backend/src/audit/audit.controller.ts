import { Requires } from '../access/requires';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Downloads, Responds } from '../common/wire';
import { AuditEntrySchema, AuditListQuerySchema, AuditVerificationSchema } from '../domain/wire/audit';
import { AuditService } from './audit.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('audit')
@ApiBearerAuth()
@Requires('audit.read')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Newest first. */
  @Get()
  @Responds(200, AuditEntrySchema.array())
  list(@Query({ schema: AuditListQuerySchema }) q: z.output<typeof AuditListQuerySchema>) {
    return this.audit.list(q.limit ?? 100, q.offset ?? 0);
  }

  /** Walk the whole chain: `{ entries, breaks: [{ id, problem, detail }] }`. */
  @Get('verify')
  @Responds(200, AuditVerificationSchema)
  verify() {
    return this.audit.verify();
  }

  @Get('export.xlsx')
  @Downloads(XLSX_TYPE)
  async export() {
    const buffer = await this.audit.workbook();
    return new StreamableFile(buffer, { type: XLSX_TYPE, disposition: `attachment; filename="audit.xlsx"` });
  }
}
