import { demoInsurersWin } from '../../test/example-dossier';
import { awardConfirmedAgo } from '../../test/award-age';
import { startApp, TestApp } from '../../test/harness';

jest.setTimeout(60_000);

/**
 * The results of a tender awarded in the product carry its contracts' part once they are drawn up
 * (DOSSIER.md "Evaluation result"): each as it stands, following the contract as it is signed; an
 * insurer sees those of the lots it won.
 */
describe('the results of an awarded tender show its contracts', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  let id: number;

  const results = async (user = 'clerk') => (await t.http().get(`/api/tenders/${id}/results`).set(as(user)).expect(200)).body;
  /** A contract's milestones as the results' part names them. */
  const asResults = (c: { milestones: { name: string; amount: string | null; status: string; dueDate: string | null }[] }) =>
    c.milestones.map((m) => ({ name: m.name, amount: m.amount, status: m.status, due: m.dueDate }));

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau', 'insurer', 'insurer2']) tokens[u] = await t.login(u);
    // Lot 1 goes to the demo insurer A (user `insurer`), lot 2 to B (`insurer2`).
    id = (
      await t
        .http()
        .post('/api/dossiers')
        .set(as('clerk'))
        .send(demoInsurersWin(`AC-${process.pid}`))
        .expect(201)
    ).body.tenderId;
    await t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as('clerk')).send({}).expect(200);
    await awardConfirmedAgo(t, id);
  });
  afterAll(() => t?.close());

  it('has no contracts part before a contract is drawn up', async () => {
    expect((await results()).status).toBe('awarded');
    expect(await results()).not.toHaveProperty('contracts');
  });

  it('shows the draft, then the signed contract as it stands; the winner its own, another insurer none', async () => {
    const draft = (
      await t
        .http()
        .post(`/api/tenders/${id}/lots/1/contracts`)
        .set(as('bureau'))
        .send({ year: 2023, scheduleTemplate: 'ningbo' })
        .expect(201)
    ).body;
    const drafted = (
      await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population: 4_012_345 }).expect(200)
    ).body;
    expect((await results()).contracts).toEqual([
      { lot: '1', year: 2023, amount: drafted.contractAmount, fund: null, milestones: asResults(drafted) },
    ]);
    expect(drafted.milestones.map((m: { status: string }) => m.status)).not.toContain('payable');

    const signed = (await t.http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200))
      .body;
    const shown = (await results()).contracts;
    expect(shown).toEqual([{ lot: '1', year: 2023, amount: signed.contractAmount, fund: null, milestones: asResults(signed) }]);
    expect(shown[0].milestones.map((m: { status: string }) => m.status)).toContain('payable');
    expect((await results('bureau')).contracts).toEqual(shown);
    expect((await results('insurer')).contracts).toEqual(shown);
    expect((await results('insurer2')).contracts).toEqual([]);
  });
});
