import {
  allows,
  organizationScope,
  PERMISSIONS,
  readsOrganization,
  readsRecord,
  recordScope,
  resultsView,
  scoreDistributionAccess,
  servesBuyer,
  seesUnpublishedResults,
  tenderReach,
} from './access-policy';
import { ROLES, type Role } from './roles';

const user = (role: Role, organizationId: number | null = null) => ({ role, organizationId });
const facts = { onPanel: false, sealed: false, bidOn: false, declaration: null, buyer: null };

describe('access policy', () => {
  it('grants each permission to the roles of its row only', () => {
    expect(ROLES.filter((r) => allows(r, 'tender.manage'))).toEqual(['procurement']);
    expect(ROLES.filter((r) => allows(r, 'award-notice.read'))).toEqual(['procurement', 'bureau', 'insurer']);
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(roles.length).toBeGreaterThan(0);
      for (const role of ROLES)
        expect(allows(role, permission as keyof typeof PERMISSIONS)).toBe((roles as readonly Role[]).includes(role));
    }
  });

  it('lets procurement and admin reach every tender, whatever the facts', () => {
    for (const role of ['procurement', 'admin'] as const) {
      expect(tenderReach(user(role), facts)).toBe('all');
      expect(tenderReach(user(role), { ...facts, sealed: true, buyer: 3 })).toBe('all');
    }
  });

  it("lets a bureau official reach its own buyer's tenders only, and not know of the others", () => {
    expect(tenderReach(user('bureau', 3), { ...facts, buyer: 3, sealed: true })).toBe('all');
    expect(tenderReach(user('bureau', 3), { ...facts, buyer: 4 })).toBe('not-found');
    expect(tenderReach(user('bureau', 3), facts)).toBe('not-found');
    // A tender of no registered buyer: only bureau users of no organisation.
    expect(tenderReach(user('bureau'), facts)).toBe('all');
    expect(tenderReach(user('bureau'), { ...facts, buyer: 3 })).toBe('not-found');
    expect(servesBuyer(user('bureau', 3), 4)).toBe(false);
    expect(servesBuyer(user('procurement', 9), 4)).toBe(true);
  });

  it('gives the security and audit administrators no tender at all', () => {
    for (const role of ['security-admin', 'audit-admin'] as const) {
      expect(tenderReach(user(role), { onPanel: true, sealed: false, bidOn: true, declaration: 'no-conflict', buyer: null })).toBe(
        'not-found',
      );
    }
  });

  it('lets an expert reach a tender of its panel once the bids are opened', () => {
    expect(tenderReach(user('expert'), facts)).toBe('not-on-panel');
    expect(tenderReach(user('expert'), { ...facts, onPanel: true, sealed: true })).toBe('sealed');
    expect(tenderReach(user('expert'), { ...facts, onPanel: true })).toBe('undeclared');
    expect(tenderReach(user('expert'), { ...facts, onPanel: true, declaration: 'conflict' })).toBe('recused');
    expect(tenderReach(user('expert'), { ...facts, onPanel: true, declaration: 'no-conflict' })).toBe('all');
    expect(tenderReach(user('expert'), { ...facts, bidOn: true })).toBe('not-on-panel');
  });

  it('lets an insurer reach only its own part of a tender it bid on, and not know of the others', () => {
    expect(tenderReach(user('insurer', 7), facts)).toBe('not-found');
    expect(tenderReach(user('insurer', 7), { ...facts, onPanel: true })).toBe('not-found');
    expect(tenderReach(user('insurer', 7), { ...facts, bidOn: true, sealed: true })).toBe('own');
  });

  it("limits an insurer's reads to its organisation's records", () => {
    expect(organizationScope(user('insurer', 7))).toBe(7);
    expect(organizationScope(user('insurer'))).toBe(-1);
    expect(organizationScope(user('bureau', 3))).toBeNull();
    expect(readsOrganization(user('insurer', 7), 7)).toBe(true);
    expect(readsOrganization(user('insurer', 7), 8)).toBe(false);
    expect(readsOrganization(user('bureau'), 8)).toBe(true);
  });

  it("limits contract records to the insurer's own and the bureau's buyer's", () => {
    const owners = { insurer: 7, buyer: 3 };
    expect(recordScope(user('insurer', 7))).toEqual({ insurer: 7 });
    expect(recordScope(user('bureau', 3))).toEqual({ buyer: 3 });
    expect(recordScope(user('bureau'))).toEqual({ buyer: null });
    expect(recordScope(user('admin'))).toBeNull();
    expect(readsRecord(user('insurer', 7), owners)).toBe(true);
    expect(readsRecord(user('insurer', 3), owners)).toBe(false);
    expect(readsRecord(user('insurer'), { insurer: null, buyer: null })).toBe(false);
    expect(readsRecord(user('bureau', 3), owners)).toBe(true);
    expect(readsRecord(user('bureau', 7), owners)).toBe(false);
    expect(readsRecord(user('bureau'), owners)).toBe(false);
    expect(readsRecord(user('bureau'), { insurer: 7, buyer: null })).toBe(true);
    expect(readsRecord(user('procurement', 1), owners)).toBe(true);
  });

  it('shows results by role', () => {
    // The roles that reach a tender's results (the security and audit administrators reach no tender at all).
    const readers = ['admin', 'procurement', 'expert', 'bureau', 'insurer'] as const;
    expect(readers.map((r) => resultsView(user(r)))).toEqual(['full', 'full', 'expert', 'full', 'insurer']);
    expect(readers.filter((r) => !seesUnpublishedResults(user(r)))).toEqual(['insurer']);
  });

  it('shows a lot’s score distribution to procurement once opened, the panel once its sheets are in, the bureau once published', () => {
    expect(ROLES.filter((r) => allows(r, 'score-distribution.read'))).toEqual(['procurement', 'expert', 'bureau']);
    const at = (role: Role, allSheetsIn: boolean, published: boolean) => scoreDistributionAccess(user(role), { allSheetsIn, published });
    expect(at('procurement', false, false)).toBe('shown');
    expect(at('expert', false, true)).toBe('sheets-pending');
    expect(at('expert', true, false)).toBe('shown');
    expect(at('bureau', true, false)).toBe('not-published');
    expect(at('bureau', false, true)).toBe('shown');
  });
});
