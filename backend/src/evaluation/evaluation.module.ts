import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PanelModule } from '../panel/panel.module';
import { ChallengesController } from './challenges.controller';
import { ChallengesService } from './challenges.service';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';

@Module({
  imports: [PanelModule, DocumentsModule],
  controllers: [EvaluationController, ChallengesController],
  providers: [EvaluationService, ChallengesService],
  exports: [EvaluationService, ChallengesService],
})
export class EvaluationModule {}
