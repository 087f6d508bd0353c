import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendJson } from '../common/json-answer';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads, DownloadsWhenReady, Responds } from '../common/wire';
import { pdfDownload, pdfPending } from '../documents/pdf-response';
import { IdSchema } from '../domain/wire/common';
import { DocumentVersionQuerySchema, GeneratingSchema } from '../domain/wire/documents';
import {
  AwardHistorySchema,
  CancellationSchema,
  ReevaluationSchema,
  ScoreDistributionSchema,
  TenderResultsSchema,
} from '../domain/wire/evaluation';
import { EvaluationService } from './evaluation.service';
import { ScoreDistributionService } from './score-distribution.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('tenders/:id')
export class EvaluationController {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly distributions: ScoreDistributionService,
  ) {}

  /** DOSSIER.md "Evaluation result", filtered by role; serialised once per revision, with an ETag (304 on If-None-Match). */
  @Get('results')
  @Responds(200, TenderResultsSchema)
  async results(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Req() req: Request, @Res() res: Response) {
    const answer = await this.evaluation.resultsAnswer(user, id);
    sendJson(req, res, answer);
    return answer.value; // sent above as bytes; returned for the interceptors that read answers (the tests' contract)
  }

  /** The experts' scores of a lot per criterion and bid, with their spread (a box plot): see ScoreDistributionService for who sees it when. */
  @Get('lots/:lotNo/score-distribution')
  @Requires('score-distribution.read')
  @Responds(200, ScoreDistributionSchema)
  scoreDistribution(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Param('lotNo') lotNo: string) {
    return this.distributions.distribution(user, id, lotNo);
  }

  @Get('evaluation-report.xlsx')
  @Requires('tender.reports')
  @Downloads(XLSX_TYPE)
  async workbook(@Param('id', { schema: IdSchema }) id: number) {
    const { stream, fileName } = await this.evaluation.workbook(id);
    return new StreamableFile(stream, { type: XLSX_TYPE, disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }

  /** Prints a new version in the background: 202; GET evaluation-report.pdf answers 202 until it is stored. */
  @Post('evaluation-report.pdf')
  @Requires('tender.manage')
  @Responds(202, GeneratingSchema)
  async generateReport(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.evaluation.requestReport(user, id);
    return pdfPending(res);
  }

  /** The latest (or `?version=`) report; 202 `{ status: 'generating' }` while one is printed (the first download starts it). */
  @Get('evaluation-report.pdf')
  @Requires('tender.reports')
  @DownloadsWhenReady('application/pdf', GeneratingSchema)
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Query({ schema: DocumentVersionQuerySchema }) q: z.output<typeof DocumentVersionQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ready = await this.evaluation.report(user, id, q.version);
    return ready ? pdfDownload(res, ready.doc, ready.fileName) : pdfPending(res);
  }

  @Post('evaluation')
  @Requires('tender.manage')
  @HttpCode(200)
  @Responds(200, TenderResultsSchema)
  preview(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.preview(user, id);
  }

  @Post('evaluation/confirm')
  @Requires('tender.manage')
  @HttpCode(200)
  @Responds(200, TenderResultsSchema)
  confirm(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.confirm(user, id);
  }

  /** 重新评审 of a lot of the confirmed award, with the reason; answers the results' history, the set-aside award last. */
  @Post('lots/:lotNo/reevaluation')
  @Requires('tender.manage')
  @HttpCode(200)
  @Responds(200, AwardHistorySchema.array())
  reevaluate(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('lotNo') lotNo: string,
    @Body({ schema: ReevaluationSchema }) body: z.output<typeof ReevaluationSchema>,
  ) {
    return this.evaluation.reevaluate(user, id, lotNo, body.reason);
  }

  /** The confirmed awards that re-evaluations set aside. */
  @Get('results/history')
  @Requires('tender.reports')
  @Responds(200, AwardHistorySchema.array())
  history(@Param('id', { schema: IdSchema }) id: number) {
    return this.evaluation.history(id);
  }

  @Post('lots/:lotNo/cancellations')
  @Requires('tender.manage')
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
