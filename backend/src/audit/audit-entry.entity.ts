import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { jsonColumn } from '../database/columns';

/**
 * One recorded decision or state change: who, when, what, before and after (DOMAIN.md §9).
 * Each entry carries the hash of the previous one, so a changed or removed entry breaks the chain.
 */
@Entity('audit_entries')
export class AuditEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'datetime' })
  at: Date;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  actorName: string | null;

  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ type: 'varchar', length: 64 })
  entityType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  @Column(jsonColumn(true))
  before: unknown;

  @Column(jsonColumn(true))
  after: unknown;

  @Column({ type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  /** The HMAC the hash is (sm3 or sha256, under AUDIT_KEY); null: an entry from before the chain was keyed (plain SHA-256). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  alg: 'sm3' | 'sha256' | null;
}
