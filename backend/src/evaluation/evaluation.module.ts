import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { PanelModule } from '../panel/panel.module';
import { ChallengesController } from './challenges.controller';
import { ChallengesService } from './challenges.service';
import { EvaluationController } from './evaluation.controller';
import { EvaluationService } from './evaluation.service';
import { ScoreDistributionService } from './score-distribution.service';
import { TendersModule } from '../tenders/tenders.module';

@Module({
  imports: [PanelModule, DocumentsModule, TendersModule],
  controllers: [EvaluationController, ChallengesController],
  providers: [EvaluationService, ChallengesService, ScoreDistributionService],
  exports: [EvaluationService, ChallengesService],
})
export class EvaluationModule {}
