import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { AuditEntry } from '../audit/audit-entry.entity';

/** Shenyang's year (seed 000; figures of domain/contracts/settlement.spec.ts): failed, policy deficit shared 50/50. */
const SHENYANG = {
  fund: '371111400.00',
  claims: '365000000.00',
  policyDeficit: true,
  allowanceRate: '0.045',
  deficitRule: 'shared',
  policyDeficitShare: '0.5',
  retentions: [],
  assessmentPassed: false,
  failDeductionRate: '0.005',
  paidOrPayable: '315444690.00',
};

/** Henan's year (seed 003 art. 22–24): passed, policy deficit beyond the allowance, the reserve covers the rest. */
const HENAN = {
  fund: '1234567890.10',
  claims: '1250000000.00',
  policyDeficit: true,
  allowanceRate: '0.03',
  deficitRule: 'within-allowance',
  retentions: [
    { kind: 'reserve', share: '0.05' },
    { kind: 'deposit', share: '0.03' },
  ],
  assessmentPassed: true,
  paidOrPayable: '1137037036.70',
};

describe('POST /api/contracts/:id/settlement/preview (DOMAIN §6.2)', () => {
  let t: TestApp;
  let id: number;
  const tokens: Record<string, string> = {};
  const as = (user: string) => ({ Authorization: `Bearer ${tokens[user]}` });
  const preview = (body: object, user = 'bureau', contract = id) =>
    t.http().post(`/api/contracts/${contract}/settlement/preview`).set(as(user)).send(body);

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau', 'insurer']) tokens[u] = await t.login(u);
    const dossier = loadExampleDossier();
    dossier.tender.code = `SP-${process.pid}`;
    const tenderId = (await t.http().post('/api/dossiers').set(as('clerk')).send(dossier).expect(201)).body.tenderId;
    id = (
      await t
        .http()
        .post(`/api/tenders/${tenderId}/lots/1/contracts`)
        .set(as('bureau'))
        .send({ year: 2023, scheduleTemplate: 'ningbo' })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('answers the settlement of a shared policy deficit after a failed assessment, storing nothing', async () => {
    const before = (await t.http().get(`/api/contracts/${id}`).set(as('bureau')).expect(200)).body;
    const audited = await t.dataSource.getRepository(AuditEntry).count();
    // A = 16,700,013.00, d = 83,500.065 → 83,500.07; B = −10,505,112.93; the insurer's 50% 5,252,556.465 → 5,252,556.47
    expect((await preview(SHENYANG).expect(200)).body).toEqual({
      fund: '371111400.00',
      claims: '365000000.00',
      allowance: '16700013.00',
      deduction: '83500.07',
      allowanceNet: '16616512.93',
      balance: '-10505112.93',
      surplus: '0.00',
      insurerBears: '5252556.47',
      fundBears: '5252556.46',
      fromReserve: '0.00',
      beyondReserve: '5252556.46',
      forfeitedDeposit: '0.00',
      due: '376363956.46',
      paidOrPayable: '315444690.00',
      payment: '60919266.46',
    });
    expect((await t.http().get(`/api/contracts/${id}`).set(as('bureau')).expect(200)).body).toEqual(before);
    expect(await t.dataSource.getRepository(AuditEntry).count()).toBe(audited);
  });

  it('takes Henan’s retentions: a policy deficit beyond the allowance falls on the risk reserve', async () => {
    expect((await preview(HENAN).expect(200)).body).toMatchObject({
      allowance: '37037036.70',
      balance: '-52469146.60',
      insurerBears: '37037036.70',
      fundBears: '15432109.90',
      fromReserve: '15432109.90',
      due: '1250000000.00',
      payment: '112962963.30',
    });
  });

  it('refuses inconsistent figures with a 400 naming each field', async () => {
    const errors = async (body: object) =>
      (await preview(body).expect(400)).body.errors.map((e: { path: string; code: string }) => [e.path, e.code]);
    expect(await errors({ ...SHENYANG, policyDeficitShare: null })).toEqual([['policyDeficitShare', 'required']]);
    expect(await errors({ ...HENAN, policyDeficitShare: '0.5' })).toEqual([['policyDeficitShare', 'shareOnlyShared']]);
    expect(await errors({ ...HENAN, retentions: [HENAN.retentions[0], { kind: 'reserve', share: '0.01' }] })).toEqual([
      ['retentions[1].kind', 'duplicate'],
    ]);
    expect(
      await errors({
        ...HENAN,
        retentions: [
          { kind: 'reserve', share: '0.6' },
          { kind: 'deposit', share: '0.5' },
        ],
      }),
    ).toEqual([['retentions', 'retentionsOverFund']]);
    expect(await errors({ ...HENAN, fund: '1234567890.101', claims: 1250000000, allowanceRate: '1.5', deficitRule: 'capped' })).toEqual([
      ['fund', 'toTheFen'],
      ['claims', 'amountNotNumber'],
      ['allowanceRate', 'fraction'],
      ['deficitRule', 'oneOf'],
    ]);
  });

  it('is the bureau’s alone, and only for a contract that exists', async () => {
    await preview(SHENYANG, 'insurer').expect(403);
    await preview(SHENYANG, 'bureau', 999999).expect(404);
  });
});
