import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { BackupController } from './backup.controller';
import { BackupJob } from './backup.job';
import { BackupService } from './backup.service';
import { TenderArchiveController } from './tender-archive.controller';
import { TenderArchiveService } from './tender-archive.service';

/** Backups (on demand and scheduled), and the archive of a finished tender. */
@Module({
  imports: [DossiersModule],
  controllers: [BackupController, TenderArchiveController],
  providers: [BackupService, BackupJob, TenderArchiveService],
  exports: [BackupService, TenderArchiveService],
})
export class BackupModule {}
