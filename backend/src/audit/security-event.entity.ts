import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SecurityEventKind } from '../domain/security-events';

/**
 * One security event (等保 安全审计): a refused request, a download, a read of bids — who, what, when
 * and from where. Written on its own, after the answer, never inside the audit chain's transaction.
 */
@Entity('security_events')
@Index(['at'])
@Index(['userId', 'at'])
export class SecurityEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  kind: SecurityEventKind;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  role: string | null;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  @Column({ type: 'varchar', length: 255 })
  path: string;

  @Column({ type: 'int' })
  status: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent: string | null;
}
