import { IsNull } from 'typeorm';
import { Organization } from '../src/users/organization.entity';
import { User } from '../src/users/user.entity';
import type { TestApp } from './harness';

/**
 * A signed-in bureau official of the buyer `buyer` names (DOMAIN.md §1): the bureau organisation of
 * that name, registered if missing, and a user of it made like the demo's `bureau` (same password).
 * `username` names the user (made if missing). `null`: a bureau user of no organisation, who reaches the tenders of no registered buyer. Register a
 * buyer before importing its dossier: the import links the tender to the organisation by name.
 */
export async function bureauToken(t: TestApp, buyer: string | null, username?: string): Promise<string> {
  const orgs = t.dataSource.getRepository(Organization);
  const users = t.dataSource.getRepository(User);
  let organizationId: number | null = null;
  if (buyer !== null) {
    const org =
      (await orgs.findOneBy({ kind: 'bureau', name: buyer })) ??
      (await orgs.save(orgs.create({ code: `BUYER-${(await orgs.count()) + 1}`, name: buyer, kind: 'bureau' })));
    organizationId = org.id;
  }
  const own = await users.findOneBy({ role: 'bureau', organizationId: organizationId ?? IsNull() });
  if (own && (username === undefined || own.username === username)) return t.login(own.username);
  const template = await users.findOneByOrFail({ username: 'bureau' });
  const name = username ?? `bureau-${organizationId ?? 'none'}`;
  await users.save(
    users.create({ ...template, id: undefined, username: name, displayName: `${buyer ?? '未归属机构'}经办`, organizationId }),
  );
  return t.login(name);
}
