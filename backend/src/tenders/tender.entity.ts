import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { AwardRule, ContractKind, PriceBasis, TieBreaker } from '../domain/dossier/dossier.types';
import type { TenderStatus } from '../domain/lifecycles';
import type { BidSubmission } from '../domain/bids/intake';
import { Organization } from '../users/organization.entity';

/** A tender (招标项目) with the evaluation settings of DOSSIER.md `tender`. */
@Entity('tenders')
export class Tender {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  purchaser: string;

  /**
   * The buyer organisation (kind `bureau`) the purchaser's name matches (tenders/buyers.ts): its
   * officials, and only they, reach the tender and its contracts. Null: no registered organisation.
   */
  @Column({ type: 'int', nullable: true })
  buyerOrganizationId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyerOrganizationId' })
  buyerOrganization?: Organization | null;

  @Column({ type: 'varchar', length: 200 })
  agency: string;

  /** The ISO-8601 text as entered, offset included (the dossier keeps it). */
  @Column({ type: 'varchar', length: 40 })
  bidDeadline: string;

  @Column({ type: 'varchar', length: 40 })
  openingTime: string;

  @Column({ type: 'int' })
  bidValidityDays: number;

  /** The challenge period (质疑期) after the results are published, in working days. */
  @Column({ type: 'int', default: 7 })
  challengeDays: number;

  /** How long the bidders have to confirm or dispute the opening record, in minutes (政采云: 30). */
  @Column({ type: 'int', default: 30 })
  openingConfirmMinutes: number;

  @Column({ type: 'int' })
  contractYears: number;

  @Column({ type: 'int' })
  firstContractYear: number;

  @Column({ type: 'int' })
  minQualifiedBidders: number;

  @Column(decimalColumn(2, 6))
  priceWeight: string;

  @Column({ type: 'varchar', length: 10 })
  priceBasis: PriceBasis;

  @Column(decimalColumn(4, 6))
  smeDeduction: string;

  @Column(decimalColumn(4, 6))
  abnormalLowRatio: string;

  @Column(decimalColumn(4, 6))
  outlierRatio: string;

  @Column({ type: 'boolean', default: false })
  trimExtremes: boolean;

  @Column({ type: 'int' })
  scoreDecimals: number;

  @Column({ type: 'varchar', length: 30 })
  awardRule: AwardRule;

  @Column(jsonColumn())
  tieBreakers: TieBreaker[];

  @Column({ type: 'boolean', default: false })
  oneBranchPerGroup: boolean;

  @Column({ type: 'boolean', default: false })
  consortiaAllowed: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  contractKind: ContractKind | null;

  /** Points proposed as a deduction for a bidder with repeated assessment failures (DOMAIN.md §7); null = none. */
  @Column(decimalColumn(2, 6, true))
  repeatedFailureDeduction: string | null;

  /** The open-data export (OCDS) shows the per-criterion scores after the award. */
  @Column({ type: 'boolean', default: false })
  publishScores: boolean;

  /** How bids arrive: sealed electronic envelopes, or paper envelopes whose amounts are entered at the opening. */
  @Column({ type: 'varchar', length: 12, default: 'electronic' })
  bidSubmission: BidSubmission;

  /** Moved only through the TENDER lifecycle (domain/lifecycles.ts). */
  @Column({ type: 'varchar', length: 20 })
  status: TenderStatus;

  /** Optimistic lock: two clerks saving the same tender cannot overwrite each other. */
  @VersionColumn()
  version: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
