import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../users/role';

export const IS_PUBLIC = 'isPublic';

/** A route anyone may call without a token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** What a valid token tells about its bearer. */
export interface AuthUser {
  id: number;
  username: string;
  role: Role;
  organizationId: number | null;
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
