import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads, Responds, withFile } from '../common/wire';
import { chinaDay } from '../documents/format';
import type { ReportKind } from '../domain/contracts/periodic-reports';
import { IdSchema } from '../domain/wire/common';
import {
  PeriodicReportSchema,
  ReportKindSchema,
  ReportListQuerySchema,
  ReportPeriodSchema,
  SubmitReportSchema,
} from '../domain/wire/reports';
import { download } from '../common/download';
import { checkedFile, FileUpload } from '../common/uploads/file-upload';
import { PeriodicReportsService } from './periodic-reports.service';

/**
 * The insurer's periodic reports under its contracts (DOMAIN.md §8): listed with their due days and
 * status for the insurer (its own) and the bureau, submitted by the insurer, received by the bureau.
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class PeriodicReportsController {
  constructor(private readonly reports: PeriodicReportsService) {}

  @Get('reports')
  @Requires('report.read')
  @Responds(200, PeriodicReportSchema.array())
  list(@CurrentUser() user: AuthUser, @Query({ schema: ReportListQuerySchema }) q: z.output<typeof ReportListQuerySchema>) {
    return this.reports.list(user, q.on ?? chinaDay(new Date()), q.contractId);
  }

  /** Multipart: `file` (pdf, jpg, png, xlsx or docx, at most EVIDENCE_MAX_MB). A later file replaces it until it is received. */
  @Post('contracts/:id/reports/:kind/:period')
  @Requires('report.submit')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUpload)
  @Responds(201, PeriodicReportSchema)
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) contractId: number,
    @Param('kind', { schema: ReportKindSchema }) kind: ReportKind,
    @Param('period', { schema: ReportPeriodSchema }) period: string,
    @Body({ schema: withFile(SubmitReportSchema) }) _body: z.output<typeof SubmitReportSchema>,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.reports.submit(user, contractId, kind, period, checkedFile(file));
  }

  @Post('reports/:id/receive')
  @Requires('report.receive')
  @HttpCode(200)
  @Responds(200, PeriodicReportSchema)
  receive(@CurrentUser() actor: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.reports.receive(actor, id);
  }

  /** The submitted file, as uploaded (its type is its own). */
  @Get('reports/:id/file')
  @Requires('report.read')
  @Downloads('application/octet-stream')
  async file(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Res({ passthrough: true }) res: Response) {
    const r = await this.reports.file(user, id);
    res.set({ ETag: `"${r.sha256}"`, 'X-File-SHA256': r.sha256 });
    return download({ file: r.content!, fileName: r.fileName }, r.mimeType);
  }
}
