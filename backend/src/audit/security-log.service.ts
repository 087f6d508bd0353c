import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { findPage, type SortColumns } from '../common/paging';
import { addTableSheet, writeTable } from '../documents/workbook-style';
import type { NextFunction, Request, Response } from 'express';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { label } from '../domain/labels';
import type { Role } from '../domain/roles';
import type { SecurityEventKind } from '../domain/security-events';
import type { SecurityEventFilter, SecurityEventListFilter } from '../domain/wire/audit';
import { logWhere } from './audit.service';
import { SecurityEvent } from './security-event.entity';

/** What the auth guard notes on a request for the security log: the route is protected, and what a success of it is. */
export interface SecurityMark {
  /** A route that needs a signed-in user: its 401, 403 and 404 answers are refusals. */
  protectedRoute: boolean;
  /** A 200 answer of it is a download (a file) or a read of bids. */
  success?: Exclude<SecurityEventKind, 'refused'>;
}

const MARK = Symbol('security-log');
type Marked = Request & { [MARK]?: SecurityMark; user?: { id: number; username: string; role: string } };

export function markForSecurityLog(req: Request, mark: SecurityMark) {
  (req as Marked)[MARK] = mark;
}

const REFUSALS = [401, 403, 404];

/**
 * The security log (等保 安全审计): refused requests on protected routes, downloads and reads of bids,
 * with who, what, when and from where. Each event is written once the answer has gone, in a
 * transaction of its own — never in the audit chain's transaction nor under its head lock — so that
 * logging neither slows nor blocks a request and a request's rollback does not erase its event.
 */
const SECURITY_SORTS: SortColumns<NonNullable<SecurityEventListFilter['sort']>> = {
  id: 'id',
  username: 'username',
  kind: 'kind',
  status: 'status',
};

@Injectable()
export class SecurityLogService implements BeforeApplicationShutdown {
  private readonly log = new Logger('SecurityLog');
  /** Writes still under way (tests and shutdown wait for them). */
  private pending = new Set<Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  /** Express middleware: watches every answer and records those the guard marked. */
  readonly middleware = (req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      const mark = (req as Marked)[MARK];
      if (!mark?.protectedRoute) return;
      const kind = REFUSALS.includes(res.statusCode) ? 'refused' : res.statusCode === 200 ? mark.success : undefined;
      if (kind) this.record(kind, req as Marked, res.statusCode);
    });
    next();
  };

  private record(kind: SecurityEventKind, req: Marked, status: number) {
    const user = req.user;
    const event: Omit<SecurityEvent, 'id'> = {
      at: new Date(),
      kind,
      userId: user?.id ?? null,
      username: user?.username ?? null,
      role: user?.role ?? null,
      method: req.method.slice(0, 8),
      path: req.originalUrl.slice(0, 255),
      status,
      ip: (req.ip ?? req.socket.remoteAddress ?? '').slice(0, 64) || null,
      userAgent: req.get('user-agent')?.slice(0, 255) ?? null,
    };
    this.write(event);
  }

  private write(event: Omit<SecurityEvent, 'id'>) {
    const { kind } = event;
    const write = this.dataSource
      .transaction((m) => m.getRepository(SecurityEvent).insert(event))
      .then(
        () => undefined,
        (e: unknown) => this.log.error(`security event not recorded (${kind} ${event.method} ${event.path}): ${(e as Error).message}`),
      )
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /**
   * A notification's e-mail that failed (SMTP): kept with the recipient, the notification as the path and
   * the attempt as the status, so that the log shows what went unsent.
   */
  recordMailFailure(user: { id: number; username: string }, notificationId: number, attempt: number) {
    this.write({
      at: new Date(),
      kind: 'mail-failed',
      userId: user.id,
      username: user.username,
      role: null,
      method: 'SMTP',
      path: `notifications/${notificationId}`,
      status: attempt,
      ip: null,
      userAgent: null,
    });
  }

  /** Resolves once every event of the answers sent so far is written. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  beforeApplicationShutdown() {
    return this.settled();
  }

  private where(f: SecurityEventFilter): FindOptionsWhere<SecurityEvent> {
    return logWhere<SecurityEvent>(f, { username: f.user, kind: f.kind });
  }

  /** Newest first unless sorted: a page, or the `limit`/`offset` window (100 rows by default); and the total. */
  list(q: SecurityEventListFilter) {
    const where = this.where(q);
    return findPage(this.dataSource.getRepository(SecurityEvent), { where, take: q.limit ?? 100, skip: q.offset ?? 0 }, q, SECURITY_SORTS, {
      id: 'DESC',
    });
  }

  async workbook(f: SecurityEventFilter): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = addTableSheet(wb, label('logSheet', 'security'), 1);
    const columns = ['id', 'at', 'kind', 'username', 'role', 'method', 'path', 'status', 'ip', 'userAgent'] as const;
    const events = await this.dataSource.getRepository(SecurityEvent).find({ where: this.where(f), order: { id: 'ASC' } });
    writeTable(
      ws,
      columns.map((c) => ({ header: label('logColumn', c) })),
      events.map((e) => [
        e.id,
        e.at.toISOString(),
        label('securityEvent', e.kind),
        e.username,
        e.role ? label('role', e.role as Role) : null,
        e.method,
        e.path,
        e.status,
        e.ip,
        e.userAgent,
      ]),
    );
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
