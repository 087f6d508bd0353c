import { Requires } from '../access/requires';
import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { sendPage } from '../common/paging';
import { Downloads, Responds } from '../common/wire';
import {
  AuditEntrySchema,
  AuditFilterSchema,
  AuditListQuerySchema,
  AuditVerificationSchema,
  SecurityEventFilterSchema,
  SecurityEventListQuerySchema,
  SecurityEventSchema,
} from '../domain/wire/audit';
import { AuditService } from './audit.service';
import { SecurityLogService } from './security-log.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const workbook = (buffer: Buffer, name: string) =>
  new StreamableFile(buffer, { type: XLSX_TYPE, disposition: `attachment; filename="${name}"`, length: buffer.length });

/** The audit administrator's (审计管理员): read, filter, verify and export the audit record and the security log. */
@ApiTags('audit')
@ApiBearerAuth()
@Requires('audit.read')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly security: SecurityLogService,
  ) {}

  /** Newest first; filters: from, to, user, action. */
  @Get()
  @Responds(200, AuditEntrySchema.array())
  async list(@Query({ schema: AuditListQuerySchema }) q: z.output<typeof AuditListQuerySchema>, @Res({ passthrough: true }) res: Response) {
    return sendPage(res, await this.audit.list(q));
  }

  /** Walk the whole chain against its head: `{ entries, head, breaks: [{ id, problem, detail }] }`. */
  @Get('verify')
  @Responds(200, AuditVerificationSchema)
  verify() {
    return this.audit.verify();
  }

  @Get('export.xlsx')
  @Downloads(XLSX_TYPE)
  async export(@Query({ schema: AuditFilterSchema }) filter: z.output<typeof AuditFilterSchema>) {
    return workbook(await this.audit.workbook(filter), 'audit.xlsx');
  }

  /** Newest first; filters: from, to, user, kind (refused, download, bid-read). */
  @Get('security-events')
  @Responds(200, SecurityEventSchema.array())
  async securityEvents(
    @Query({ schema: SecurityEventListQuerySchema }) q: z.output<typeof SecurityEventListQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.security.list(q));
  }

  @Get('security-events/export.xlsx')
  @Downloads(XLSX_TYPE)
  async exportSecurityEvents(@Query({ schema: SecurityEventFilterSchema }) filter: z.output<typeof SecurityEventFilterSchema>) {
    return workbook(await this.security.workbook(filter), 'security-events.xlsx');
  }
}
