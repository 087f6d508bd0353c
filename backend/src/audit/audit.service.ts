import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { verifyChain } from './audit-chain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { forUpdate } from '../database/row-lock';
import type { AuditAction } from '../domain/audit-actions';
import { AuditEntry } from './audit-entry.entity';
import { AuditHead } from './audit-head.entity';

export interface Actor {
  id: number | null;
  username: string | null;
}

export interface AuditRecord {
  action: AuditAction;
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
  async record(actor: Actor | null, rec: AuditRecord, manager?: EntityManager): Promise<AuditEntry> {
    if (!manager?.queryRunner?.isTransactionActive) return this.dataSource.transaction((m) => this.append(actor, rec, m));
    return this.append(actor, rec, manager);
  }

  /** Append to the chain under the head row's lock (SQLite's writers are already one at a time). */
  private async append(actor: Actor | null, rec: AuditRecord, manager: EntityManager): Promise<AuditEntry> {
    const repo = manager.getRepository(AuditEntry);
    const head = await manager.getRepository(AuditHead).findOneOrFail({ where: { id: 1 }, ...forUpdate(manager) });
    const entry = repo.create({
      at: new Date(Math.floor(Date.now() / 1000) * 1000),
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? null,
      action: rec.action,
      entityType: rec.entityType,
      entityId: rec.entityId == null ? null : String(rec.entityId),
      before: rec.before ?? null,
      after: rec.after ?? null,
      prevHash: head.hash,
    });
    entry.hash = entryHash(entry);
    const saved = await repo.save(entry);
    await manager.getRepository(AuditHead).update({ id: 1 }, { hash: saved.hash });
    return saved;
  }

  list(limit: number, offset: number) {
    return this.dataSource.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: limit, skip: offset });
  }

  async verify() {
    const entries = await this.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    return { entries: entries.length, breaks: verifyChain(entries) };
  }

  /** The whole record as a workbook, one row per entry, with its hashes so a copy can be checked. */
  async workbook(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('审计记录');
    ws.addRow(['序号', '时间', '操作人', '操作', '对象', '对象编号', '变更前', '变更后', '前一哈希', '哈希']).font = { bold: true };
    const entries = await this.dataSource.getRepository(AuditEntry).find({ order: { id: 'ASC' } });
    for (const e of entries) {
      ws.addRow([
        e.id,
        e.at.toISOString(),
        e.actorName ?? '系统',
        e.action,
        e.entityType,
        e.entityId,
        JSON.stringify(e.before),
        JSON.stringify(e.after),
        e.prevHash,
        e.hash,
      ]);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
