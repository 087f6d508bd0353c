import type { SheetStatus } from '../domain/lifecycles';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Lot } from '../tenders/lot.entity';
import { PanelMember } from './panel-member.entity';

/**
 * One expert's score sheet for one lot. Submitting locks it; only the panel leader can send it
 * back for re-review, and that is recorded.
 */
@Entity('score_sheets')
@Index(['panelMemberId', 'lotId'], { unique: true })
export class ScoreSheet {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @Column({ type: 'int' })
  panelMemberId: number;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  panelMember?: PanelMember;

  @Column({ type: 'int' })
  lotId: number;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lotId' })
  lot?: Lot;

  @Column({ type: 'varchar', length: 20 })
  status: SheetStatus;

  @Column({ type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @VersionColumn()
  version: number;
}
