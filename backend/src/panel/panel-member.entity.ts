import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';

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
}
