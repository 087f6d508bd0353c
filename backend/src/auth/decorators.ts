import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/role';

export const IS_PUBLIC = 'isPublic';
export const LOGGED_AS = 'securityLoggedAs';

/** A route anyone may call without a token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** A read recorded in the security log when it succeeds (routes answering a file are recorded as downloads without it). */
export const LoggedAs = (kind: 'download' | 'bid-read') => SetMetadata(LOGGED_AS, kind);

/** What a valid token tells about its bearer. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  organizationId: number | null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
