import { Requires } from '../access/requires';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads, Responds } from '../common/wire';
import { pdfDownload } from '../documents/pdf-response';
import { sendPage } from '../common/paging';
import { IdSchema } from '../domain/wire/common';
import {
  ContractDetailSchema,
  ContractListQuerySchema,
  ContractSchema,
  ContractSummarySchema,
  CreateContractSchema,
  ScheduleTemplateSchema,
  ScheduleTemplatesQuerySchema,
  SettlementPreviewSchema,
  SettlementSchema,
  UpdateContractSchema,
} from '../domain/wire/contracts';
import { DocumentInfoSchema, DocumentVersionQuerySchema } from '../domain/wire/documents';
import { ContractPdfsService } from './contract-pdfs.service';
import { ContractsService } from './contracts.service';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller()
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly pdfs: ContractPdfsService,
  ) {}

  /** The bureau: its buyer's contracts; an insurer: its organisation's. With `page`, one page and the total in `X-Total-Count`. */
  @Get('contracts')
  @Requires('contract.read')
  @Responds(200, ContractSummarySchema.array())
  async list(
    @CurrentUser() user: AuthUser,
    @Query({ schema: ContractListQuerySchema }) q: z.output<typeof ContractListQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(res, await this.contracts.list(user, q));
  }

  /** The payment schedules a contract may be drawn up with: a tender's own first, then the shipped ones. */
  @Get('contracts/schedule-templates')
  @Requires('contract.manage')
  @Responds(200, ScheduleTemplateSchema.array())
  async scheduleTemplates(@Query({ schema: ScheduleTemplatesQuerySchema }) q: z.output<typeof ScheduleTemplatesQuerySchema>) {
    return [...(q.tenderId === undefined ? this.contracts.schedules : await this.contracts.schedulesFor(q.tenderId)).values()];
  }

  @Get('contracts/:id')
  @Requires('contract.read')
  @Responds(200, ContractDetailSchema)
  async detail(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return { ...(await this.contracts.detail(user, id)), documents: await this.pdfs.contractVersions(id) };
  }

  /** The draft contract of an awarded lot for one contract year. */
  @Post('tenders/:id/lots/:lotNo/contracts')
  @Requires('contract.manage')
  @Responds(201, ContractSchema)
  async create(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) tenderId: number,
    @Param('lotNo') lotNo: string,
    @Body({ schema: CreateContractSchema }) body: z.output<typeof CreateContractSchema>,
  ) {
    await this.contracts.buyersTender(actor, tenderId);
    return this.contracts.create(actor, tenderId, lotNo, body);
  }

  /** Population on 1 January (a draft's amounts follow) and status; `version` guards against lost updates. */
  @Patch('contracts/:id')
  @Requires('contract.manage')
  @Responds(200, ContractSchema)
  async update(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: UpdateContractSchema }) body: z.output<typeof UpdateContractSchema>,
  ) {
    await this.contracts.visible(actor, id);
    return this.contracts.update(actor, id, body);
  }

  /** The bureau previews a premium fund's annual settlement (DOMAIN.md §6.2) from the year's figures; nothing is stored. */
  @Post('contracts/:id/settlement/preview')
  @HttpCode(200)
  @Requires('contract.manage')
  @Responds(200, SettlementSchema)
  previewSettlement(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: SettlementPreviewSchema }) body: z.output<typeof SettlementPreviewSchema>,
  ) {
    return this.contracts.previewSettlement(user, id, body);
  }

  /** Generate the contract PDF as it stands now: a new stored version. */
  @Post('contracts/:id/pdf')
  @Requires('contract.manage')
  @Responds(201, DocumentInfoSchema)
  async generate(@CurrentUser() actor: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    await this.contracts.visible(actor, id);
    return this.pdfs.generateContract(actor, id);
  }

  @Get('contracts/:id/pdf')
  @Requires('contract.read')
  @Downloads('application/pdf')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Query({ schema: DocumentVersionQuerySchema }) q: z.output<typeof DocumentVersionQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { doc, fileName } = await this.pdfs.contractPdf(user, id, q.version);
    return pdfDownload(res, doc, fileName);
  }

  @Post('tenders/:id/lots/:lotNo/award-notice/pdf')
  @Requires('award-notice.issue')
  @Responds(201, DocumentInfoSchema)
  async generateAwardNotice(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) tenderId: number,
    @Param('lotNo') lotNo: string,
  ) {
    await this.contracts.buyersTender(actor, tenderId);
    return this.pdfs.generateAwardNotice(actor, tenderId, lotNo);
  }

  @Get('tenders/:id/lots/:lotNo/award-notice/pdf')
  @Requires('award-notice.read')
  @Downloads('application/pdf')
  async downloadAwardNotice(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) tenderId: number,
    @Param('lotNo') lotNo: string,
    @Query({ schema: DocumentVersionQuerySchema }) q: z.output<typeof DocumentVersionQuerySchema>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { doc, fileName } = await this.pdfs.awardNoticePdf(user, tenderId, lotNo, q.version);
    return pdfDownload(res, doc, fileName);
  }
}
