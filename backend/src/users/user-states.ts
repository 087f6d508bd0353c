import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { StampedRead } from '../common/fresh-read';
import { User } from './user.entity';

/** What every request needs to know of its user: who it is, and whether its token still counts. */
export type UserState = Pick<
  User,
  'id' | 'username' | 'role' | 'organizationId' | 'disabled' | 'tokenVersion' | 'mustChangePassword' | 'passwordChangedAt'
>;

const COLUMNS = [
  'id',
  'username',
  'role',
  'organizationId',
  'disabled',
  'tokenVersion',
  'mustChangePassword',
  'passwordChangedAt',
] as const;

/**
 * The users' states for the auth guard, as they stand when each request arrives — a logout, password
 * change, reset, disabling or role change is seen by the next request, on this server or on another
 * behind the same proxy — read as StampedRead reads: on SQLite not again while the database's change
 * stamp stands (no query per request), on MariaDB/MySQL not again while its change stamp stands either
 * (a query of one row per batch of concurrent requests).
 */
@Injectable()
export class UserStates {
  private readonly states: StampedRead<number, UserState | undefined>;

  constructor(private readonly dataSource: DataSource) {
    this.states = new StampedRead(dataSource, 1024);
  }

  /** `since`: the caller's arrival (freshMark), if earlier than this call. */
  get(id: number, since?: number): Promise<UserState | undefined> {
    return this.states.read(id, () => this.read(id), since);
  }

  /** One plain query whose SQL text is made once, its values converted as TypeORM converts an entity's (the query builder cost more than the query). */
  private async read(id: number): Promise<UserState | undefined> {
    const { sql, columns } = (this.query ??= this.makeQuery());
    const [row]: Record<string, unknown>[] = await this.dataSource.query(sql, [id]);
    if (!row) return undefined;
    const driver = this.dataSource.driver;
    return Object.fromEntries(columns.map((c) => [c.propertyName, driver.prepareHydratedValue(row[c.propertyName], c)])) as UserState;
  }
  private query?: { sql: string; columns: ColumnMetadata[] };

  private makeQuery() {
    const meta = this.dataSource.getMetadata(User);
    const q = (name: string) => this.dataSource.driver.escape(name);
    const columns = COLUMNS.map((c) => meta.findColumnWithPropertyName(c)!);
    const selects = columns.map((c) => `${q(c.databaseName)} AS ${q(c.propertyName)}`).join(', ');
    return { sql: `SELECT ${selects} FROM ${q(meta.tableName)} WHERE ${q(meta.primaryColumns[0].databaseName)} = ?`, columns };
  }
}
