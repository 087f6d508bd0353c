import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { NotificationsService } from './notifications.service';

/** Each minute: the notification e-mails due a retry (and any a server stopped before sending). */
@Injectable()
export class NotificationMailJob {
  constructor(private readonly notifications: NotificationsService) {}

  @Cron('0 * * * * *', { name: 'notification-mail' })
  run(): Promise<number> {
    return this.notifications.flush();
  }
}
