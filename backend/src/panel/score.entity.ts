import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Bid } from '../bids/bid.entity';
import { PanelMember } from './panel-member.entity';
import { Tender } from '../tenders/tender.entity';
import { decimalColumn } from '../database/columns';

/** One expert's score of one criterion of one bid (记名打分); changes are audited, never silent. */
@Entity('scores')
@Index(['panelMemberId', 'bidId', 'criterionNo'], { unique: true })
// A tender's rows are read together (loadDossier, dossierRevision); SQLite has no index from the foreign key.
@Index(['tenderId'])
export class Score {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'int' })
  panelMemberId: number;

  @ManyToOne(() => PanelMember, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panelMemberId' })
  panelMember?: PanelMember;

  @Column({ type: 'int' })
  bidId: number;

  @ManyToOne(() => Bid, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidId' })
  bid?: Bid;

  @Column({ type: 'varchar', length: 16 })
  criterionNo: string;

  @Column(decimalColumn(1, 6))
  value: string;

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
