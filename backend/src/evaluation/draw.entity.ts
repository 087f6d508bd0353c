import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';

/** The recorded seed of a lot's tie-break draw, so that the draw replays identically. */
@Entity('draws')
@Index(['tenderId', 'lotNo'], { unique: true })
export class Draw {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 16 })
  lotNo: string;

  @Column({ type: 'varchar', length: 64 })
  seed: string;

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
