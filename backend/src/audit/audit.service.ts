import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface Actor {
  id: number | null;
  username: string | null;
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an entry covers its content and the previous entry's hash (a chain). */
export function entryHash(e: Omit<AuditEntry, 'id' | 'hash'>): string {
  const content = JSON.stringify([
    e.prevHash,
    e.at.toISOString(),
    e.actorId,
    e.actorName,
    e.action,
    e.entityType,
    e.entityId,
    e.before ?? null,
    e.after ?? null,
  ]);
  return createHash('sha256').update(content).digest('hex');
}

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Record inside the caller's transaction when given one, so the change and its record commit together. */
  async record(actor: Actor | null, rec: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<AuditEntry> {
    const repo = manager.getRepository(AuditEntry);
    const last = await repo.find({ order: { id: 'DESC' }, take: 1 });
    const entry = repo.create({
      at: new Date(Math.floor(Date.now() / 1000) * 1000),
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? null,
      action: rec.action,
      entityType: rec.entityType,
      entityId: rec.entityId == null ? null : String(rec.entityId),
      before: rec.before ?? null,
      after: rec.after ?? null,
      prevHash: last[0]?.hash ?? GENESIS_HASH,
    });
    entry.hash = entryHash(entry);
    return repo.save(entry);
  }
}
