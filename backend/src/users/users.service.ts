import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { fieldError, invalidInput } from '../common/errors';
import { hash } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { Organization } from './organization.entity';
import { User } from './user.entity';
import type { NewOrganization, NewUser, UserChanges } from '../domain/wire/users';

export const BCRYPT_ROUNDS = 10;

/** What the API shows of a user: never the hash or the failure counter. */
export function publicUser(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    organizationId: u.organizationId,
    organizationName: u.organization?.name ?? null,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
  };
}

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list() {
    const users = await this.dataSource.getRepository(User).find({ relations: { organization: true }, order: { id: 'ASC' } });
    return users.map(publicUser);
  }

  async create(actor: Actor, dto: NewUser) {
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
          role: dto.role,
          organizationId: organization?.id ?? null,
        }),
      );
      user.organization = organization;
      const shown = publicUser(user);
      await this.audit.record(actor, { action: 'user.create', entityType: 'user', entityId: user.id, after: shown }, m);
      return shown;
    });
  }

  async update(actor: Actor, id: number, dto: UserChanges) {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.findOne({ where: { id }, relations: { organization: true } });
      if (!user) throw new NotFoundException('用户不存在 / user not found');
      const before = publicUser(user);
      if (dto.displayName != null) user.displayName = dto.displayName;
      if (dto.disabled != null) user.disabled = dto.disabled;
      await repo.save(user);
      const after = publicUser(user);
      await this.audit.record(actor, { action: 'user.update', entityType: 'user', entityId: id, before, after }, m);
      return after;
    });
  }

  /** A reset also clears a lockout: the administrator has verified the person. */
  async resetPassword(actor: Actor, id: number, password: string) {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(User);
      const user = await repo.findOne({ where: { id }, relations: { organization: true } });
      if (!user) throw new NotFoundException('用户不存在 / user not found');
      user.passwordHash = await hash(password, BCRYPT_ROUNDS);
      user.failedLogins = 0;
      user.lockedUntil = null;
      await repo.save(user);
      await this.audit.record(actor, { action: 'user.reset-password', entityType: 'user', entityId: id }, m);
      return publicUser(user);
    });
  }

  listOrganizations() {
    return this.dataSource.getRepository(Organization).find({ order: { id: 'ASC' } });
  }

  async createOrganization(actor: Actor, dto: NewOrganization) {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Organization);
      if (await repo.existsBy({ code: dto.code })) throw new ConflictException('机构代码已存在 / organisation code taken');
      const org = await repo.save(repo.create(dto));
      await this.audit.record(actor, { action: 'organization.create', entityType: 'organization', entityId: org.id, after: dto }, m);
      return org;
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
