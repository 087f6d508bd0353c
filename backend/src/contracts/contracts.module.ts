import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { ContractDraftsJob } from './contract-drafts.job';
import { ContractPdfsService } from './contract-pdfs.service';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';

@Module({
  imports: [EvaluationModule, DocumentsModule],
  controllers: [ContractsController],
  providers: [ContractsService, ContractPdfsService, ContractDraftsJob],
  exports: [ContractsService, ContractPdfsService],
})
export class ContractsModule {}
