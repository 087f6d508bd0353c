import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { ContractDraftsJob } from './contract-drafts.job';
import { ContractPdfsService } from './contract-pdfs.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { SettlementController } from './settlement.controller';
import { SettlementService } from './settlement.service';

@Module({
  imports: [EvaluationModule, DocumentsModule],
  controllers: [ContractsController, SettlementController],
  providers: [ContractsService, ContractPdfsService, ContractDraftsJob, SettlementService],
  exports: [ContractsService, ContractPdfsService],
})
export class ContractsModule {}
