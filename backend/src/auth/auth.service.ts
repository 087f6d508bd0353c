import { HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { compare } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../users/user.entity';
import { publicUser } from '../users/users.service';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const BAD_CREDENTIALS = '用户名或密码错误 / wrong username or password';

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Username + password. The 5th failure in a row locks the account for 15 minutes; while locked
   * even the right password is refused (423), so guessing cannot continue.
   */
  async login(username: string, password: string) {
    const repo = this.dataSource.getRepository(User);
    const user = await repo.findOne({ where: { username }, relations: { organization: true } });
    const now = new Date();
    if (!user) {
      await this.audit.record(null, { action: 'auth.login-failed', entityType: 'user', after: { username } });
      throw new UnauthorizedException(BAD_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new HttpException(
        {
          statusCode: HttpStatus.LOCKED,
          message: `账户已锁定，请于 ${LOCKOUT_MINUTES} 分钟后重试 / account locked until ${user.lockedUntil.toISOString()}`,
          lockedUntil: user.lockedUntil.toISOString(),
        },
        HttpStatus.LOCKED,
      );
    }
    const actor = { id: user.id, username: user.username };
    if (user.disabled || !(await compare(password, user.passwordHash))) {
      if (!user.disabled) {
        user.failedLogins += 1;
        if (user.failedLogins >= MAX_FAILED_LOGINS) {
          user.failedLogins = 0;
          user.lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
        }
        await repo.save(user);
      }
      await this.audit.record(actor, {
        action: user.lockedUntil && user.lockedUntil > now ? 'auth.locked' : 'auth.login-failed',
        entityType: 'user',
        entityId: user.id,
      });
      throw new UnauthorizedException(user.disabled ? '账户已停用 / account disabled' : BAD_CREDENTIALS);
    }
    if (user.failedLogins || user.lockedUntil) {
      user.failedLogins = 0;
      user.lockedUntil = null;
      await repo.save(user);
    }
    await this.audit.record(actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role });
    const { exp } = this.jwt.decode(accessToken) as { exp: number };
    return { accessToken, expiresAt: new Date(exp * 1000).toISOString(), user: publicUser(user) };
  }

  async me(id: number) {
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { id }, relations: { organization: true } });
    return publicUser(user);
  }
}
