import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Requires } from '../access/requires';
import { CurrentUser } from '../auth/decorators';
import type { AuthUser } from '../auth/decorators';
import { Responds } from '../common/wire';
import { IdSchema } from '../domain/wire/common';
import { DeskSchema, NotificationListSchema, NotificationSchema, ReadAllSchema } from '../domain/wire/desk';
import { DeskService } from './desk.service';
import { NotificationsService } from './notifications.service';

/**
 * One's own desk and notifications: every role has them (`session.read`), and each user reads only its own.
 */
@ApiTags('desk')
@ApiBearerAuth()
@Controller()
export class DeskController {
  constructor(
    private readonly desks: DeskService,
    private readonly notifications: NotificationsService,
  ) {}

  /** What waits for the signed-in user (待办), earliest due first. */
  @Get('desk')
  @Requires('session.read')
  @Responds(200, DeskSchema)
  async desk(@CurrentUser() user: AuthUser) {
    return { items: await this.desks.desk(user) };
  }

  /** The newest 50 of one's notifications and the count of all unread. */
  @Get('notifications')
  @Requires('session.read')
  @Responds(200, NotificationListSchema)
  list(@CurrentUser() user: AuthUser) {
    return this.notifications.list(user);
  }

  @Post('notifications/read-all')
  @Requires('session.read')
  @HttpCode(200)
  @Responds(200, ReadAllSchema)
  readAll(@CurrentUser() user: AuthUser) {
    return this.notifications.readAll(user);
  }

  @Post('notifications/:id/read')
  @Requires('session.read')
  @HttpCode(200)
  @Responds(200, NotificationSchema)
  read(@CurrentUser() user: AuthUser, @Param('id', { schema: IdSchema }) id: number) {
    return this.notifications.read(user, id);
  }
}
