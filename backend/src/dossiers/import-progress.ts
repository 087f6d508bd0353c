import { Injectable } from '@nestjs/common';
import type { ImportProgress } from '../domain/dossier/import-progress';

/** How long a finished import's progress stays readable, for a client's last poll. */
const KEPT_MS = 10 * 60_000;

/**
 * Imports in progress on this server, under ids their clients chose (X-Import-Id), each readable only
 * by the user who started it. A client polls its id while its POST runs; a server without the id (a
 * restart, or another instance) answers 404 and the client keeps waiting for its POST's answer.
 */
@Injectable()
export class ImportProgressRegistry {
  private readonly entries = new Map<string, { progress: ImportProgress; expires: number }>();

  /** Starts tracking an import; the returned function records each step. */
  track(userId: number, importId: string): (progress: ImportProgress) => void {
    const key = `${userId} ${importId}`;
    this.forgetExpired();
    return (progress) => this.entries.set(key, { progress, expires: Date.now() + KEPT_MS });
  }

  get(userId: number, importId: string): ImportProgress | undefined {
    return this.entries.get(`${userId} ${importId}`)?.progress;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expires < now) this.entries.delete(key);
  }
}
