import type { EntityManager } from 'typeorm';
import type { Dossier } from '../domain/dossier/dossier.types';

/**
 * A tender as a dossier, read from every stage's rows (the archive, backend/src/dossiers, provides it).
 * Tenders owns this port because every stage from the tender on validates and evaluates whole dossiers,
 * while the rows they are read from belong to the stages after it.
 */
export abstract class DossierSource {
  /** The tender `tenderId` as a dossier: what is evaluated is exactly what would be exported. */
  abstract load(m: EntityManager, tenderId: number): Promise<Dossier>;
  /** A key that changes whenever anything `load` reads changes. */
  abstract revision(m: EntityManager, tenderId: number): Promise<string>;
}
