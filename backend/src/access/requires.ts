import { SetMetadata } from '@nestjs/common';
import type { Permission } from '../domain/access-policy';

export const PERMISSION_KEY = 'permission';

/**
 * The permission a route or controller needs (domain/access-policy.ts says which roles hold it); the
 * guard answers 403 to the others. Routes without it are open to every signed-in user, and their
 * services ask the policy which records that user reaches.
 */
export const Requires = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);
