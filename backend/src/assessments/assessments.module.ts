import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { DocumentsModule } from '../documents/documents.module';
import { AssessmentDeadlinesJob } from './assessment-deadlines.job';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentExportsService } from './assessment-exports.service';
import { AssessmentSchemesService } from './assessment-schemes.service';
import { AssessmentsController } from './assessments.controller';
import { AssessmentFilesService } from './assessment-files.service';
import { AssessmentSteps } from './assessment-steps';
import { AssessmentTerminationsService } from './assessment-terminations.service';
import { AssessmentWorkflowService } from './assessment-workflow.service';
import { AssessmentsService } from './assessments.service';
import { RewardSplitService } from './reward-split.service';

/** Annual assessments of the contracted insurers: schemes, workflow, files, reward split, terminations, deadlines, exports. */
@Module({
  imports: [ContractsModule, DocumentsModule],
  controllers: [AssessmentsController],
  providers: [
    AssessmentsService,
    AssessmentSteps,
    AssessmentWorkflowService,
    AssessmentFilesService,
    RewardSplitService,
    AssessmentTerminationsService,
    AssessmentSchemesService,
    AssessmentDeadlinesService,
    AssessmentDeadlinesJob,
    AssessmentExportsService,
  ],
})
export class AssessmentsModule {}
