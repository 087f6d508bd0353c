import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { chinaDay } from '../documents/format';
import { pdfDownload } from '../documents/pdf-response';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentExportsService, ExportFile } from './assessment-exports.service';
import { AssessmentSchemesService } from './assessment-schemes.service';
import { XLSX_TYPE } from './assessment-workbook';
import {
  AnswerDto,
  AssessmentListQuery,
  CreateAssessmentDto,
  EvidenceDto,
  ObjectionDto,
  OverdueQuery,
  RewardSplitDto,
  SchemeQuery,
  ScoreItemsDto,
  SelfAssessmentDto,
  YearQuery,
} from './assessments.dto';
import { AssessmentFilesService } from './assessment-files.service';
import { AssessmentTerminationsService } from './assessment-terminations.service';
import { AssessmentWorkflowService } from './assessment-workflow.service';
import { AssessmentsService } from './assessments.service';
import { RewardSplitService } from './reward-split.service';
import { checkedFile, FileUpload } from './file-upload';

/** A download under its Chinese name (RFC 5987), with an ASCII fallback. */
function download({ file, fileName }: ExportFile, type: string): StreamableFile {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return new StreamableFile(file, {
    type,
    length: file.length,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
}

const MULTIPART_FILE = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } };

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
  @Roles('bureau', 'admin')
  listSchemes(@Query() q: SchemeQuery) {
    return this.schemes.list(q.tenderId);
  }

  @Post('contracts/:id/assessments')
  @Roles('bureau')
  create(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) contractId: number, @Body() dto: CreateAssessmentDto) {
    return this.workflow.create(actor, contractId, dto.schemeCode);
  }

  @Get('assessments')
  @Roles('bureau', 'insurer')
  list(@CurrentUser() user: AuthUser, @Query() q: AssessmentListQuery) {
    return this.assessments.list(user, q);
  }

  @Get('assessments/overdue')
  @Roles('bureau')
  overdue(@Query() q: OverdueQuery) {
    return this.deadlines.overdue(q.on ?? chinaDay(new Date()));
  }

  @Get('assessments/terminations')
  @Roles('bureau')
  terminations() {
    return this.earlyTerminations.list();
  }

  @Get('assessments/results.xlsx')
  @Roles('bureau')
  @ApiProduces(XLSX_TYPE)
  async results(@Query() q: YearQuery) {
    return download(await this.exports.results(q.year), XLSX_TYPE);
  }

  @Post('assessments/reward-split')
  @Roles('bureau')
  @HttpCode(200)
  splitReward(@CurrentUser() actor: AuthUser, @Body() dto: RewardSplitDto) {
    return this.rewards.splitReward(actor, dto);
  }

  @Get('assessments/:id')
  @Roles('bureau', 'insurer')
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.assessments.detail(user, id);
  }

  /** Multipart: `file` (the annual operation report), `items` (JSON array), `summary`. */
  @Post('assessments/:id/self-assessment')
  @Roles('insurer')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUpload)
  selfAssessment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Body() dto: SelfAssessmentDto,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.workflow.submitSelfAssessment(user, id, dto, checkedFile(file));
  }

  @Put('assessments/:id/items')
  @Roles('bureau')
  score(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: ScoreItemsDto) {
    return this.workflow.score(actor, id, dto.items, dto.operatingCost);
  }

  /** Multipart: `file` (pdf, jpg, png, xlsx or docx, at most EVIDENCE_MAX_MB) and `description`. */
  @Post('assessments/:id/items/:no/evidence')
  @Roles('bureau')
  @ApiConsumes('multipart/form-data')
  @ApiBody(MULTIPART_FILE)
  @UseInterceptors(FileUpload)
  evidence(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('no') no: string,
    @Body() dto: EvidenceDto,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    return this.files.addEvidence(actor, id, no, checkedFile(file), dto.description);
  }

  @Get('assessments/:id/files/:fileId')
  @Roles('bureau', 'insurer')
  async file(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('fileId', ParseIntPipe) fileId: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const f = await this.files.file(user, id, fileId);
    res.set({ ETag: `"${f.sha256}"`, 'X-File-SHA256': f.sha256 });
    return download({ file: f.content!, fileName: f.fileName }, f.mimeType);
  }

  @Post('assessments/:id/publish')
  @Roles('bureau')
  @HttpCode(200)
  publish(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.workflow.publish(actor, id);
  }

  @Post('assessments/:id/objections')
  @Roles('insurer')
  object(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: ObjectionDto) {
    return this.workflow.object(user, id, dto.text);
  }

  @Post('assessments/:id/objections/:oid/answer')
  @Roles('bureau')
  @HttpCode(200)
  answer(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Param('oid', ParseIntPipe) oid: number,
    @Body() dto: AnswerDto,
  ) {
    return this.workflow.answer(actor, id, oid, dto);
  }

  @Post('assessments/:id/finalise')
  @Roles('bureau')
  @HttpCode(200)
  finalise(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.workflow.finalise(actor, id);
  }

  @Get('assessments/:id/template.xlsx')
  @Roles('bureau')
  @ApiProduces(XLSX_TYPE)
  async template(@Param('id', ParseIntPipe) id: number) {
    return download(await this.exports.template(id), XLSX_TYPE);
  }

  @Post('assessments/:id/items.xlsx')
  @Roles('bureau')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody(MULTIPART_FILE)
  @UseInterceptors(FileUpload)
  importItems(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @UploadedFile() file?: Express.Multer.File) {
    return this.exports.importItems(actor, id, checkedFile(file));
  }

  @Post('assessments/:id/report.pdf')
  @Roles('bureau')
  generateReport(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.exports.generateReport(actor, id);
  }

  @Get('assessments/:id/report.pdf')
  @Roles('bureau', 'insurer')
  @ApiProduces('application/pdf')
  async report(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number, @Res({ passthrough: true }) res: Response) {
    const { doc, fileName } = await this.exports.report(user, id);
    return pdfDownload(res, doc, fileName);
  }

  @Get('organizations/:id/assessment-history')
  @Roles('bureau', 'insurer')
  history(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.exports.history(user, id);
  }

  @Get('organizations/:id/assessment-history.xlsx')
  @Roles('bureau', 'insurer')
  @ApiProduces(XLSX_TYPE)
  async historyWorkbook(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return download(await this.exports.historyWorkbook(user, id), XLSX_TYPE);
  }
}
