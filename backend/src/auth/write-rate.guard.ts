import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { refusalBody } from '../common/errors';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { isSqlite } from '../database/dialect';
import type { AuthUser } from './decorators';
import { WriteRate } from './write-rate.entity';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WINDOW_MS = 60_000;

/**
 * At most WRITE_RATE_LIMIT writes (POST, PUT, PATCH, DELETE) per user and minute, counted in the
 * database so that every server behind a proxy counts against the same limit; above it a 429 with the
 * code `writeRateLimit` and Retry-After (the seconds to the next minute). Runs after AuthGuard, so it
 * counts only writes the user may make; login (no user yet) has its own limit per address.
 */
@Injectable()
export class WriteRateGuard implements CanActivate {
  private readonly table: string;
  private readonly upsert: string;
  private readonly read: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    const q = (name: string) => dataSource.driver.escape(name);
    this.table = q(dataSource.getMetadata(WriteRate).tableName);
    const [user, start, writes] = ['userId', 'windowStart', 'writes'].map(q);
    // One row per user: a write in a new minute restarts its count, one in the same minute adds to it.
    this.upsert = isSqlite(dataSource)
      ? `INSERT INTO ${this.table} (${user}, ${start}, ${writes}) VALUES (?, ?, 1) ON CONFLICT (${user}) DO UPDATE SET ` +
        `${writes} = CASE WHEN ${this.table}.${start} = excluded.${start} THEN ${this.table}.${writes} + 1 ELSE 1 END, ${start} = excluded.${start}`
      : `INSERT INTO ${this.table} (${user}, ${start}, ${writes}) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE ` +
        `${writes} = IF(${start} = VALUES(${start}), ${writes} + 1, 1), ${start} = VALUES(${start})`;
    this.read = `SELECT ${writes} AS writes FROM ${this.table} WHERE ${user} = ?`;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    if (!WRITES.has(req.method) || !req.user) return true;
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    await this.dataSource.query(this.upsert, [req.user.id, window]);
    const [row] = await this.dataSource.query(this.read, [req.user.id]);
    const limit = this.config.writeRateLimit;
    if (Number(row.writes) <= limit) return true;
    const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw new HttpException(
      refusalBody(HttpStatus.TOO_MANY_REQUESTS, { code: 'writeRateLimit', params: { limit, retryAfter } }),
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
