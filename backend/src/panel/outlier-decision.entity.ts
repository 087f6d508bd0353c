import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn } from '../database/columns';
import { Tender } from '../tenders/tender.entity';
import { PanelMember } from './panel-member.entity';

/**
 * The panel's majority decision (表决结论) on a score flagged 畸高畸低 that its expert kept, recorded by
 * the leader. It resolves the flag only while the score keeps the value decided on (domain/panel/outliers.ts).
 */
@Entity('outlier_decisions')
@Index(['tenderId'])
export class OutlierDecision {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'int' })
  lotId: number;

  @Column({ type: 'int' })
  panelMemberId: number;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  panelMember?: PanelMember;

  @Column({ type: 'int' })
  bidId: number;

  @Column({ type: 'varchar', length: 16 })
  criterionNo: string;

  /** The score as it stood when the panel decided. */
  @Column(decimalColumn(1, 6))
  value: string;

  @Column({ type: 'varchar', length: 500 })
  decision: string;

  @Column({ type: 'varchar', length: 64 })
  decidedBy: string;

  @Column({ type: 'datetime' })
  decidedAt: Date;
}
