import { Module } from '@nestjs/common';
import { ContractsModule } from '../contracts/contracts.module';
import { DocumentsModule } from '../documents/documents.module';
import { AssessmentDeadlinesJob } from './assessment-deadlines.job';
import { AssessmentDeadlinesService } from './assessment-deadlines.service';
import { AssessmentExportsService } from './assessment-exports.service';
import { AssessmentSchemesService } from './assessment-schemes.service';
import { AssessmentsController } from './assessments.controller';
import { AssessmentsService } from './assessments.service';

/** Annual assessments of the contracted insurers: schemes, workflow, deadlines, exports. */
@Module({
  imports: [ContractsModule, DocumentsModule],
  controllers: [AssessmentsController],
  providers: [AssessmentsService, AssessmentSchemesService, AssessmentDeadlinesService, AssessmentDeadlinesJob, AssessmentExportsService],
})
export class AssessmentsModule {}
