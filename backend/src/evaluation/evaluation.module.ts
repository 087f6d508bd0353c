import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PanelModule } from '../panel/panel.module';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

@Module({
  imports: [PanelModule, DocumentsModule],
  controllers: [EvaluationController],
  providers: [EvaluationService],
  exports: [EvaluationService],
})
export class EvaluationModule {}
