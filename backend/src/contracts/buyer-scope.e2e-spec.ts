import { startApp, TestApp } from '../../test/harness';
import { DEMO_TENDER, fillProduct, Filled } from '../../test/filled-product';
import { Organization } from '../users/organization.entity';
import { bureauToken } from '../../test/buyers';
import { Tender } from '../tenders/tender.entity';

jest.setTimeout(180_000);

/**
 * A bureau official works for one buyer (DOMAIN.md §1): the demo tender's buyer is 宁波市医疗保障局
 * (user `bureau`). An official of another buyer, and one of no organisation, find none of its records:
 * every read and every change answers 404 or an empty list, endpoint by endpoint, while `bureau`
 * reaches them.
 */
describe("a bureau official reaches its own buyer's contracts only", () => {
  let t: TestApp;
  let f: Filled;
  let milestoneId: number;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const OUTSIDERS = ['bureau-hz', 'bureau-none'];

  beforeAll(async () => {
    t = await startApp();
    f = await fillProduct(t);
    tokens['bureau-hz'] = await bureauToken(t, '杭州市医疗保障局');
    tokens['bureau-none'] = await bureauToken(t, null);
    for (const u of ['bureau', 'clerk']) tokens[u] = await t.login(u);
    const contract = (await t.http().get(`/api/contracts/${f.contractId}`).set(as('bureau')).expect(200)).body;
    milestoneId = contract.milestones[0].id;
  });

  afterAll(() => t?.close());

  it('links the demo tender to its buyer organisation by the purchaser’s name', async () => {
    const tender = await t.dataSource.getRepository(Tender).findOneByOrFail({ code: DEMO_TENDER });
    const buyer = await t.dataSource.getRepository(Organization).findOneByOrFail({ code: 'NBYBJ' });
    expect(tender.buyerOrganizationId).toBe(buyer.id);
    const view = (await t.http().get(`/api/tenders/${f.tenderId}`).set(as('clerk')).expect(200)).body;
    expect(view.buyerOrganizationId).toBe(buyer.id);
  });

  const reads = () => [
    `/api/tenders/${f.tenderId}`,
    `/api/contracts/${f.contractId}`,
    `/api/contracts/${f.contractId}/pdf`,
    `/api/contracts/${f.contractId}/ledger`,
    // A per-capita contract has no settlement: the right official is told so (409), the others nothing.
    `/api/contracts/${f.contractId}/settlement`,
    `/api/tenders/${f.tenderId}/lots/1/award-notice/pdf`,
    `/api/assessments/${f.assessmentId}`,
    `/api/assessments/${f.assessmentId}/template.xlsx`,
  ];

  it('answers the right official, and 404 to the others, on every read of one record', async () => {
    for (const path of reads()) {
      const own = await t.http().get(path).set(as('bureau'));
      expect([path, own.status]).toEqual([path, path.endsWith('/settlement') ? 409 : 200]);
      for (const u of OUTSIDERS) {
        const res = await t.http().get(path).set(as(u));
        expect([path, u, res.status]).toEqual([path, u, 404]);
      }
    }
  });

  it('lists nothing of the buyer to the others', async () => {
    const lists: [string, (body: never) => unknown[]][] = [
      ['/api/tenders', (b: { code: string }[]) => b.filter((x) => x.code === DEMO_TENDER)],
      ['/api/contracts', (b: unknown[]) => b],
      ['/api/ledger?year=2024', (b: { contracts: unknown[] }) => b.contracts],
      ['/api/assessments', (b: unknown[]) => b],
      ['/api/reports', (b: unknown[]) => b],
      ['/api/assessments/terminations', (b: unknown[]) => b],
      ['/api/assessments/overdue?on=2030-01-01', (b: { contractId: number }[]) => b.filter((x) => x.contractId === f.contractId)],
    ];
    for (const [path, mine] of lists) {
      const own = (await t.http().get(path).set(as('bureau')).expect(200)).body;
      if (!['/api/reports', '/api/assessments/terminations'].includes(path))
        expect([path, mine(own as never).length > 0]).toEqual([path, true]);
      for (const u of OUTSIDERS) {
        const body = (await t.http().get(path).set(as(u)).expect(200)).body;
        expect([path, u, mine(body as never)]).toEqual([path, u, []]);
      }
    }
  });

  it('refuses every change of another buyer’s records as not found', async () => {
    const changes: [string, object][] = [
      [`/api/tenders/${f.tenderId}/lots/1/contracts`, { year: 2025, scheduleTemplate: 'ningbo' }],
      [`/api/contracts/${f.contractId}/pdf`, {}],
      [`/api/tenders/${f.tenderId}/lots/1/award-notice/pdf`, {}],
      [`/api/contracts/${f.contractId}/assessments`, { schemeCode: 'NB-PERF' }],
      [`/api/milestones/${milestoneId}/payment`, { paidOn: '2024-03-01', voucher: 'V-1' }],
      [`/api/milestones/${milestoneId}/approval`, { approved: '100.00' }],
      [`/api/contracts/${f.contractId}/acceptances`, { on: '2024-03-01', passed: true }],
      [`/api/contracts/${f.contractId}/service-evaluations`, { period: 'H1', on: '2024-03-01', passed: true }],
      [`/api/assessments/${f.assessmentId}/publish`, {}],
      [`/api/assessments/${f.assessmentId}/finalise`, {}],
      [`/api/assessments/${f.assessmentId}/report.pdf`, {}],
      [`/api/assessments/${f.assessmentId}/objections/1/answer`, { text: '维持原评分' }],
    ];
    for (const u of OUTSIDERS) {
      for (const [path, body] of changes) {
        const res = await t.http().post(path).set(as(u)).send(body);
        expect([path, u, res.status]).toEqual([path, u, 404]);
      }
      const patch = await t.http().patch(`/api/contracts/${f.contractId}`).set(as(u)).send({ version: 3, population: 1 });
      expect([u, patch.status]).toEqual([u, 404]);
      const items = await t.http().put(`/api/assessments/${f.assessmentId}/items`).set(as(u)).send({ items: [] });
      expect([u, items.status]).toEqual([u, 404]);
    }
  });

  it('lets the right official act: it issues the award notice again', async () => {
    await t.http().post(`/api/tenders/${f.tenderId}/lots/1/award-notice/pdf`).set(as('bureau')).expect(201);
  });
});
