import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { assertValid, fieldError, invalidInput } from '../common/errors';
import { compare, hash } from 'bcryptjs';
import { randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { APP_CONFIG } from '../config/config';
import type { AppConfig } from '../config/config';
import { dutyProblem } from '../domain/administrators';
import { passwordProblems, passwordExpired } from '../domain/passwords';
import type { AuditAction } from '../domain/audit-actions';
import type { PasswordRule } from '../domain/errors';
import { label } from '../domain/labels';
import { type AdminRole, isAdminRole, type Role } from '../domain/roles';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import { UserStates } from './user-states';
import type { NewOrganization, NewUser, OrganizationChanges, OwnChanges, UserChanges, UserFilter } from '../domain/wire/users';
import { containing, findPage, type SortColumns, withAnyOf } from '../common/paging';

export const BCRYPT_ROUNDS = 10;

/** 20 random characters from all four classes (a one-time password keeps the policy like any other). */
function oneTimePassword(): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '#%+-=@^_'];
  const pick = (set: string) => set[randomInt(set.length)];
  const chars = [...sets.map(pick), ...Array.from({ length: 16 }, () => pick(sets.join('')))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** What the API shows of a user: never the hash, the failure counter or the token version. */
export function publicUser(u: User, passwordMaxAgeDays = 0) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    organizationName: u.organization?.name ?? null,
    email: u.email ?? null,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    mustChangePassword: u.mustChangePassword || passwordExpired(u.passwordChangedAt, passwordMaxAgeDays, new Date()),
  };
}

/** What the API shows of an organisation, with the number of its user accounts. */
function shownOrganization(o: Organization, usersCount: number) {
  return { id: o.id, code: o.code, name: o.name, kind: o.kind, createdAt: o.createdAt, usersCount };
}

