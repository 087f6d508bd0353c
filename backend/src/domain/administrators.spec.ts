import { dutyProblem } from './administrators';

describe('separation of the administrators’ duties', () => {
  const secadmin = { id: 2, role: 'security-admin' as const, disabled: false };

  it('lets no administrator disable itself or take its own role away', () => {
    expect(dutyProblem({ actorId: 2, target: secadmin, next: { role: 'security-admin', disabled: true }, activeOfRole: 3 })).toBe(
      'selfAdministration',
    );
    expect(dutyProblem({ actorId: 2, target: secadmin, next: { role: 'procurement', disabled: false }, activeOfRole: 3 })).toBe(
      'selfAdministration',
    );
  });

  it('keeps the last active administrator of each kind', () => {
    expect(dutyProblem({ actorId: 1, target: secadmin, next: { role: 'security-admin', disabled: true }, activeOfRole: 1 })).toBe(
      'lastAdministrator',
    );
    expect(dutyProblem({ actorId: 1, target: secadmin, next: { role: 'audit-admin', disabled: false }, activeOfRole: 1 })).toBe(
      'lastAdministrator',
    );
    expect(dutyProblem({ actorId: 1, target: secadmin, next: { role: 'security-admin', disabled: true }, activeOfRole: 2 })).toBeNull();
  });

  it('leaves other users, re-enabling and unchanged roles alone', () => {
    const clerk = { id: 5, role: 'procurement' as const, disabled: false };
    expect(dutyProblem({ actorId: 5, target: clerk, next: { role: 'procurement', disabled: true }, activeOfRole: 1 })).toBeNull();
    const off = { ...secadmin, disabled: true };
    expect(dutyProblem({ actorId: 1, target: off, next: { role: 'security-admin', disabled: false }, activeOfRole: 0 })).toBeNull();
    expect(dutyProblem({ actorId: 2, target: secadmin, next: { role: 'security-admin', disabled: false }, activeOfRole: 1 })).toBeNull();
  });
});
