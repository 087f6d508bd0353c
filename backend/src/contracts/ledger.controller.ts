import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser, LoggedAs } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { XLSX_TYPE } from '../bids/opening-sheet';
import { download } from '../common/download';
import { Downloads, Responds, withFile } from '../common/wire';
import { checkedFile, FileUpload } from '../common/uploads/file-upload';
import { YearQuerySchema } from '../domain/wire/assessments';
import { IdSchema } from '../domain/wire/common';
import {
  ApplyForPaymentSchema,
  ApprovePaymentSchema,
  ContractLedgerSchema,
  AcceptanceDocumentFieldsSchema,
  RecordAcceptanceSchema,
  RecordPaymentSchema,
  RecordServiceEvaluationSchema,
  YearLedgerSchema,
} from '../domain/wire/ledger';
import { LedgerService } from './ledger.service';
import { ContractsService } from './contracts.service';
import { MilestoneEventsService } from './milestone-events.service';

/**
 * The events that release money and the ledger (DOMAIN.md §6.1): the bureau records them; the bureau
 * reads every ledger, an insurer its own contracts'. Each event answers with the contract's ledger.
 */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(
    private readonly events: MilestoneEventsService,
    private readonly ledger: LedgerService,
    private readonly contracts: ContractsService,
  ) {}

  @Get('contracts/:id/ledger')
  @Requires('contract.read')
  @Responds(200, ContractLedgerSchema)
  contract(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.ledger.contract(user, id);
  }

  /** A contract year's ledger summed per insurer, lot and buyer. */
  @Get('ledger')
  @Requires('contract.read')
  @Responds(200, YearLedgerSchema)
  year(@CurrentUser() user: AuthUser, @Query({ schema: YearQuerySchema }) q: z.output<typeof YearQuerySchema>) {
    return this.ledger.year(user, q.year);
  }

  @Get('ledger.xlsx')
  @Requires('contract.read')
  @Downloads(XLSX_TYPE)
  async workbook(@CurrentUser() user: AuthUser, @Query({ schema: YearQuerySchema }) q: z.output<typeof YearQuerySchema>) {
    return download(await this.ledger.yearWorkbook(user, q.year), XLSX_TYPE);
  }

  /** The payment of a payable milestone: paid date and voucher; final. */
  @Post('milestones/:id/payment')
  @HttpCode(200)
  @Requires('contract.manage')
  @Responds(200, ContractLedgerSchema)
  async pay(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: RecordPaymentSchema }) body: z.output<typeof RecordPaymentSchema>,
  ) {
    await this.ledger.visibleMilestone(actor, id);
    const milestone = await this.events.pay(actor, id, body);
    return this.ledger.contract(actor, milestone.contractId);
  }

  /** The acceptance (验收): passed releases the payments waiting for it, failed withholds them. */
  @Post('contracts/:id/acceptances')
  @HttpCode(200)
  @Requires('contract.manage')
  @Responds(200, ContractLedgerSchema)
  async accept(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: RecordAcceptanceSchema }) body: z.output<typeof RecordAcceptanceSchema>,
  ) {
    await this.contracts.visible(actor, id);
    await this.events.recordAcceptance(actor, id, body);
    return this.ledger.contract(actor, id);
  }

  /** Multipart: `file` (pdf, jpg, png, xlsx or docx, at most EVIDENCE_MAX_MB), a document kept with the acceptance. */
  @Post('contracts/:id/acceptances/:acceptanceId/documents')
  @HttpCode(200)
  @Requires('contract.manage')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileUpload)
  @Responds(200, ContractLedgerSchema)
  async addAcceptanceDocument(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('acceptanceId', { schema: IdSchema }) acceptanceId: number,
    @Body({ schema: withFile(AcceptanceDocumentFieldsSchema) }) _body: z.output<typeof AcceptanceDocumentFieldsSchema>,
    @UploadedFile() file?: Express.Multer.File,
  ) {
    await this.contracts.visible(actor, id);
    await this.events.addAcceptanceDocument(actor, id, acceptanceId, checkedFile(file));
    return this.ledger.contract(actor, id);
  }

  /** A document of an acceptance, for the buyer's officials and the contract's insurer. */
  @Get('contracts/:id/acceptances/:acceptanceId/documents/:documentId')
  @Requires('contract.read')
  @LoggedAs('download')
  @Downloads('application/octet-stream')
  async acceptanceDocument(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Param('acceptanceId', { schema: IdSchema }) acceptanceId: number,
    @Param('documentId', { schema: IdSchema }) documentId: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.contracts.visible(user, id);
    const d = await this.events.acceptanceDocument(id, acceptanceId, documentId);
    res.set({ ETag: `"${d.sha256}"`, 'X-File-SHA256': d.sha256 });
    return download({ file: d.content!, fileName: d.fileName }, d.mimeType);
  }

  /** The evaluation of one period's service: the period's latest evaluation releases or withholds its payment. */
  @Post('contracts/:id/service-evaluations')
  @HttpCode(200)
  @Requires('contract.manage')
  @Responds(200, ContractLedgerSchema)
  async evaluate(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: RecordServiceEvaluationSchema }) body: z.output<typeof RecordServiceEvaluationSchema>,
  ) {
    await this.contracts.visible(actor, id);
    await this.events.recordServiceEvaluation(actor, id, body);
    return this.ledger.contract(actor, id);
  }

  /** The insurer applies for an on-application payment of its own contract. */
  @Post('milestones/:id/application')
  @HttpCode(200)
  @Requires('contract.apply')
  @Responds(200, ContractLedgerSchema)
  async apply(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: ApplyForPaymentSchema }) body: z.output<typeof ApplyForPaymentSchema>,
  ) {
    await this.ledger.visibleMilestone(user, id);
    const milestone = await this.events.apply(user, id, body);
    return this.ledger.contract(user, milestone.contractId);
  }

  /** The bureau approves an application: the approved amount becomes payable. */
  @Post('milestones/:id/approval')
  @HttpCode(200)
  @Requires('contract.manage')
  @Responds(200, ContractLedgerSchema)
  async approve(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: ApprovePaymentSchema }) body: z.output<typeof ApprovePaymentSchema>,
  ) {
    await this.ledger.visibleMilestone(actor, id);
    const milestone = await this.events.approve(actor, id, body);
    return this.ledger.contract(actor, milestone.contractId);
  }
}
