import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from './tender.entity';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { Component } from '../domain/dossier/dossier.types';
import type { LotStatus } from '../domain/lifecycles';

/** A lot (标包) with its price caps, fixed components and scheme. */
@Entity('lots')
@Index(['tenderId', 'no'], { unique: true })
export class Lot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 16 })
  no: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column(jsonColumn())
  regions: string[];

  /** Format 2: 'rate' when the lot says so; a lump sum has neither basePopulation nor maxUnitPrice (dossier.schema.ts lotPricing). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  pricing: 'rate' | 'unit-price' | 'lump-sum' | null;

  @Column({ type: 'int', nullable: true })
  basePopulation: number | null;

  @Column(decimalColumn(2, 18, true))
  maxUnitPrice: string | null;

  @Column(decimalColumn(2, 18, true))
  maxBudget: string | null;

  @Column(decimalColumn(6, 8, true))
  maxRate: string | null;

  @Column(jsonColumn())
  fixedComponents: Component[];

  @Column({ type: 'int' })
  evaluationOrder: number;

  @Column({ type: 'varchar', length: 64 })
  schemeCode: string;

  @Column(decimalColumn(2, 18, true))
  rewardBudget: string | null;

  @Column({ type: 'int', nullable: true })
  minStaff: number | null;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: LotStatus;

  /** Why the lot was not opened. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  statusReason: string | null;

  @VersionColumn()
  version: number;
}
