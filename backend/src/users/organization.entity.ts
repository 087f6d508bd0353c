import { Column, Index, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrganizationKind } from '../domain/organizations';

/** An organisation a user belongs to: an insurer (bidder), the bureau, the procurement centre. */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn()
  id: number;

  /** Short code, e.g. the bidder code of a dossier ("A"). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganizationKind;

  @CreateDateColumn()
  createdAt: Date;
}
