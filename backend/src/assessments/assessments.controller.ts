import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads, DownloadsWhenReady, Multipart, Responds, withFile } from '../common/wire';
import { chinaDay } from '../documents/format';
import { sendPage } from '../common/paging';
import { pdfDownload, pdfPending } from '../documents/pdf-response';
import {
  AnswerSchema,
  AssessmentDetailSchema,
  AssessmentFileSchema,
  AssessmentHistorySchema,
  AssessmentListQuerySchema,
  AssessmentSchemeViewSchema,
  AssessmentSummarySchema,
  CreateAssessmentSchema,
  EvidenceSchema,
  ObjectionSchema,
  ObjectionViewSchema,
  OverdueItemSchema,
  OverdueQuerySchema,
  RewardSplitResultSchema,
  RewardSplitSchema,
  SchemeQuerySchema,
  ScoreItemsSchema,
  SelfAssessmentSchema,
  TerminationSchema,
  YearQuerySchema,
} from '../domain/wire/assessments';
import { IdSchema } from '../domain/wire/common';
import { GeneratingSchema } from '../domain/wire/documents';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentExportsService } from './assessment-exports.service';
import { download } from '../common/download';
import { AssessmentSchemesService } from './assessment-schemes.service';
import { ITEM_IMPORT_LIMITS, XLSX_TYPE } from './assessment-workbook';
import { AssessmentFilesService } from './assessment-files.service';
import { AssessmentTerminationsService } from './assessment-terminations.service';
import { AssessmentWorkflowService } from './assessment-workflow.service';
import { AssessmentsService } from './assessments.service';
import { RewardSplitService } from './reward-split.service';
import { checkedFile, FileUpload } from '../common/uploads/file-upload';

/**
 * Annual assessments (DOMAIN.md §7): the bureau runs them, the insurer of the contract takes part
 * (report, self-assessment, objections) and reads its own; procurement and experts have no access.
 * Fixed paths come before `assessments/:id` so that they are not read as an id.
 */
