import { Column, JoinColumn, ManyToOne, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Tender } from '../tenders/tender.entity';
import { decimalColumn, jsonColumn } from '../database/columns';
import type { AssessmentBand, SchemeDue } from '../domain/dossier/dossier.types';

export type { ItemRule, SchemeItem } from '../domain/assessments/scheme-items';
import type { SchemeItem } from '../domain/assessments/scheme-items';

/**
 * An annual-assessment scheme (考核方案): `points` (pass mark) or `deduction` (grade bands).
 *
 * A scheme is either a tender's (tenderId set: imported with a dossier, or copied from a global one when
 * a contract of the tender is first assessed with it, so later edits of the global scheme cannot change
 * a result) or global (tenderId null: the schemes a bureau chooses from, seeded from
 * seed/assessment-schemes.json).
 */
@Entity('assessment_schemes')
@Index(['tenderId', 'code'], { unique: true })
export class AssessmentScheme {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  tenderId: number | null;

  @ManyToOne(() => Tender, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'tenderId' })
  tender?: Tender;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  /**
   * The code again on a global scheme, null on a tender's. A unique (tenderId, code) index does not
   * stop two global schemes with one code (NULLs never collide), this one does — on both databases,
   * which is what lets two servers seed at the same time.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  globalCode: string | null;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: 'points' | 'deduction';

  @Column(decimalColumn(2, 6, true))
  passMark: string | null;

  @Column(decimalColumn(4, 6, true))
  failDeductionRate: string | null;

  @Column(jsonColumn(true))
  bands: AssessmentBand[] | null;

  @Column(jsonColumn())
  items: SchemeItem[];

  /** When the assessment is due (DOMAIN.md §7: the scheme's; Henan May of the next year); null: 3 months after the contract year. */
  @Column(jsonColumn(true))
  due: SchemeDue | null;

  /** Raised by every change; an evaluation's cache key (dossier-store: dossierRevision). */
  @VersionColumn({ default: 1 })
  version: number;
}
