import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { startApp, TestApp } from '../../test/harness';
import { NAMED_ROUTES_ONLY } from '../domain/roles';
import { ROLES, type Role } from '../users/role';
import { IS_PUBLIC, ROLES_KEY } from './decorators';

/**
 * Every route of the application × every role, and no token: derived from the controllers
 * themselves, so a new route is covered the moment it exists. Without a token → 401 (unless
 * public); a role the route does not name → 403; a role it names → neither (the request may still
 * be refused for its content: 400, 404, 409). The audit administrator reaches only its own routes.
 */
interface RouteInfo {
  method: string;
  path: string;
  isPublic: boolean;
  roles: Role[] | undefined;
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
        roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [handler, metatype]),
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

  it('finds the routes', () => {
    expect(routes(t).length).toBeGreaterThan(40);
  });

  it('gives the audit administrator the logs and nothing else (三权分立)', () => {
    const reached = routes(t)
      .filter((r) => !r.isPublic && (r.roles ? r.roles.includes('audit-admin') : !NAMED_ROUTES_ONLY.includes('audit-admin')))
      .map((r) => r.path);
    expect(reached.filter((p) => !p.startsWith('/api/audit') && p !== '/api/auth/me')).toEqual([]);
    expect(reached).toEqual(
      expect.arrayContaining(['/api/audit', '/api/audit/verify', '/api/audit/export.xlsx', '/api/audit/security-events']),
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

  it('answers 403 to every role a route does not name, and never 401/403/500 to one it does', async () => {
    const failures: string[] = [];
    for (const r of routes(t).filter((x) => !x.isPublic && !x.path.startsWith('/api/auth/'))) {
      for (const role of ROLES) {
        const res = await t.http()[r.method.toLowerCase() as 'get'](r.path).set('Authorization', `Bearer ${tokens[role]}`).send({});
        // A route naming no role is open to every signed-in user but the roles that reach only routes naming them.
        const allowed = r.roles ? r.roles.includes(role) : !NAMED_ROUTES_ONLY.includes(role);
        const ok = allowed ? ![401, 403].includes(res.status) && res.status < 500 : res.status === 403;
        if (!ok) failures.push(`${r.method} ${r.path} as ${role}: ${res.status} ${allowed ? '(allowed)' : '(not allowed)'}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
