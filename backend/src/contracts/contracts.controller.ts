import { Body, Controller, Get, Param, ParseIntPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser, Roles } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { pdfDownload } from '../documents/pdf-response';
import { ContractPdfsService } from './contract-pdfs.service';
import { CreateContractDto, DocumentVersionQuery, UpdateContractDto } from './contracts.dto';
import { ContractsService } from './contracts.service';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller()
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly pdfs: ContractPdfsService,
  ) {}

  /** The bureau: every contract; an insurer: its organisation's. */
  @Get('contracts')
  @Roles('bureau', 'insurer')
  list(@CurrentUser() user: AuthUser) {
    return this.contracts.list(user);
  }

  /** The payment-schedule templates a contract may be drawn up with. */
  @Get('contracts/schedule-templates')
  @Roles('bureau')
  scheduleTemplates() {
    return [...this.contracts.schedules.values()];
  }

  @Get('contracts/:id')
  @Roles('bureau', 'insurer')
  async detail(@CurrentUser() user: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return { ...(await this.contracts.detail(user, id)), documents: await this.pdfs.contractVersions(id) };
  }

  /** The draft contract of an awarded lot for one contract year. */
  @Post('tenders/:id/lots/:lotNo/contracts')
  @Roles('bureau')
  create(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIntPipe) tenderId: number,
    @Param('lotNo') lotNo: string,
    @Body() dto: CreateContractDto,
  ) {
    return this.contracts.create(actor, tenderId, lotNo, dto.year, dto.scheduleTemplate);
  }

  /** Population on 1 January (a draft's amounts follow) and status; `version` guards against lost updates. */
  @Patch('contracts/:id')
  @Roles('bureau')
  update(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number, @Body() dto: UpdateContractDto) {
    return this.contracts.update(actor, id, dto);
  }

  /** Generate the contract PDF as it stands now: a new stored version. */
  @Post('contracts/:id/pdf')
  @Roles('bureau')
  generate(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) id: number) {
    return this.pdfs.generateContract(actor, id);
  }

  @Get('contracts/:id/pdf')
  @Roles('bureau', 'insurer')
  @ApiProduces('application/pdf')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) id: number,
    @Query() q: DocumentVersionQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { doc, fileName } = await this.pdfs.contractPdf(user, id, q.version);
    return pdfDownload(res, doc, fileName);
  }

  @Post('tenders/:id/lots/:lotNo/award-notice/pdf')
  @Roles('bureau', 'procurement')
  generateAwardNotice(@CurrentUser() actor: AuthUser, @Param('id', ParseIntPipe) tenderId: number, @Param('lotNo') lotNo: string) {
    return this.pdfs.generateAwardNotice(actor, tenderId, lotNo);
  }

  @Get('tenders/:id/lots/:lotNo/award-notice/pdf')
  @Roles('bureau', 'procurement', 'insurer')
  @ApiProduces('application/pdf')
  async downloadAwardNotice(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIntPipe) tenderId: number,
    @Param('lotNo') lotNo: string,
    @Query() q: DocumentVersionQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { doc, fileName } = await this.pdfs.awardNoticePdf(user, tenderId, lotNo, q.version);
    return pdfDownload(res, doc, fileName);
  }
}
