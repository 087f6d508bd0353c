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
import { Bidder } from '../bids/bidder.entity';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { Component } from '../domain/dossier/dossier.types';
import type { ReportRule } from '../domain/contracts/periodic-reports';
import type { ContractStatus } from '../domain/lifecycles';
import { Tender } from '../tenders/tender.entity';

/**
 * The contract of one awarded lot for one contract year (合同一年一签, DOMAIN.md §6). Its amounts are
 * stored, not derived on reading, because a signed contract must keep the figures it was signed with.
 */
@Entity('contracts')
@Index(['tenderId', 'lotNo', 'year'], { unique: true })
export class Contract {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 16 })
  lotNo: string;

  @Column({ type: 'int' })
  year: number;

  /** The winning bidder (乙方). */
  @Column({ type: 'int' })
  bidderId: number;

  @ManyToOne(() => Bidder, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bidderId' })
  bidder?: Bidder;

  /** The winning bid's unit price after price correction (元/人/年). */
  @Column(decimalColumn())
  unitPrice: string;

  /**
   * The lot's insured population on 1 January of the year, as entered by the bureau; null until then,
   * and the amounts are provisional on the lot's base population.
   */
  @Column({ type: 'int', nullable: true })
  population: number | null;

  @Column(decimalColumn())
  serviceAmount: string;

  /** Fixed fees paid with the service amount (e.g. 信息系统 300,000 on Ningbo lot 1). */
  @Column(jsonColumn())
  fixedFees: Component[];

  /** Service amount plus fixed fees: what the payment schedule divides. */
  @Column(decimalColumn())
  contractAmount: string;

  /** The lot's maximum performance reward, paid after the assessment according to the grade. */
  @Column(decimalColumn(2, 18, true))
  rewardBudget: string | null;

  /** Code of the payment-schedule template the milestones were drawn from. */
  @Column({ type: 'varchar', length: 32 })
  scheduleTemplate: string;

  /** The periodic reports the contract asks of the insurer (DOMAIN.md §8), from its schedule template; null: none. */
  @Column(jsonColumn(true))
  reportRules: ReportRule[] | null;

  @Column({ type: 'varchar', length: 16 })
  status: ContractStatus;

  @Column({ type: 'datetime', nullable: true })
  signedAt: Date | null;

  /** Optimistic lock: a PATCH names the version it was based on. */
  @VersionColumn()
  version: number;

  @CreateDateColumn()
  createdAt: Date;

  @UpdateDateColumn()
  updatedAt: Date;
}
