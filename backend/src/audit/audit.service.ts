import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { findPage, type SortColumns } from '../common/paging';
import { addTableSheet, writeTable } from '../documents/workbook-style';
import { Between, DataSource, EntityManager, FindOptionsWhere, LessThan, MoreThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { KEYED_CHAIN_DUE } from '../database/migrations/1765400000000-KeyedAudit';
import { forUpdate } from '../database/row-lock';
import type { AuditAction } from '../domain/audit-actions';
import { label } from '../domain/labels';
import type { AuditFilter, AuditListFilter } from '../domain/wire/audit';
import { auditKeyId, chainKeyOf, checkCheckpoint, Checkpoint, entryHash, makeCheckpoint, verifyChain } from './audit-chain';
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

/** The conditions of a log's filter that are set: the time range (from inclusive, to exclusive) and the others as given. */
export function logWhere<T>(f: { from?: string; to?: string }, fields: Partial<Record<keyof T, string | undefined>>): FindOptionsWhere<T> {
  const where: Record<string, unknown> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
  if (f.from && f.to) where.at = Between(new Date(f.from), new Date(new Date(f.to).getTime() - 1));
  else if (f.from) where.at = MoreThanOrEqual(new Date(f.from));
  else if (f.to) where.at = LessThan(new Date(f.to));
  return where as FindOptionsWhere<T>;
}

const AUDIT_SORTS: SortColumns<NonNullable<AuditListFilter['sort']>> = {
  id: 'id',
  actorName: 'actorName',
  action: 'action',
  entityType: 'entityType',
};

@Injectable()
export class AuditService implements OnApplicationBootstrap {
  /** The `audit.keyed` entry this process wrote to start the keyed chain (null: the chain was keyed already). */
  keyedStart: AuditEntry | null = null;
  private keyed = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The keyed chain starts at start-up, not at the first change. */
  async onApplicationBootstrap() {
    if (!this.keyed) await this.dataSource.transaction(async (m) => this.startKeyedChain(m, await this.lockHead(m)));
  }

  /** Record inside the caller's transaction when given one, so the change and its record commit together. */
  async record(actor: Actor | null, rec: AuditRecord, manager?: EntityManager): Promise<AuditEntry> {
    if (!manager?.queryRunner?.isTransactionActive) return this.dataSource.transaction((m) => this.append(actor, rec, m));
    return this.append(actor, rec, manager);
  }

  private lockHead(manager: EntityManager) {
    return manager.getRepository(AuditHead).findOneOrFail({ where: { id: 1 }, ...forUpdate(manager) });
  }

  /** Append to the chain under the head row's lock (SQLite's writers are already one at a time). */
  private async append(actor: Actor | null, rec: AuditRecord, manager: EntityManager): Promise<AuditEntry> {
    let head = await this.lockHead(manager);
    if (!this.keyed) head = await this.startKeyedChain(manager, head);
    return this.write(actor, rec, head.hash, manager);
  }

  /**
   * Under the head's lock: appends the `audit.keyed` entry (algorithm, key id) that starts the keyed
   * chain, linking to the unkeyed past, when the chain has just been migrated (or created), and again
   * when AUDIT_HMAC changed. An unkeyed chain met at any other start is not sealed by a new start:
   * it was rebuilt without the key, and verification reports it.
   */
  private async startKeyedChain(manager: EntityManager, head: AuditHead): Promise<AuditHead> {
    const [newest] = await manager.getRepository(AuditEntry).find({ order: { id: 'DESC' }, take: 1, select: { id: true, alg: true } });
    this.keyed = true;
    const due = newest?.alg ? newest.alg !== this.config.auditHmac : KEYED_CHAIN_DUE.has(this.dataSource);
    if (!due) return head;
    KEYED_CHAIN_DUE.delete(this.dataSource);
    const after = { alg: this.config.auditHmac, keyId: auditKeyId(this.config), previousAlg: newest ? (newest.alg ?? 'unkeyed') : null };
    this.keyedStart = await this.write(null, { action: 'audit.keyed', entityType: 'system', after }, head.hash, manager);
    return { id: 1, hash: this.keyedStart.hash };
  }

  private async write(actor: Actor | null, rec: AuditRecord, prevHash: string, manager: EntityManager): Promise<AuditEntry> {
    const repo = manager.getRepository(AuditEntry);
    const entry = repo.create({
      at: new Date(Math.floor(Date.now() / 1000) * 1000),
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? null,
      action: rec.action,
      entityType: rec.entityType,
      entityId: rec.entityId == null ? null : String(rec.entityId),
      before: rec.before ?? null,
      after: rec.after ?? null,
      prevHash,
      alg: this.config.auditHmac,
    });
    entry.hash = entryHash(entry, this.config.auditKey);
    const saved = await repo.save(entry);
    await manager.getRepository(AuditHead).update({ id: 1 }, { hash: saved.hash });
    return saved;
  }

  private where(f: AuditFilter): FindOptionsWhere<AuditEntry> {
    return logWhere<AuditEntry>(f, { actorName: f.user, action: f.action });
  }

  /** Newest first unless sorted: a page, or the `limit`/`offset` window (100 rows by default); and the total. */
  list(q: AuditListFilter) {
    const where = this.where(q);
    return findPage(this.dataSource.getRepository(AuditEntry), { where, take: q.limit ?? 100, skip: q.offset ?? 0 }, q, AUDIT_SORTS, {
      id: 'DESC',
    });
  }

  /**
   * The whole chain against its head and, when given, a checkpoint kept outside; the entries and the
   * head read in one transaction, so that an entry appended meanwhile is not taken for a truncation.
   */
  async verify(checkpoint?: Pick<Checkpoint, 'id' | 'hash' | 'hmac'> & { alg?: Checkpoint['alg'] }) {
    const [entries, head] = await this.dataSource.transaction((m) =>
      Promise.all([m.getRepository(AuditEntry).find({ order: { id: 'ASC' } }), m.getRepository(AuditHead).findOne({ where: { id: 1 } })]),
    );
    const key = chainKeyOf(this.config);
    const breaks = [...verifyChain(entries, key, head?.hash ?? null), ...(checkpoint ? checkCheckpoint(checkpoint, entries, key) : [])];
    const last = entries.at(-1);
    return { entries: entries.length, head: last ? { id: last.id, hash: last.hash } : null, breaks };
  }

  /** A signed checkpoint of the chain's end, to be kept outside the database; refused on a broken chain. */
  async checkpoint(): Promise<Checkpoint> {
    const { head, breaks } = await this.verify();
    if (breaks.length || !head)
      throw new Error(breaks.length ? 'the audit chain is broken: no checkpoint of it' : 'the audit chain is empty');
    return makeCheckpoint(head, chainKeyOf(this.config));
  }

  /** The record as a workbook (filtered like the list), one row per entry, with its hashes so a copy can be checked. */
  async workbook(f: AuditFilter): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = addTableSheet(wb, label('logSheet', 'audit'), 1);
    const columns = ['id', 'at', 'actor', 'action', 'entityType', 'entityId', 'before', 'after', 'prevHash', 'hash', 'alg'] as const;
    const entries = await this.dataSource.getRepository(AuditEntry).find({ where: this.where(f), order: { id: 'ASC' } });
    writeTable(
      ws,
      columns.map((c) => ({ header: label('logColumn', c) })),
      entries.map((e) => [
        e.id,
        e.at.toISOString(),
        e.actorName ?? label('logSheet', 'system'),
        label('auditAction', e.action as AuditAction),
        e.entityType,
        e.entityId,
        JSON.stringify(e.before),
        JSON.stringify(e.after),
        e.prevHash,
        e.hash,
        e.alg ?? label('logSheet', 'unkeyed'),
      ]),
    );
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
