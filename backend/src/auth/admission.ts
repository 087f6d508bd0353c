import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { PERMISSION_KEY } from '../access/requires';
import { markForSecurityLog, type SecurityMark } from '../audit/security-log.service';
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

/** What a route's decorators say about who may call it (read from its metadata by routeRules). */
export interface RouteRules {
  /** @Public(): no token needed. */
  open: boolean;
  /** @DuringPasswordChange(). */
  duringPasswordChange: boolean;
  /** @Requires(permission); none: every signed-in user but the roles that reach only the routes naming them. */
  permission?: Permission;
  /** What a 200 answer is for the security log: a download (a file route, or @LoggedAs) or a read of bids. */
  success?: SecurityMark['success'];
}

const ADMITTED = Symbol('admitted');
/** A request with the admission decided for it, and the rules it was decided by. */
type Admitted = Request & { [ADMITTED]?: { rules: RouteRules; user: Promise<AuthUser | undefined> } };

const sameRules = (a: RouteRules, b: RouteRules) =>
  a.open === b.open && a.duringPasswordChange === b.duringPasswordChange && a.permission === b.permission && a.success === b.success;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a controller class or method, as Reflector takes them
type Target = Function;

/** The rules of a route handler of a controller class, from its decorators (a handler's own win over its class's). */
export function routeRules(reflector: Reflector, handler: Target, controller: Target): RouteRules {
  const targets = [handler, controller];
  const download = reflector.get(RESPONSE_SCHEMA, handler) === DOWNLOAD || reflector.get(ALSO_FILE, handler);
  return {
    open: !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
    duringPasswordChange: !!reflector.getAllAndOverride<boolean>(DURING_PASSWORD_CHANGE, targets),
    permission: reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets),
    success: download ? 'download' : reflector.get(LOGGED_AS, handler),
  };
}

/**
 * Who may pass, by a route's rules: every route needs a valid bearer token unless @Public(); a role
 * without the route's permission (@Requires, domain/access-policy.ts) is 403, and so is a route open to
 * every signed-in user for a role that reaches only the routes naming it (the security and audit
 * administrators). The token must carry its user's current token version (raised by logout, a
 * password change or reset, disabling and a role change), read from the in-memory user states: no
 * query per request. A user who must change its password reaches only the routes marked
 * @DuringPasswordChange(). Every protected route is marked for the security log (refusals, downloads
 * and reads of bids are recorded once answered). The auth guard applies it to every Nest route, and
 * the lean routes (evaluation/lean-results.ts) to theirs, so both follow the one rule.
 */
@Injectable()
export class Admission {
  constructor(
    private readonly sessions: Sessions,
    private readonly states: UserStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The signed-in user, set as `req.user` (undefined on a public route); throws the 401 or 403 otherwise.
   * Decided once per request and rules: a lean route that hands a request on to its Nest route (a
   * refusal, a missing tender) leaves its decision for the guard, which does not decide again.
   * `since`: the request's arrival (common/fresh-read.ts freshMark), when it reads more than its user.
   */
  admit(req: Request, res: Response, rules: RouteRules, since?: number): Promise<AuthUser | undefined> {
    const decided = (req as Admitted)[ADMITTED];
    if (decided && sameRules(decided.rules, rules)) return decided.user;
    const user = this.decide(req, res, rules, since);
    (req as Admitted)[ADMITTED] = { rules, user };
    return user;
  }

  private async decide(req: Request, res: Response, rules: RouteRules, since?: number): Promise<AuthUser | undefined> {
    if (rules.open) return undefined;
    markForSecurityLog(req, { protectedRoute: true, success: rules.success });
    const [scheme, token] = String(req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('需要登录 / authentication required');
    const claims = await this.sessions.verify(token);
    const user = await this.states.get(claims.sub, since);
    if (!user || user.disabled || user.tokenVersion !== claims.ver) throw new UnauthorizedException('登录已失效 / session ended');
    const authUser: AuthUser = { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId };
    (req as Request & { user?: AuthUser }).user = authUser;
    const renewed = await this.sessions.renewal(claims, user.tokenVersion);
    if (renewed) res.setHeader(RENEWED_TOKEN_HEADER, renewed);
    const mustChange = user.mustChangePassword || passwordExpired(user.passwordChangedAt, this.config.passwordMaxAgeDays, new Date());
    if (mustChange && !rules.duringPasswordChange) {
      throw new ForbiddenException({ statusCode: 403, message: PASSWORD_CHANGE_REQUIRED, code: 'passwordChangeRequired' });
    }
    if (rules.permission ? !allows(user.role, rules.permission) : NAMED_ROUTES_ONLY.includes(user.role))
      throw new ForbiddenException('无权访问 / forbidden for your role');
    return authUser;
  }
}