/** Where the user list's sort keys are. */
const USER_SORTS: SortColumns<NonNullable<UserFilter['sort']>> = {
  id: 'id',
  username: 'username',
  displayName: 'displayName',
  role: 'role',
  organizationName: 'organization.name',
};

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly states: UserStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  shown(u: User) {
    return publicUser(u, this.config.passwordMaxAgeDays);
  }

  /** The users, filtered, sorted and paged as `q` asks (oldest first unsorted). */
  async list(q: UserFilter = {}) {
    const where = { ...(q.role && { role: q.role }), ...(q.disabled !== undefined && { disabled: q.disabled }) };
    const { rows, total } = await findPage(
      this.dataSource.getRepository(User),
      {
        where: q.q ? withAnyOf<User>(where, [{ username: containing(q.q) }, { displayName: containing(q.q) }]) : where,
        relations: { organization: true },
      },
      q,
      USER_SORTS,
      { id: 'ASC' },
    );
    return { rows: rows.map((u) => this.shown(u)), total };
  }

  /** Administrator roles are not the user administrator's to give: the security administrator grants them. */
  async create(actor: Actor, dto: NewUser) {
    if (isAdminRole(dto.role)) throw invalidInput([fieldError('role', 'administratorRole')]);
    this.assertPolicy('password', dto.password, dto.username);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      if (await repo.existsBy({ username: dto.username })) {
        throw new ConflictException('用户名已存在 / username already taken');
      }
      const organization = await this.requireOrganization(m.getRepository(Organization), dto);
      const user = await repo.save(
        repo.create({
          username: dto.username,
          displayName: dto.displayName,
          passwordHash: await hash(dto.password, BCRYPT_ROUNDS),
          passwordChangedAt: new Date(),
          role: dto.role,
          organizationId: organization?.id ?? null,
        }),
      );
      user.organization = organization;
      const shown = this.shown(user);
      await this.audit.record(actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: shown }, m);
      return shown;
    });
  }

  /**
   * An administrator made from the command line (`cli admin create`), the first one of an installation
   * outside demo mode: with a password given on stdin, or a one-time password answered here that must
   * be changed at the first login.
   */
  async createAdministrator(actor: Actor, username: string, role: AdminRole, password?: string) {
    const oneTime = password === undefined ? oneTimePassword() : null;
    const given = password ?? oneTime!;
    this.assertPolicy('password', given, username);
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      if (await repo.existsBy({ username })) throw new ConflictException('用户名已存在 / username already taken');
      const user = await repo.save(
        repo.create({
          username,
          displayName: label('role', role),
          passwordHash: await hash(given, BCRYPT_ROUNDS),
          passwordChangedAt: new Date(),
          mustChangePassword: oneTime !== null,
          role,
          organizationId: null,
        }),
      );
      const shown = this.shown(user);
      await this.audit.record(actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: shown }, m);
      return { user: shown, oneTimePassword: oneTime };
    });
  }

  /** Disabling ends the user's sessions; no administrator disables itself or the last of its kind. */
  async update(actor: Actor, id: number, dto: UserChanges) {
    return this.change(actor, id, 'user.update', async (user, m) => {
      if (dto.disabled != null && dto.disabled !== user.disabled) {
        await this.assertDuties(m, actor, user, { role: user.role, disabled: dto.disabled }, 'disabled');
        user.disabled = dto.disabled;
        user.tokenVersion += 1;
      }
      if (dto.displayName != null) user.displayName = dto.displayName;
      if (dto.email !== undefined) user.email = dto.email || null;
    });
  }

  /** A user's own e-mail address (for notifications), audited as an update of the user. */
  async updateOwn(actor: Actor & { id: number }, dto: OwnChanges) {
    return (
      await this.change(actor, actor.id, 'user.update', async (user) => {
        user.email = dto.email || null;
      })
    ).shown;
  }

  /** The security administrator's grant: the user's sessions end, and the duties stay covered. */
  async setRole(actor: Actor, id: number, role: Role) {
    return this.change(actor, id, 'user.role', async (user, m) => {
      if (role === user.role) return;
      await this.assertDuties(m, actor, user, { role, disabled: user.disabled }, 'role');
      if (role === 'insurer' && user.organizationId == null) throw invalidInput([fieldError('organizationId', 'organizationRequired')]);
      user.role = role;
      user.tokenVersion += 1;
    });
  }

  /** The security administrator lifts a lockout (the person has been verified). */
  async unlock(actor: Actor, id: number) {
    return this.change(actor, id, 'user.unlock', async (user) => {
      user.failedLogins = 0;
      user.lockedUntil = null;
    });
  }

  /**
   * A reset also clears a lockout (the administrator has verified the person), ends the user's sessions
   * and makes it change the password at its next login.
   */
  async resetPassword(actor: Actor, id: number, password: string) {
    return this.change(actor, id, 'user.reset-password', async (user) => {
      this.assertPolicy('password', password, user.username);
      user.passwordHash = await hash(password, BCRYPT_ROUNDS);
      user.passwordChangedAt = new Date();
      user.mustChangePassword = true;
      user.failedLogins = 0;
      user.lockedUntil = null;
      user.tokenVersion += 1;
    });
  }

  /**
   * A user's own change: the current password proves the person, the new one keeps the policy and
   * differs from it. The user's other sessions end; the caller issues the one it continues with.
   */
  async changeOwnPassword(actor: Actor & { id: number }, currentPassword: string, newPassword: string) {
    return this.change(actor, actor.id, 'auth.password-changed', async (user) => {
      const [current, unchanged] = await Promise.all([
        compare(currentPassword, user.passwordHash),
        compare(newPassword, user.passwordHash),
      ]);
      const problems = this.policyProblems(newPassword, user.username);
      assertValid(
        current ? [] : [fieldError('currentPassword', 'currentPassword')],
        problems.length || unchanged
          ? [fieldError('newPassword', 'password', { failed: [...problems, ...(unchanged ? ['unchanged' as const] : [])] })]
          : [],
      );
      user.passwordHash = await hash(newPassword, BCRYPT_ROUNDS);
      user.passwordChangedAt = new Date();
      user.mustChangePassword = false;
      user.tokenVersion += 1;
    });
  }

  /** Logging out ends every session of the user (its token version moves on). */
  async endSessions(actor: Actor, id: number) {
    return this.change(actor, id, 'auth.logout', async (user) => {
      user.tokenVersion += 1;
    });
  }

  /** The policy's rules with the account's own context (its username; the demo password outside demo mode). */
  policyProblems(password: string, username: string): PasswordRule[] {
    return passwordProblems(password, { username, demoMode: this.config.demoMode });
  }

  private assertPolicy(path: string, password: string, username: string) {
    const failed = this.policyProblems(password, username);
    if (failed.length) throw invalidInput([fieldError(path, 'password', { failed })]);
  }

  /**
   * One audited change of a user in a transaction, its before and after shown; the cached state is
   * forgotten once it is committed, so the next request of that user sees it.
   */
  private async change(actor: Actor, id: number, action: AuditAction, apply: (user: User, m: EntityManager) => Promise<void>) {
    const after = await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.findOne({ where: { id }, relations: { organization: true } });
      if (!user) throw new NotFoundException('用户不存在 / user not found');
      const before = this.shown(user);
      await apply(user, m);
      await repo.save(user);
      const shown = this.shown(user);
      await this.audit.record(actor, { action, entityType: 'user', entityId: id, before, after: shown }, m);
      return { user, shown };
    });
    this.states.forget(id);
    return after;
  }

  private async assertDuties(m: EntityManager, actor: Actor, user: User, next: { role: Role; disabled: boolean }, path: string) {
    const activeOfRole = await m.getRepository(User).countBy({ role: user.role, disabled: false });
    const problem = dutyProblem({ actorId: actor.id, target: user, next, activeOfRole });
    if (problem) throw invalidInput([fieldError(path, problem)]);
  }

  /** The organisations with the number of user accounts bound to each. */
  async listOrganizations() {
    const [orgs, counts] = await Promise.all([
      this.dataSource.getRepository(Organization).find({ order: { id: 'ASC' } }),
      this.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .select('u.organizationId', 'organizationId')
        .addSelect('COUNT(*)', 'count')
        .where('u.organizationId IS NOT NULL')
        .groupBy('u.organizationId')
        .getRawMany<{ organizationId: number; count: number | string }>(),
    ]);
    const byId = new Map(counts.map((c) => [Number(c.organizationId), Number(c.count)]));
    return orgs.map((o) => shownOrganization(o, byId.get(o.id) ?? 0));
  }

  async createOrganization(actor: Actor, dto: NewOrganization) {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Organization);
      if (await repo.existsBy({ code: dto.code })) throw new ConflictException('机构代码已存在 / organisation code taken');
      const org = await repo.save(repo.create(dto));
      await this.audit.record(actor, { action: 'organization.create', entityType: 'organization', entityId: org.id, after: dto }, m);
      return shownOrganization(org, 0);
    });
  }

  /**
   * A new name or kind. The kind stays while users or bidders are bound to the organisation: an insurer's
   * accounts and bids would otherwise belong to a bureau.
   */
  async updateOrganization(actor: Actor, id: number, dto: OrganizationChanges) {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Organization);
      const org = await repo.findOneBy({ id });
      if (!org) throw new NotFoundException('机构不存在 / organisation not found');
      const usersCount = await m.getRepository(User).countBy({ organizationId: id });
      const before = shownOrganization(org, usersCount);
      if (dto.kind != null && dto.kind !== org.kind) {
        // The bidders table by name: users is a base layer, below the bids feature.
        const bidders = await m.createQueryBuilder().from('bidders', 'b').where('b.organizationId = :id', { id }).getCount();
        if (usersCount + bidders > 0) throw invalidInput([fieldError('kind', 'organizationKindInUse')]);
        org.kind = dto.kind;
      }
      if (dto.name != null) org.name = dto.name;
      await repo.save(org);
      const after = shownOrganization(org, usersCount);
      await this.audit.record(actor, { action: 'organization.update', entityType: 'organization', entityId: id, before, after }, m);
      return after;
    });
  }

  private async requireOrganization(repo: ReturnType<DataSource['getRepository']>, dto: NewUser) {
    if (dto.organizationId == null) {
      if (dto.role === 'insurer') {
        throw invalidInput([fieldError('organizationId', 'organizationRequired')]);
      }
      return null;
    }
    const org = (await repo.findOneBy({ id: dto.organizationId })) as Organization | null;
    if (!org) {
      throw invalidInput([fieldError('organizationId', 'organizationNotFound')]);
    }
    return org;
  }
}
