import { Column, JoinColumn, ManyToOne, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Bidder } from './bidder.entity';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { D } from '../domain/decimal';
import type { RepeatedFailureDecision } from '../domain/dossier/dossier.types';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { Check, Component, DossierBid, Facts } from '../domain/dossier/dossier.types';

/**
 * Unit prices keep the decimals written, up to 6: a misplaced decimal point (0.116 for 1.16) is what
 * price correction repairs, so it must survive storage. Read back with at least 2 decimals, like amounts.
 */
const UNIT_PRICE_SCALE = 6;
const unitPriceAsWritten = {
  to: (v: string | null | undefined) => (v == null ? v : new D(v).toFixed(UNIT_PRICE_SCALE)),
  from: (v: string | number | null) => (v == null ? null : new D(v).toFixed(Math.max(2, new D(v).decimalPlaces()))),
};

/**
 * One bidder's offer on one lot. The amounts are sealed until the tender is opened: no read path
 * returns them before (DOMAIN.md §3).
 */
@Entity('bids')
@Index(['lotId', 'bidderId'], { unique: true })
// A tender's rows are read together (loadDossier, dossierRevision); SQLite has no index from the foreign key.
@Index(['tenderId'])
export class Bid {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'int' })
  lotId: number;

  @ManyToOne(() => Lot, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lotId' })
  lot?: Lot;

  @Column({ type: 'int' })
  bidderId: number;

  @ManyToOne(() => Bidder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidderId' })
  bidder?: Bidder;

  /** None on a lump-sum or rate-priced lot. */
  @Column({ ...decimalColumn(UNIT_PRICE_SCALE, 18, true), transformer: unitPriceAsWritten })
  unitPrice: string | null;

  /** None on a rate-priced lot. */
  @Column(decimalColumn(2, 18, true))
  serviceTotal: string | null;

  @Column(jsonColumn())
  fixedComponents: Component[];

  @Column(decimalColumn(2, 18, true))
  total: string | null;

  /** Rate-priced lots: the operating-cost-and-profit rate and the share of a policy-caused deficit borne. */
  @Column(decimalColumn(6, 8, true))
  rate: string | null;

  @Column(decimalColumn(6, 8, true))
  deficitShare: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  totalCapitals: string | null;

  /** The itemised price table's figures, when they differ from the opening sheet. */
  @Column(jsonColumn(true))
  itemised: NonNullable<DossierBid['itemised']> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  submittedFromIp: string | null;

  @Column(jsonColumn())
  qualification: Check[];

  @Column(jsonColumn())
  compliance: Check[];

  @Column({ type: 'boolean', nullable: true })
  priceCorrectionAccepted: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  abnormalLowRejected: boolean | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  abnormalLowNote: string | null;

  /** The panel applied or waived the tender's repeated-failure deduction (DOMAIN.md §7); null while undecided. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  repeatedFailureDecision: RepeatedFailureDecision | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  repeatedFailureNote: string | null;

  @Column(jsonColumn())
  facts: Facts;

  @VersionColumn()
  version: number;

  @CreateDateColumn()
  submittedAt: Date;
}
