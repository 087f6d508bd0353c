import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';
import type { Declaration } from '../domain/panel/panel-codes';

/** A member of a tender's evaluation panel (评标委员会), optionally bound to an expert user. */
@Entity('panel_members')
@Index(['tenderId', 'code'], { unique: true })
export class PanelMember {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** 评审组长: may send a submitted sheet back for re-review. */
  @Column({ type: 'boolean', default: false })
  isLeader: boolean;

  /**
   * 回避声明, made before the member sees any bid: 'no-conflict', or 'conflict', which removes the
   * member from the panel (their scores no longer count).
   */
  @Column({ type: 'varchar', length: 20, nullable: true })
  declaration: Declaration | null;

  @Column({ type: 'datetime', nullable: true })
  declaredAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declarationNote: string | null;

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
