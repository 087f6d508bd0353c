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
import { PeriodicReportsController } from './periodic-reports.controller';
import { PeriodicReportsService } from './periodic-reports.service';
import { RewardSplitService } from './reward-split.service';

/** Annual assessments of the contracted insurers: schemes, workflow, files, reward split, terminations, deadlines, exports; and the periodic reports under their contracts. */
@Module({
  imports: [ContractsModule, DocumentsModule],
  controllers: [AssessmentsController, PeriodicReportsController],
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
    PeriodicReportsService,
  ],
  // The desk reads what is overdue and which reports are awaited.
  exports: [AssessmentDeadlinesService, PeriodicReportsService],
})
export class AssessmentsModule {}
