import { QueryFailedError } from 'typeorm';

/**
 * Whether a query failed on a unique index. Inserts that several requests or server instances may
 * attempt at once (the next version of a document, next year's contract) rely on the index to let
 * exactly one succeed; the others recognise their failure with this.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const code = (e.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
