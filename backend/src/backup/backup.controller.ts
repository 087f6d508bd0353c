import { Requires } from '../access/requires';
import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Responds } from '../common/wire';
import { BackupStatusSchema } from '../domain/wire/backup';
import { BackupService } from './backup.service';

@ApiTags('backup')
@ApiBearerAuth()
@Controller('backups')
export class BackupController {
  constructor(private readonly backups: BackupService) {}

  /** The backup schedule (BACKUP_DIR, BACKUP_CRON, BACKUP_KEEP) and the latest runs with their outcome, newest first. */
  @Get()
  @Requires('backup.read')
  @Responds(200, BackupStatusSchema)
  status() {
    return this.backups.status();
  }
}
