import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { User } from '../users/user.entity';
import { allows, type Permission } from '../domain/access-policy';
import { PERMISSION_KEY } from '../access/requires';
import { markForSecurityLog } from '../audit/security-log.service';
import { ALSO_FILE, DOWNLOAD, RESPONSE_SCHEMA } from '../common/wire';
import { NAMED_ROUTES_ONLY } from '../domain/roles';
import { AuthUser, IS_PUBLIC, LOGGED_AS } from './decorators';

/**
 * The global gate: every route needs a valid bearer token unless marked @Public(); a role without
 * the route's permission (@Requires, domain/access-policy.ts) is 403, and so is a route open to every
 * signed-in user for a role that reaches only the routes naming it (the audit administrator). The
 * user row is re-read so that a disabled account loses access at once, not at token expiry. Every
 * protected route is marked for the security log (refusals, downloads and reads of bids are recorded
 * once answered).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const download = this.reflector.get(RESPONSE_SCHEMA, ctx.getHandler()) === DOWNLOAD || this.reflector.get(ALSO_FILE, ctx.getHandler());
    markForSecurityLog(req, { protectedRoute: true, success: download ? 'download' : this.reflector.get(LOGGED_AS, ctx.getHandler()) });
    const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('需要登录 / authentication required');
    let payload: { sub: number };
    try {
      payload = await this.jwt.verifyAsync(token);
    } catch {
      throw new UnauthorizedException('登录已失效 / invalid or expired token');
    }
    const user = await this.currentUser(payload.sub);
    if (!user || user.disabled) throw new UnauthorizedException('账户不可用 / account disabled');
    const authUser: AuthUser = { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId };
    req.user = authUser;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (permission ? !allows(user.role, permission) : NAMED_ROUTES_ONLY.includes(user.role))
      throw new ForbiddenException('无权访问 / forbidden for your role');
    return true;
  }

  /**
   * The token's user as it is now: one plain query of the columns needed, its SQL text made once (the
   * drivers prepare it once), since every request of every user pays for it.
   */
  private async currentUser(id: number): Promise<Pick<User, 'id' | 'username' | 'role' | 'organizationId' | 'disabled'> | undefined> {
    const meta = this.dataSource.getMetadata(User);
    const q = (name: string) => this.dataSource.driver.escape(name);
    this.userSql ??= `SELECT ${['id', 'username', 'role', 'organizationId', 'disabled']
      .map((p) => `${q(meta.findColumnWithPropertyName(p)!.databaseName)} AS ${q(p)}`)
      .join(', ')} FROM ${q(meta.tableName)} WHERE ${q('id')} = ?`;
    const [row] = await this.dataSource.query(this.userSql, [id]);
    return row && { ...row, disabled: Boolean(row.disabled) };
  }
  private userSql?: string;
}
