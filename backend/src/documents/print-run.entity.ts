import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A document being printed in the background (DocumentsService.startGeneration), in the database so
 * that every server behind the proxy sees it: a poll that reaches another server finds the run and
 * answers 202 rather than starting a second print. The owner is the key: one run per document at a time.
 * A failed run keeps its failure until a poll has reported it.
 */
@Entity('print_runs')
export class PrintRun {
  /** `ownerType ownerId kind`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  ownerKey: string;

  @Column({ type: 'datetime' })
  startedAt: Date;

  /** The failure's HTTP status and message, once the run has failed. */
  @Column({ type: 'int', nullable: true })
  failureStatus: number | null;

  @Column({ type: 'text', nullable: true })
  failureMessage: string | null;
}
