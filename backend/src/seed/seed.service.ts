import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { hash } from 'bcryptjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, ROOT_DIR } from '../config/config';
import type { AppConfig } from '../config/config';
import { Organization } from '../users/organization.entity';
import type { Role } from '../users/role';
import { User } from '../users/user.entity';
import { BCRYPT_ROUNDS } from '../users/users.service';

interface DemoUsers {
  password: string;
  organizations: { code: string; name: string; kind: Organization['kind'] }[];
  users: { username: string; displayName: string; role: Role; organization?: string; panelCode?: string }[];
}

export const SEED_DIR = resolve(ROOT_DIR, 'seed');

/** Fills a database with the demo data of seed/ — only what is missing, so it can run at every start. */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly log = new Logger(SeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (this.config.seedDemo) await this.seed();
  }

  async seed() {
    const demo: DemoUsers = JSON.parse(readFileSync(resolve(SEED_DIR, 'demo-users.json'), 'utf8'));
    await this.dataSource.transaction(async (m) => {
      const orgs = m.getRepository(Organization);
      for (const o of demo.organizations) {
        if (!(await orgs.existsBy({ code: o.code }))) await orgs.save(orgs.create(o));
      }
      const users = m.getRepository(User);
      const passwordHash = await hash(demo.password, BCRYPT_ROUNDS);
      let added = 0;
      for (const u of demo.users) {
        if (await users.existsBy({ username: u.username })) continue;
        const org = u.organization ? await orgs.findOneByOrFail({ code: u.organization }) : null;
        await users.save(users.create({ username: u.username, displayName: u.displayName, role: u.role, passwordHash, organizationId: org?.id ?? null }));
        added++;
      }
      if (added) this.log.log(`demo users added: ${added}`);
    });
  }
}
