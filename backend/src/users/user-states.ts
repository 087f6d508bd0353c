import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
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
 * stamp stands (no query per request), on MariaDB/MySQL once per batch of concurrent requests.
 */
@Injectable()
export class UserStates {
  private readonly states: StampedRead<number, UserState | undefined>;

  constructor(private readonly dataSource: DataSource) {
    this.states = new StampedRead(dataSource, 1024);
  }

  get(id: number): Promise<UserState | undefined> {
    return this.states.read(id, () => this.read(id));
  }

  private async read(id: number): Promise<UserState | undefined> {
    return (
      (await this.dataSource.getRepository(User).findOne({ select: Object.fromEntries(COLUMNS.map((c) => [c, true])), where: { id } })) ??
      undefined
    );
  }
}
