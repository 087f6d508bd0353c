import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { decimalColumn, jsonColumn } from '../database/columns';
import { Tender } from '../tenders/tender.entity';

export interface RewardShare {
  lotNo: string;
  contractId: number;
  contractAmount: string;
  share: string;
}

/**
 * A yearly reward budget (≤ 1,000,000) split over a tender's contracts of one year in proportion to
 * their contract amounts (DOMAIN.md §7); each share replaces the lot's fixed reward budget as that
 * contract's maximum reward. Kept so that assessments created after the split use it too.
 */
@Entity('reward_budgets')
@Index(['tenderId', 'year'], { unique: true })
export class RewardBudget {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'int' })
  year: number;

  @Column(decimalColumn())
  budget: string;

  @Column(jsonColumn())
  shares: RewardShare[];

  @Column({ type: 'varchar', length: 64 })
  setBy: string;

  @Column({ type: 'datetime' })
  setAt: Date;
}
