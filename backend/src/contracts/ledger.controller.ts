import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { XLSX_TYPE } from '../bids/opening-sheet';
import { download } from '../common/download';
import { Downloads, Responds } from '../common/wire';
import { YearQuerySchema } from '../domain/wire/assessments';
import { IdSchema } from '../domain/wire/common';
import {
  ApplyForPaymentSchema,
  ApprovePaymentSchema,
  ContractLedgerSchema,
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
