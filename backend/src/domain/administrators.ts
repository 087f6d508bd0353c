import { isAdminRole, type Role } from './roles';

/**
 * Separation of duties among the administrators (三权分立, DOMAIN.md §1). A change to an account —
 * disabling it or giving it another role — is refused when:
 * - an administrator would disable itself or take its own role away (`selfAdministration`);
 * - it would leave no active administrator of the account's kind (`lastAdministrator`), so that no duty
 *   is left without anyone to carry it out.
 * A user holds one role, so no one holds two administrator roles at once.
 */
export interface AccountChange {
  actorId: number | null;
  target: { id: number; role: Role; disabled: boolean };
  next: { role: Role; disabled: boolean };
  /** Active (not disabled) accounts with the target's role, the target included when it is active. */
  activeOfRole: number;
}

export type DutyProblem = 'selfAdministration' | 'lastAdministrator';

export function dutyProblem({ actorId, target, next, activeOfRole }: AccountChange): DutyProblem | null {
  if (!isAdminRole(target.role)) return null;
  const removes = !target.disabled && (next.disabled || next.role !== target.role);
  if (!removes) return null;
  if (actorId === target.id) return 'selfAdministration';
  if (activeOfRole <= 1) return 'lastAdministrator';
  return null;
}
