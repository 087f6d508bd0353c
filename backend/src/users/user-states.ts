import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

/** What every request needs to know of its user: who it is, and whether its token still counts. */
export type UserState = Pick<
  User,
  'id' | 'username' | 'role' | 'organizationId' | 'disabled' | 'tokenVersion' | 'mustChangePassword' | 'passwordChangedAt'
>;

/**
 * How long a user's state is trusted without reading it again. A change made on this server forgets
 * the state at once; one made by another server behind the same proxy is seen within this time.
 */
export const USER_STATE_TTL_MS = 5_000;

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
 * The users' states held in memory for the auth guard, so that a request costs no query: read at most
 * once per user every USER_STATE_TTL_MS (concurrent requests share the one read), forgotten when the
 * user is changed here (`forget`, called after the change commits).
 */
@Injectable()
export class UserStates {
  private readonly known = new Map<number, { at: number; state: Promise<UserState | undefined> }>();

  constructor(private readonly dataSource: DataSource) {}

  get(id: number): Promise<UserState | undefined> {
    const now = Date.now();
    const held = this.known.get(id);
    if (held && now - held.at < USER_STATE_TTL_MS) return held.state;
    const state = this.read(id);
    this.known.set(id, { at: now, state });
    state.catch(() => this.known.delete(id));
    return state;
  }

  forget(id: number): void {
    this.known.delete(id);
  }

  private async read(id: number): Promise<UserState | undefined> {
    return (
      (await this.dataSource.getRepository(User).findOne({ select: Object.fromEntries(COLUMNS.map((c) => [c, true])), where: { id } })) ??
      undefined
    );
  }
}
