import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PERMISSION_KEY } from '../access/requires';
import { markForSecurityLog } from '../audit/security-log.service';
import { ALSO_FILE, DOWNLOAD, RESPONSE_SCHEMA } from '../common/wire';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { allows, type Permission } from '../domain/access-policy';
import { passwordExpired } from '../domain/passwords';
import { NAMED_ROUTES_ONLY } from '../domain/roles';
import { UserStates } from '../users/user-states';
import { AuthUser, DURING_PASSWORD_CHANGE, IS_PUBLIC, LOGGED_AS } from './decorators';
import { RENEWED_TOKEN_HEADER, Sessions } from './sessions';

export const PASSWORD_CHANGE_REQUIRED = '请先修改密码 / change your password first';

/**
 * The global gate: every route needs a valid bearer token unless marked @Public(); a role without
 * the route's permission (@Requires, domain/access-policy.ts) is 403, and so is a route open to every
 * signed-in user for a role that reaches only the routes naming it (the security and audit
 * administrators). The token must carry its user's current token version (raised by logout, a
 * password change or reset, disabling and a role change), read from the in-memory user states: no
 * query per request. A user who must change its password reaches only the routes marked
 * @DuringPasswordChange(). Every protected route is marked for the security log (refusals, downloads
 * and reads of bids are recorded once answered).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: Sessions,
    private readonly states: UserStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const download = this.reflector.get(RESPONSE_SCHEMA, ctx.getHandler()) === DOWNLOAD || this.reflector.get(ALSO_FILE, ctx.getHandler());
    markForSecurityLog(req, { protectedRoute: true, success: download ? 'download' : this.reflector.get(LOGGED_AS, ctx.getHandler()) });
    const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('需要登录 / authentication required');
    const claims = await this.sessions.verify(token);
    const user = await this.states.get(claims.sub);
    if (!user || user.disabled || user.tokenVersion !== claims.ver) throw new UnauthorizedException('登录已失效 / session ended');
    const authUser: AuthUser = { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId };
    req.user = authUser;
    const renewed = await this.sessions.renewal(claims, user.tokenVersion);
    if (renewed) ctx.switchToHttp().getResponse().setHeader(RENEWED_TOKEN_HEADER, renewed);
    const mustChange = user.mustChangePassword || passwordExpired(user.passwordChangedAt, this.config.passwordMaxAgeDays, new Date());
    if (mustChange && !this.reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE, targets)) {
      throw new ForbiddenException({ statusCode: 403, message: PASSWORD_CHANGE_REQUIRED, code: 'passwordChangeRequired' });
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    if (permission ? !allows(user.role, permission) : NAMED_ROUTES_ONLY.includes(user.role))
      throw new ForbiddenException('无权访问 / forbidden for your role');
    return true;
  }
}
