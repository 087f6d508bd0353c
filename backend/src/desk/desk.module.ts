import { Global, Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module';
import { BackupModule } from '../backup/backup.module';
import { Notifier } from '../common/notifier';
import { DeskController } from './desk.controller';
import { DeskService } from './desk.service';
import { NotificationMailJob } from './notification-mail.job';
import { NotificationsService } from './notifications.service';

/** Each role's desk, and the notifications every feature writes with its events (hence global). */
@Global()
@Module({
  imports: [AssessmentsModule, BackupModule],
  controllers: [DeskController],
  providers: [DeskService, NotificationsService, { provide: Notifier, useExisting: NotificationsService }, NotificationMailJob],
  exports: [Notifier],
})
export class DeskModule {}
