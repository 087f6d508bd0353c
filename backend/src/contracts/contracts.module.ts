import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { ContractDraftsJob } from './contract-drafts.job';
import { ContractPdfsService } from './contract-pdfs.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { MilestoneEventsService } from './milestone-events.service';
import { LedgerController } from './ledger.controller';
import { LedgerService } from './ledger.service';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';

@Module({
  imports: [EvaluationModule, DocumentsModule],
  controllers: [ContractsController, LedgerController, SettlementController],
  providers: [ContractsService, ContractPdfsService, ContractDraftsJob, MilestoneEventsService, LedgerService, SettlementService],
  exports: [ContractsService, ContractPdfsService, MilestoneEventsService],
})
export class ContractsModule {}
