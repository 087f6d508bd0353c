import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The hash of the newest audit entry, in a single row that writers lock: concurrent transactions
 * then append to the chain one after another instead of both linking to the same predecessor.
 */
@Entity('audit_head')
export class AuditHead {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}
