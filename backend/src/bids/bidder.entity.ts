import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';
import { jsonColumn } from '../database/columns';

/**
 * A bidder of one tender (dossier `bidders`), linked to the organisation whose insurer users may
 * see its bids.
 */
@Entity('bidders')
@Index(['tenderId', 'code'], { unique: true })
export class Bidder {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  tenderId: number;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'boolean', default: false })
  sme: boolean;

  @Column({ type: 'varchar', length: 100, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  parentCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  groupCode: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contactPerson: string | null;

  /** A consortium's members (bidder codes, the lead first); null for a single company. */
  @Column(jsonColumn(true))
  members: string[] | null;

  @Column({ type: 'boolean', nullable: true })
  collusionFound: boolean | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  collusionNote: string | null;

  @Column({ type: 'int', nullable: true })
  organizationId: number | null;

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