@ApiTags('assessments')
@ApiBearerAuth()
@Controller()
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly workflow: AssessmentWorkflowService,
    private readonly files: AssessmentFilesService,
    private readonly rewards: RewardSplitService,
    private readonly earlyTerminations: AssessmentTerminationsService,
    private readonly schemes: AssessmentSchemesService,
    private readonly deadlines: AssessmentDeadlinesService,
    private readonly exports: AssessmentExportsService,
  ) {}

  @Get('assessment-schemes')
  @Requires('assessment-scheme.read')
  @Responds(200, AssessmentSchemeViewSchema.array())
  listSchemes(@Query({ schema: SchemeQuerySchema }) q: z.output<typeof SchemeQuerySchema>) {
    return this.schemes.list(q.tenderId);
  }

  @Post('contracts/:id/assessments')
  @Requires('assessment.manage')
  @Responds(201, AssessmentDetailSchema)
  create(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) contractId: number,
    @Body({ schema: CreateAssessmentSchema }) body: z.output<typeof CreateAssessmentSchema>,
  ) {
    return this.workflow.create(actor, contractId, body.schemeCode);
  }

  @Get('assessments')
  @Requires('assessment.read')
  @Responds(200, AssessmentSummarySchema.array())
  async list(
    @CurrentUser() user: AuthUser,
    @Query({ schema: AssessmentListQuerySchema }) q: z.output<typeof AssessmentListQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.assessments.list(user, q));
  }

  @Get('assessments/overdue')
  @Requires('assessment.manage')
  @Responds(200, OverdueItemSchema.array())
  overdue(@CurrentUser() user: AuthUser, @Query({ schema: OverdueQuerySchema }) q: z.output<typeof OverdueQuerySchema>) {
    return this.deadlines.overdue(q.on ?? chinaDay(new Date()), user);
  }

  @Get('assessments/terminations')
  @Requires('assessment.manage')
  @Responds(200, TerminationSchema.array())
  terminations(@CurrentUser() user: AuthUser) {
    return this.earlyTerminations.list(user);
  }

  @Get('assessments/results.xlsx')
  @Requires('assessment.manage')
  @Downloads(XLSX_TYPE)
  async results(@CurrentUser() user: AuthUser, @Query({ schema: YearQuerySchema }) q: z.output<typeof YearQuerySchema>) {
    return download(await this.exports.results(user, q.year), XLSX_TYPE);
  }

  @Post('assessments/reward-split')
  @Requires('assessment.manage')
  @HttpCode(200)
  @Responds(200, RewardSplitResultSchema)
  splitReward(@CurrentUser() actor: AuthUser, @Body({ schema: RewardSplitSchema }) body: z.output<typeof RewardSplitSchema>) {
    return this.rewards.splitReward(actor, body);
  }

  @Get('assessments/:id')
  @Requires('assessment.read')
  @Responds(200, AssessmentDetailSchema)
  detail(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.assessments.detail(user, id);
  }

  /** Multipart: `file` (the annual operation report), `items` (JSON array), `summary`. */
  @Post('assessments/:id/self-assessment')
  @Requires('assessment.respond')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUpload)
  @Responds(201, AssessmentDetailSchema)
  selfAssessment(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: withFile(SelfAssessmentSchema) }) body: z.output<typeof SelfAssessmentSchema>,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.workflow.submitSelfAssessment(user, id, body, checkedFile(file));
  }

  @Put('assessments/:id/items')
  @Requires('assessment.manage')
  @Responds(200, AssessmentDetailSchema)
  score(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: ScoreItemsSchema }) body: z.output<typeof ScoreItemsSchema>,
  ) {
    return this.workflow.score(actor, id, body.items, body.operatingCost ?? undefined);
  }

  /** Multipart: `file` (pdf, jpg, png, xlsx or docx, at most EVIDENCE_MAX_MB) and `description`. */
  @Post('assessments/:id/items/:no/evidence')
  @Requires('assessment.manage')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUpload)
  @Responds(201, AssessmentFileSchema)
  evidence(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('no') no: string,
    @Body({ schema: withFile(EvidenceSchema) }) body: z.output<typeof EvidenceSchema>,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.files.addEvidence(actor, id, 'evidence', no, checkedFile(file), body.description ?? undefined);
  }

  /** The insurer's evidence (佐证材料) for an item of its self-assessment, until publication. Multipart as for the bureau's evidence. */
  @Post('assessments/:id/self-assessment/items/:no/evidence')
  @Requires('assessment.respond')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUpload)
  @Responds(201, AssessmentFileSchema)
  selfEvidence(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('no') no: string,
    @Body({ schema: withFile(EvidenceSchema) }) body: z.output<typeof EvidenceSchema>,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.files.addEvidence(user, id, 'self-evidence', no, checkedFile(file), body.description ?? undefined);
  }

  /** The stored file, as uploaded (its type is its own). */
  @Get('assessments/:id/files/:fileId')
  @Requires('assessment.read')
  @Downloads('application/octet-stream')
  async file(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('fileId', { schema: IdSchema }) fileId: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = await this.files.file(user, id, fileId);
    res.set({ ETag: `"${f.sha256}"`, 'X-File-SHA256': f.sha256 });
    return download({ file: f.content!, fileName: f.fileName }, f.mimeType);
  }

  @Post('assessments/:id/publish')
  @Requires('assessment.manage')
  @HttpCode(200)
  @Responds(200, AssessmentDetailSchema)
  publish(@CurrentUser() actor: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.workflow.publish(actor, id);
  }

  @Post('assessments/:id/objections')
  @Requires('assessment.respond')
  @Responds(201, ObjectionViewSchema)
  object(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: ObjectionSchema }) body: z.output<typeof ObjectionSchema>,
  ) {
    return this.workflow.object(user, id, body.text, body.itemNo ?? null);
  }

  @Post('assessments/:id/objections/:oid/answer')
  @Requires('assessment.manage')
  @HttpCode(200)
  @Responds(200, AssessmentDetailSchema)
  answer(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('oid', { schema: IdSchema }) oid: number,
    @Body({ schema: AnswerSchema }) body: z.output<typeof AnswerSchema>,
  ) {
    return this.workflow.answer(actor, id, oid, body);
  }

  @Post('assessments/:id/finalise')
  @Requires('assessment.manage')
  @HttpCode(200)
  @Responds(200, AssessmentDetailSchema)
  finalise(@CurrentUser() actor: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.workflow.finalise(actor, id);
  }

  @Get('assessments/:id/template.xlsx')
  @Requires('assessment.manage')
  @Downloads(XLSX_TYPE)
  async template(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return download(await this.exports.template(user, id), XLSX_TYPE);
  }

  @Post('assessments/:id/items.xlsx')
  @Requires('assessment.manage')
  @HttpCode(200)
  @Multipart()
  @UseInterceptors(FileUpload)
  @Responds(200, AssessmentDetailSchema)
  importItems(@CurrentUser() actor: AuthUser, @Param('id', { schema: IdSchema }) id: number, @UploadedFile() file?: Express.Multer.File) {
    return this.exports.importItems(actor, id, checkedFile(file, ITEM_IMPORT_LIMITS));
  }

  /** Prints a new version in the background if the assessment changed since the last: 202; GET report.pdf answers 202 until it is stored. */
  @Post('assessments/:id/report.pdf')
  @Requires('assessment.manage')
  @Responds(202, GeneratingSchema)
  async generateReport(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.exports.requestReport(actor, id);
    return pdfPending(res);
  }

  /** The current report; 202 `{ status: 'generating' }` while one is printed (a download of a stale or missing one starts it). */
  @Get('assessments/:id/report.pdf')
  @Requires('assessment.read')
  @DownloadsWhenReady('application/pdf', GeneratingSchema)
  async report(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number, @Res({ passthrough: true }) res: Response) {
    const ready = await this.exports.report(user, id);
    return ready ? pdfDownload(res, ready.doc, ready.fileName) : pdfPending(res);
  }

  @Get('organizations/:id/assessment-history')
  @Requires('assessment.read')
  @Responds(200, AssessmentHistorySchema)
  history(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.exports.history(user, id);
  }

  @Get('organizations/:id/assessment-history.xlsx')
  @Requires('assessment.read')
  @Downloads(XLSX_TYPE)
  async historyWorkbook(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return download(await this.exports.historyWorkbook(user, id), XLSX_TYPE);
  }
}
