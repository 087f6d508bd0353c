import { HttpException, HttpStatus, Injectable, OnModuleInit, UnauthorizedException } from '@nestjs/common';
import { compare } from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { Sessions } from './sessions';
import type { AuthUser } from './decorators';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/** The one answer to every refused login — unknown user, wrong password, locked or disabled account. */
export const BAD_CREDENTIALS = '用户名或密码错误 / wrong username or password';

@Injectable()
export class AuthService implements OnModuleInit {
  /** A hash of nothing anyone knows, compared when there is no account, so that answer takes as long. */
  private standIn = '';

  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: Sessions,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async onModuleInit() {
    this.standIn = await this.users.hashPassword(randomBytes(16).toString('hex'));
  }

  /**
   * Username + password. Whatever is wrong — no such user, a wrong password, a locked or a disabled
   * account — the answer is the same 401, after a hash comparison in every case, so neither the answer
   * nor its time tells which. The 5th failure in a row locks the account for 15 minutes; only someone
   * who gives the right password is told of the lock (423), and is still refused.
   */
  async login(username: string, password: string) {
    const repo = this.dataSource.getRepository(User);
    const user = await repo.findOne({ where: { username }, relations: { organization: true } });
    const now = new Date();
    const matches = await compare(password, user?.passwordHash ?? this.standIn);
    if (!user) {
      await this.audit.record(null, { action: 'auth.login-failed', entityType: 'user', after: { username } });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    const actor = { id: user.id, username: user.username };
    const locked = !!user.lockedUntil && user.lockedUntil > now;
    if (locked && matches && !user.disabled) {
      await this.audit.record(actor, { action: 'auth.locked', entityType: 'user', entityId: user.id });
      throw new HttpException(
        {
          statusCode: HttpStatus.LOCKED,
          message: `账户已锁定，请于 ${LOCKOUT_MINUTES} 分钟后重试 / account locked until ${user.lockedUntil!.toISOString()}`,
          lockedUntil: user.lockedUntil!.toISOString(),
        },
        HttpStatus.LOCKED,
      );
    }
    if (locked || user.disabled || !matches) {
      // The count and the audit entry commit together: every refusal costs one commit, counted or not.
      await this.dataSource.transaction(async (m) => {
        if (!locked && !user.disabled) {
          user.failedLogins += 1;
          if (user.failedLogins >= MAX_FAILED_LOGINS) {
            user.failedLogins = 0;
            user.lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
          }
          await m.getRepository(User).update({ id: user.id }, { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil });
        }
        const lockedNow = !!user.lockedUntil && user.lockedUntil > now;
        await this.audit.record(
          actor,
          { action: lockedNow ? 'auth.locked' : 'auth.login-failed', entityType: 'user', entityId: user.id },
          m,
        );
      });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    if (user.failedLogins || user.lockedUntil) {
      await repo.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
      user.lockedUntil = null;
    }
    await this.audit.record(actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return { ...(await this.sessions.issue(user)), user: this.users.shown(user) };
  }

  async me(id: number) {
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id }, relations: { organization: true } });
    return this.users.shown(user);
  }

  /** The user's own change; the session goes on with a new token (every other one ends). */
  async changePassword(actor: AuthUser, currentPassword: string, newPassword: string) {
    const { user, shown } = await this.users.changeOwnPassword(actor, currentPassword, newPassword);
    return { ...(await this.sessions.issue(user)), user: shown };
  }

  async logout(actor: AuthUser) {
    await this.users.endSessions(actor, actor.id);
    return { sessionsEndedAt: new Date().toISOString() };
  }
}
