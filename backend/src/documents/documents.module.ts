import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service';

/** PDF generation and storage for every feature that issues official documents. */
@Module({
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
