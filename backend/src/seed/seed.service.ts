import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { withNamedLock } from '../database/migrate';
import { hash } from 'bcryptjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { AssessmentScheme } from '../assessments/assessment-scheme.entity';
import { isUniqueViolation } from '../database/unique-violation';
import { DEMO_PASSWORD } from '../domain/passwords';
import { DossiersService } from '../dossiers/dossiers.service';
import { Tender } from '../tenders/tender.entity';
import { APP_CONFIG, SEED_DIR } from '../config/config';
import type { AppConfig } from '../config/config';
import { Organization } from '../users/organization.entity';
import type { Role } from '../users/role';
import { User } from '../users/user.entity';

/** The demo users; all share the published demo password (domain/passwords.ts), refused for accounts outside demo mode. */
interface DemoUsers {
  organizations: { code: string; name: string; kind: Organization['kind'] }[];
  users: { username: string; displayName: string; role: Role; organization?: string; panelCode?: string }[];
}

/**
 * Fills a database with the demo data of seed/ — only what is missing, so it can run at every start:
 * the demo users, then the demo tender (after the users: its bidders and panel link to them by name).
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly log = new Logger(SeedService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dossiers: DossiersService,
  ) {}

  async onApplicationBootstrap() {
    await this.seedAssessmentSchemes();
    if (this.config.seedDemo) await this.seed();
  }

  /**
   * The global assessment schemes of seed/assessment-schemes.json (DOMAIN.md §7) are reference data
   * every installation needs, not demo data, so they are seeded in any mode. Only missing codes are
   * added; one that another server adds at the same moment trips the unique index and is left to it.
   */
  async seedAssessmentSchemes() {
    type SchemeSeed = Pick<AssessmentScheme, 'code' | 'name' | 'kind' | 'items'> &
      Partial<Pick<AssessmentScheme, 'passMark' | 'failDeductionRate' | 'bands'>>;
    const schemes: SchemeSeed[] = JSON.parse(readFileSync(resolve(SEED_DIR, 'assessment-schemes.json'), 'utf8'));
    const repo = this.dataSource.getRepository(AssessmentScheme);
    for (const s of schemes) {
      if (await repo.existsBy({ globalCode: s.code })) continue;
      try {
        await repo.insert({ passMark: null, failDeductionRate: null, bands: null, ...s, tenderId: null, globalCode: s.code });
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
      }
    }
  }

  /** Under a lock: servers started together on one database would otherwise both add the missing rows. */
  async seed() {
    await withNamedLock(this.dataSource, 'hcprocure.seed', async () => {
      await this.seedUsers();
      await this.seedTender();
    });
  }

  private async seedUsers() {
    const demo: DemoUsers = JSON.parse(readFileSync(resolve(SEED_DIR, 'demo-users.json'), 'utf8'));
    await this.dataSource.transaction(async (m) => {
      const orgs = m.getRepository(Organization);
      for (const o of demo.organizations) {
        if (!(await orgs.existsBy({ code: o.code }))) await orgs.save(orgs.create(o));
      }
      const users = m.getRepository(User);
      const passwordHash = await hash(DEMO_PASSWORD, this.config.passwordHashCost);
      let added = 0;
      for (const u of demo.users) {
        if (await users.existsBy({ username: u.username })) continue;
        const org = u.organization ? await orgs.findOneByOrFail({ code: u.organization }) : null;
        await users.save(
          users.create({
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            passwordHash,
            passwordChangedAt: new Date(),
            organizationId: org?.id ?? null,
          }),
        );
        added++;
      }
      if (added) this.log.log(`demo users added: ${added}`);
    });
  }

  /** The demo tender, imported as any dossier is (validated, audited) unless a tender with its code exists. */
  private async seedTender() {
    const dossier = JSON.parse(readFileSync(resolve(SEED_DIR, 'demo-tender.json'), 'utf8'));
    if (await this.dataSource.getRepository(Tender).existsBy({ code: dossier.tender.code })) return;
    await this.dossiers.import(null, dossier);
    this.log.log(`demo tender imported: ${dossier.tender.code}`);
  }
}
