import { Column, Index, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Organization } from './organization.entity';
import type { Role } from './role';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ type: 'varchar', length: 100 })
  displayName: string;

  @Column({ type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** Insurer users act for their organisation only (DOMAIN.md §1). */
  @Column({ type: 'int', nullable: true })
  organizationId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organizationId' })
  organization?: Organization | null;

  /** Where notifications are also mailed when SMTP is set; null: in the app only. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  /** Raised on logout, password change or reset, disabling and role change: older tokens are refused. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** Set by an administrator's reset (or a one-time password): nothing but a password change until done. */
  @Column({ type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** When the password was last set; with PASSWORD_MAX_AGE_DAYS it expires (null: before this was kept). */
  @Column({ type: 'datetime', nullable: true })
  passwordChangedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
