import { Body, Controller, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Downloads, Responds } from '../common/wire';
import { attachment, pdfDownload } from '../documents/pdf-response';
import { IdSchema } from '../domain/wire/common';
import { SettleSchema, SettlementViewSchema, StoredSettlementSchema } from '../domain/wire/settlement';
import { XLSX_TYPE } from './settlement-statement';
import { SettlementService } from './settlement.service';

/**
 * The annual settlement of a premium fund (DOMAIN.md §6.2): the bureau settles a contract's year once
 * its assessment is final; the bureau and the contract's insurer read it and its statement.
 */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts/:id/settlement')
export class SettlementController {
  constructor(private readonly settlements: SettlementService) {}

  @Get()
  @Requires('contract.read')
  @Responds(200, SettlementViewSchema)
  view(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.settlements.view(user, id);
  }

  @Post()
  @Requires('contract.manage')
  @Responds(201, StoredSettlementSchema)
  settle(
    @CurrentUser() actor: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Body({ schema: SettleSchema }) body: z.output<typeof SettleSchema>,
  ) {
    return this.settlements.settle(actor, id, body);
  }

  @Get('statement.pdf')
  @Requires('contract.read')
  @Downloads('application/pdf')
  async statementPdf(
    @CurrentUser() user: AuthUser,
    @Param('id', { schema: IdSchema }) id: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { doc, fileName } = await this.settlements.statementPdf(user, id);
    return pdfDownload(res, doc, fileName);
  }

  @Get('statement.xlsx')
  @Requires('contract.read')
  @Downloads(XLSX_TYPE)
  async statementExcel(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    const { file, fileName } = await this.settlements.statementExcel(user, id);
    return new StreamableFile(file, { type: XLSX_TYPE, length: file.length, disposition: attachment(fileName) });
  }
}
