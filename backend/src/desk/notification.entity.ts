import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, NotificationSubject } from '../domain/desk/notifications';

/** Where a notification's e-mail stands: none (no SMTP or no address), pending (to send or retry), sent, failed (given up). */
export type MailStatus = 'none' | 'pending' | 'sent' | 'failed';

/**
 * One in-app notification (站内消息) for one recipient, written in the transaction of the event it
 * tells of. Its words are not stored: kind and object are, and the label table renders them.
 */
@Entity('notifications')
@Index(['userId', 'id'])
@Index(['mailStatus', 'mailNextAt'])
export class Notification {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  kind: NotificationKind;

  @Column({ type: 'varchar', length: 16 })
  objectType: NotificationSubject['type'];

  @Column({ type: 'int' })
  objectId: number;

  @Column({ type: 'varchar', length: 255 })
  objectName: string;

  @Column({ type: 'varchar', length: 255 })
  link: string;

  @Column({ type: 'datetime' })
  createdAt: Date;

  @Column({ type: 'datetime', nullable: true })
  readAt: Date | null;

  @Column({ type: 'varchar', length: 8, default: 'none' })
  mailStatus: MailStatus;

  @Column({ type: 'int', default: 0 })
  mailAttempts: number;

  /** When the pending e-mail is (next) tried; null once sent or given up. */
  @Column({ type: 'datetime', nullable: true })
  mailNextAt: Date | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  mailError: string | null;
}
