import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads, Responds } from '../common/wire';
import { pdfDownload } from '../documents/pdf-response';
import { IdSchema } from '../domain/wire/common';
import { DocumentInfoSchema, DocumentVersionQuerySchema } from '../domain/wire/documents';
import { CancellationSchema, TenderResultsSchema } from '../domain/wire/evaluation';
import { EvaluationService } from './evaluation.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('tenders/:id')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  /** DOSSIER.md "Evaluation result", filtered by role. */
  @Get('results')
  @Responds(200, TenderResultsSchema)
  results(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.resultsFor(user, id);
  }

  @Get('evaluation-report.xlsx')
  @Roles('procurement', 'admin', 'bureau')
  @Downloads(XLSX_TYPE)
  async workbook(@Param('id', { schema: IdSchema }) id: number) {
    const { buffer, fileName } = await this.evaluation.workbook(id);
    return new StreamableFile(buffer, { type: XLSX_TYPE, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }

  @Post('evaluation-report.pdf')
  @Roles('procurement')
  @Responds(201, DocumentInfoSchema)
  generateReport(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.generateReport(user, id);
  }

  @Get('evaluation-report.pdf')
  @Roles('procurement', 'admin', 'bureau')
  @Downloads('application/pdf')
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Query({ schema: DocumentVersionQuerySchema }) q: z.output<typeof DocumentVersionQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { doc, fileName } = await this.evaluation.report(user, id, q.version);
    return pdfDownload(res, doc, fileName);
  }

  @Post('evaluation')
  @Roles('procurement')
  @HttpCode(200)
  @Responds(200, TenderResultsSchema)
  preview(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.preview(user, id);
  }

  @Post('evaluation/confirm')
  @Roles('procurement')
  @HttpCode(200)
  @Responds(200, TenderResultsSchema)
  confirm(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.confirm(user, id);
  }

  @Post('lots/:lotNo/cancellations')
  @Roles('procurement')
  @HttpCode(200)
  @Responds(200, TenderResultsSchema)
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotNo') lotNo: string,
    @Body({ schema: CancellationSchema }) body: z.output<typeof CancellationSchema>,
  ) {
    return this.evaluation.cancel(user, id, lotNo, body);
  }
}
