import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sendJson } from '../common/json-answer';
import { pdfDownload, pdfPending } from '../documents/pdf-response';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { CancellationDto } from './evaluation.dto';
import { EvaluationService } from './evaluation.service';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('tenders/:id')
export class EvaluationController {
  constructor(private readonly evaluation: EvaluationService) {}

  /** DOSSIER.md "Evaluation result", filtered by role; serialised once per revision, with an ETag (304 on If-None-Match). */
  @Get('results')
  async results(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    sendJson(req, res, await this.evaluation.resultsAnswer(user, id));
  }

  @Get('evaluation-report.xlsx')
  @Roles('procurement', 'admin', 'bureau')
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async workbook(@Param('id', ParseIntPipe) id: number) {
    const { stream, fileName } = await this.evaluation.workbook(id);
    return new StreamableFile(stream, { disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}` });
  }

  /** Prints a new version in the background: 202; GET evaluation-report.pdf answers 202 until it is stored. */
  @Post('evaluation-report.pdf')
  @Roles('procurement')
  async generateReport(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) res: Response) {
    await this.evaluation.requestReport(user, id);
    return pdfPending(res);
  }

  /** The latest (or `?version=`) report; 202 `{ status: 'generating' }` while one is printed (the first download starts it). */
  @Get('evaluation-report.pdf')
  @Roles('procurement', 'admin', 'bureau')
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Query('version') version: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ready = await this.evaluation.report(user, id, version === undefined ? undefined : Number(version));
    return ready ? pdfDownload(res, ready.doc, ready.fileName) : pdfPending(res);
  }

  @Post('evaluation')
  @Roles('procurement')
  @HttpCode(200)
  preview(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.evaluation.preview(user, id);
  }

  @Post('evaluation/confirm')
  @Roles('procurement')
  @HttpCode(200)
  confirm(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.evaluation.confirm(user, id);
  }

  @Post('lots/:lotNo/cancellations')
  @Roles('procurement')
  @HttpCode(200)
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('lotNo') lotNo: string,
    @Body() dto: CancellationDto,
  ) {
    return this.evaluation.cancel(user, id, lotNo, dto);
  }
}
