import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { startApp, TestApp } from '../../test/harness';
import { ROLES, type Role } from '../users/role';
import { allows, PERMISSIONS, type Permission } from '../domain/access-policy';
import { NAMED_ROUTES_ONLY } from '../domain/roles';
import { PERMISSION_KEY } from '../access/requires';
import { IS_PUBLIC } from './decorators';

/**
 * Every route of the application × every role, and no token: the routes derived from the controllers
 * themselves, so a new route is covered the moment it exists, and who may call each from the access
 * policy (domain/access-policy.ts) by the permission the route requires. Without a token → 401
 * (unless public); a role the policy does not grant the permission → 403; a role it grants it →
 * neither (the request may still be refused for its content: 400, 404, 409).
 */
interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  permission: Permission | undefined;
}

function routes(t: TestApp): RouteInfo[] {
  const discovery = t.app.get(DiscoveryService);
  const reflector = t.app.get(Reflector);
  const scanner = t.app.get(MetadataScanner);
  const found: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
    for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const handler = instance[name];
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const path = `/api/${[base, String(sub)].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/').replace(/:[A-Za-z]+/g, '1');
      found.push({
        method,
        path,
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, metatype]) ?? false,
        permission: reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [handler, metatype]),
      });
    }
  }
  return found;
}

describe('role matrix: every route × every role', () => {
  let t: TestApp;
  const tokens: Partial<Record<Role, string>> = {};
  const users: Record<Role, string> = {
    admin: 'admin',
    'security-admin': 'secadmin',
    'audit-admin': 'auditor',
    procurement: 'clerk',
    expert: 'expert1',
    bureau: 'bureau',
    insurer: 'insurer',
  };
  beforeAll(async () => {
    t = await startApp();
    for (const role of ROLES) tokens[role] = await t.login(users[role]);
    // expert1 sits on the demo tender's panel; declaring lets its sheet routes answer on content.
    await t
      .http()
      .post('/api/tenders/1/panel/me/declaration')
      .set('Authorization', `Bearer ${tokens.expert}`)
      .send({ conflict: false })
      .expect(200);
  });
  afterAll(() => t.close());

  it('finds the routes, each permission of the policy required by one at least', () => {
    expect(routes(t).length).toBeGreaterThan(40);
    const required = new Set(routes(t).map((r) => r.permission));
    expect(Object.keys(PERMISSIONS).filter((p) => !required.has(p as Permission))).toEqual([]);
  });

  const reachedBy = (role: Role) =>
    routes(t)
      .filter((r) => !r.isPublic && (r.permission ? allows(role, r.permission) : !NAMED_ROUTES_ONLY.includes(role)))
      .map((r) => r.path);
  // One's own account, desk (待办) and notifications: every role's.
  const ownSession = [
    '/api/auth/me',
    '/api/auth/password',
    '/api/auth/logout',
    '/api/desk',
    '/api/notifications',
    '/api/notifications/read-all',
    '/api/notifications/1/read',
  ];

  it('gives the audit administrator the logs and nothing else (三权分立)', () => {
    const reached = reachedBy('audit-admin');
    expect(reached.filter((p) => !p.startsWith('/api/audit') && !ownSession.includes(p))).toEqual([]);
    expect(reached).toEqual(
      expect.arrayContaining(['/api/audit', '/api/audit/verify', '/api/audit/export.xlsx', '/api/audit/security-events', ...ownSession]),
    );
  });

  it('gives the security administrator the users list, roles and unlocks and nothing else (三权分立)', () => {
    expect([...new Set(reachedBy('security-admin'))].sort()).toEqual(
      [...ownSession, '/api/users', '/api/users/1/role', '/api/users/1/unlock'].sort(),
    );
  });

  it('answers 401 without a token on every non-public route', async () => {
    const failures: string[] = [];
    for (const r of routes(t).filter((x) => !x.isPublic)) {
      const res = await t.http()[r.method.toLowerCase() as 'get'](r.path);
      if (res.status !== 401) failures.push(`${r.method} ${r.path}: ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("answers 403 to every role the policy does not grant a route's permission, and never 401/403/500 to one it grants it", async () => {
    const failures: string[] = [];
    for (const r of routes(t).filter((x) => !x.isPublic && !x.path.startsWith('/api/auth/'))) {
      for (const role of ROLES) {
        const res = await t.http()[r.method.toLowerCase() as 'get'](r.path).set('Authorization', `Bearer ${tokens[role]}`).send({});
        // A route requiring no permission is open to every signed-in user but the roles that reach only routes naming them.
        const allowed = r.permission ? allows(role, r.permission) : !NAMED_ROUTES_ONLY.includes(role);
        const ok = allowed ? ![401, 403].includes(res.status) && res.status < 500 : res.status === 403;
        if (!ok) failures.push(`${r.method} ${r.path} as ${role}: ${res.status} ${allowed ? '(allowed)' : '(not allowed)'}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
