import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT_DIR } from '../config/config';
import { PeriodicReport } from '../assessments/periodic-report.entity';
import { Contract } from '../contracts/contract.entity';
import { PaymentMilestone } from '../contracts/payment-milestone.entity';
import { ContractSettlement } from '../contracts/settlement.entity';
import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { bureauToken } from '../../test/buyers';
import { chinaDay } from '../documents/format';
import { dossierRevision } from './dossier-store';

/**
 * Dossier format 2 contracts (DOSSIER.md CONTRACT) through the API and the CLI: imported with their events
 * in the import's transaction, shown in the results as of their asOf, exported back as imported, and
 * refused with the offending path (nothing saved) when they break a rule. Figures by hand in the comments.
 */
const FIXTURES = join(ROOT_DIR, 'backend', 'test', 'fixtures');
const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));

/**
 * Premium fund (the Shenyang fixture, winner P at rate 0.035): F = 90.00 × 2,040,000 = 183,600,000.00,
 * A = 6,426,000.00; retentions 5% reserve and 3% deposit (5,508,000.00). Q1 40M and Q2 42M approved and
 * paid, Q3 45M approved (payable), Q4 applied for only; the assessment (55 + 35 = 90 ≥ 85) passed, so the
 * deposit is payable. Settlement: C = 165,000,000, B = 183.6M − 165M − 6.426M = 12,174,000 (surplus); due
 * C + A = 171,426,000; paid or payable 40M + 42M + 45M + 5.508M = 132,508,000; payment 38,918,000.00.
 */
const PREMIUM = {
  lot: '1',
  year: 2024,
  amount: '183600000.00',
  fund: '183600000.00',
  milestones: [
    { name: '第一季度拨付', amount: '40000000.00', status: 'paid', due: '2024-04-30' },
    { name: '第二季度拨付', amount: '42000000.00', status: 'paid', due: '2024-07-31' },
    { name: '第三季度拨付', amount: '45000000.00', status: 'payable', due: '2024-10-31' },
    { name: '第四季度拨付', amount: null, status: 'pending', due: '2025-01-31' },
    { name: '考核保证金返还', amount: '5508000.00', status: 'payable', due: null },
    { name: '年度清算', amount: '38918000.00', status: 'payable', due: null },
  ],
  settlement: {
    allowance: '6426000.00',
    deduction: '0.00',
    balance: '12174000.00',
    insurerBears: '0.00',
    fundBears: '0.00',
    surplus: '12174000.00',
    forfeitedDeposit: '0.00',
    paidOrPayable: '132508000.00',
    payment: '38918000.00',
  },
};

/**
 * Fixed price (the hospital fixture, winner A at 1,100,000.00, term 2024-04-01 to 2025-03-31): 30% on
 * signing 330,000.00 (paid), 20% after the H1 evaluation 220,000.00 (failed on 10-10, passed on re-evaluation
 * 11-10: payable), the rest 550,000.00 after the acceptance (on 2025-04-10, after asOf: pending).
 */
function fixedPrice() {
  const d = read('hospital-lump-sum');
  d.tender.code = 'YYWB-2024-HT';
  d.paymentSchedules = [
    {
      code: 'YY-30-20-50',
      name: '医院运维服务分期付款（示例）',
      milestones: [
        { name: '首付款', share: '0.30', trigger: 'on-signing' },
        { name: '上半年考评款', share: '0.20', trigger: 'after-service-evaluation', period: 'H1' },
        { name: '验收款', remainder: true, trigger: 'after-acceptance' },
      ],
    },
  ];
  d.contracts = [
    {
      lot: '1',
      year: 2024,
      schedule: 'YY-30-20-50',
      asOf: '2024-12-31',
      effectiveDate: '2024-04-01',
      signedOn: '2024-03-15',
      serviceEvaluations: [
        { period: 'H1', on: '2024-10-10', passed: false, note: '巡检记录不全' },
        { period: 'H1', on: '2024-11-10', passed: true },
      ],
      acceptance: { on: '2025-04-10', passed: true },
      payments: [{ milestone: '首付款', paidOn: '2024-04-10', voucher: 'YY-2024-017' }],
    },
  ];
  return d;
}
const FIXED_PRICE = {
  lot: '1',
  year: 2024,
  amount: '1100000.00',
  fund: null,
  milestones: [
    { name: '首付款', amount: '330000.00', status: 'paid', due: null },
    { name: '上半年考评款', amount: '220000.00', status: 'payable', due: null },
    { name: '验收款', amount: '550000.00', status: 'pending', due: null },
  ],
};

/**
 * Per-capita (the Ningbo example, lot 1 won by E at 1.06): 1.06 × 3,994,965 = 4,234,662.90 + the 信息系统
 * fee 300,000.00 = 4,534,662.90 (绩效考核 is the reward). 40% = 1,813,865.16, the rest 2,720,797.74 due
 * 15 July; the 2023 assessment (100 − 6.5 = 93.5, 优秀) pays 1.00 × 500,000.00.
 */
function perCapita() {
  const d = loadExampleDossier() as any;
  d.formatVersion = 2;
  d.tender.code = 'NB-2022-HT';
  d.paymentSchedules = [
    {
      code: 'NB-LTC',
      name: '长护险经办服务费（示例）',
      lots: ['1'],
      milestones: [
        { name: '首期服务费', share: '0.40', trigger: 'on-signing' },
        { name: '二期服务费', remainder: true, trigger: 'on-date', due: { month: 7, day: 15 } },
        { name: '绩效奖励', base: 'reward', share: '1', trigger: 'after-assessment', amountRule: 'reward-rate' },
      ],
    },
  ];
  d.contracts = [
    {
      lot: '1',
      year: 2023,
      schedule: 'NB-LTC',
      asOf: '2023-12-31',
      population: 3994965,
      signedOn: '2023-01-05',
      payments: [{ milestone: '首期服务费', paidOn: '2023-01-20', voucher: 'NB-2023-001' }],
    },
  ];
  return d;
}
const PER_CAPITA = {
  lot: '1',
  year: 2023,
  amount: '4534662.90',
  fund: null,
  milestones: [
    { name: '首期服务费', amount: '1813865.16', status: 'paid', due: null },
    { name: '二期服务费', amount: '2720797.74', status: 'payable', due: '2023-07-15' },
    { name: '绩效奖励', amount: '500000.00', status: 'payable', due: null },
  ],
};

const CASES: [string, () => any, unknown][] = [
  ['premium fund', () => read('contracts-premium'), PREMIUM],
  ['fixed price', fixedPrice, FIXED_PRICE],
  ['per-capita', perCapita, PER_CAPITA],
];

describe('dossier contracts (format 2)', () => {
  let t: TestApp;
  let clerk: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const post = (d: object) => t.http().post('/api/dossiers').set(as(clerk)).send(d);
  const exported = async (id: number) => (await t.http().get(`/api/tenders/${id}/dossier`).set(as(clerk)).expect(200)).body;

  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it.each(CASES)(
    '%s: imported with its events, in the results as of asOf, and export → import → export is identical',
    async (_, make, expected) => {
      const original = make();
      const { tenderId } = (await post(original).expect(201)).body;
      const results = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as(clerk)).expect(200)).body;
      expect(results.contracts).toEqual([expected]);
      const first = await exported(tenderId);
      expect(first.contracts).toHaveLength(1);
      const again = (await post({ ...first, tender: { ...first.tender, code: `${first.tender.code}-2` } }).expect(201)).body.tenderId;
      const second = await exported(again);
      expect({ ...second, tender: { ...second.tender, code: first.tender.code } }).toEqual(first);
      const reread = (await t.http().get(`/api/tenders/${again}/results`).set(as(clerk)).expect(200)).body;
      expect(reread.contracts).toEqual([expected]);
    },
  );

  it('a payment recorded through the ledger after the import changes the tender’s revision and is exported', async () => {
    const d = perCapita();
    d.tender.code = 'NB-2022-HT-PAY';
    const { tenderId } = (await post(d).expect(201)).body;
    const m = t.dataSource.manager;
    const before = await dossierRevision(m, tenderId);
    const contract = await m.findOneByOrFail(Contract, { tenderId });
    const second = await m.findOneByOrFail(PaymentMilestone, { contractId: contract.id, name: '二期服务费' });
    const bureau = await t.login('bureau');
    const today = chinaDay(new Date());
    await t.http().post(`/api/milestones/${second.id}/payment`).set(as(bureau)).send({ paidOn: today, voucher: 'NB-2023-002' }).expect(200);
    expect(await dossierRevision(m, tenderId)).not.toBe(before);
    expect((await exported(tenderId)).contracts[0].payments).toEqual([
      { milestone: '首期服务费', paidOn: '2023-01-20', voucher: 'NB-2023-001' },
      { milestone: '二期服务费', paidOn: today, voucher: 'NB-2023-002' },
    ]);
  });

  it('stores a premium contract through the contract side: milestones with vouchers and approvals, the settlement, the reports', async () => {
    const d = read('contracts-premium');
    d.tender.code = 'SYDB-2024-HT-ROWS';
    // The buyer registered first: the import links the tender to it, and its official reads the reports.
    const bureau = { Authorization: `Bearer ${await bureauToken(t, d.tender.purchaser)}` };
    const { tenderId } = (await post(d).expect(201)).body;
    const m = t.dataSource.manager;
    const contract = await m.findOneByOrFail(Contract, { tenderId });
    expect(contract).toMatchObject({
      kind: 'premium',
      status: 'signed',
      fund: '183600000.00',
      allowance: '6426000.00',
      asOf: '2025-06-30',
    });
    const milestones = await m.find(PaymentMilestone, { where: { contractId: contract.id }, order: { seq: 'ASC' } });
    expect(milestones.map((x) => [x.status, x.amount, x.requested, x.voucher])).toEqual([
      ['paid', '40000000.00', '40000000.00', 'SY-2024-001'],
      ['paid', '42000000.00', '45000000.00', 'SY-2024-002'],
      ['payable', '45000000.00', '45000000.00', null],
      ['pending', null, '30000000.00', null],
      ['payable', '5508000.00', null, null],
      ['payable', '38918000.00', null, null],
    ]);
    const settlement = await m.findOneByOrFail(ContractSettlement, { contractId: contract.id });
    expect([settlement.payment, settlement.milestoneId]).toEqual(['38918000.00', milestones[5].id]);
    // The annual analysis is due 20 January (the schedule's rule): submitted on the 18th, in time.
    const reports = await m.find(PeriodicReport, { where: { contractId: contract.id } });
    expect(reports.map((r) => [r.kind, r.period, r.dueDate, r.submittedOn, r.late])).toEqual([
      ['annual', '2024', '2025-01-20', '2025-01-18', false],
    ]);
    // A dossier lists the reports, not their documents: submitted, without a file, and said so (no empty download).
    const [shown] = (await t.http().get(`/api/reports?contractId=${contract.id}`).set(bureau).expect(200)).body;
    expect(shown).toMatchObject({
      id: reports[0].id,
      status: 'submitted',
      submittedOn: '2025-01-18',
      fileName: null,
      size: null,
      sha256: null,
    });
    const download = await t.http().get(`/api/reports/${reports[0].id}/file`).set(bureau).expect(409);
    expect(download.body.message).toBe('该报告随档案导入，没有报告文件 / imported with its dossier: the report has no file');
  });

  it('leaves a format 1 dossier as it was: no contracts in the results nor in the export', async () => {
    const d = loadExampleDossier();
    d.tender.code = 'NB-FORMAT-1';
    const { tenderId } = (await post(d).expect(201)).body;
    const results = (await t.http().get(`/api/tenders/${tenderId}/results`).set(as(clerk)).expect(200)).body;
    expect('contracts' in results).toBe(false);
    expect('contracts' in (await exported(tenderId))).toBe(false);
  });

  const premium = () => read('contracts-premium');
  const BAD: [string, () => any, (d: any) => void, string[]][] = [
    ['a contract on a lot without a winner', premium, (d) => (d.tender.minQualifiedBidders = 20), ['contracts[0].lot']],
    ['an unknown schedule', premium, (d) => (d.contracts[0].schedule = 'NONE'), ['contracts[0].schedule']],
    ['a schedule not covering the lot', perCapita, (d) => (d.paymentSchedules[0].lots = ['2']), ['contracts[0].schedule']],
    [
      'a payment naming no milestone',
      premium,
      (d) => (d.contracts[0].payments[0].milestone = '第五季度拨付'),
      ['contracts[0].payments[0].milestone'],
    ],
    [
      'an application naming no milestone',
      premium,
      (d) => (d.contracts[0].applications[3].milestone = '第五季度拨付'),
      ['contracts[0].applications[3].milestone'],
    ],
    [
      'a payment naming a milestone twice',
      premium,
      (d) => d.contracts[0].payments.push({ milestone: '第一季度拨付', paidOn: '2024-05-01', voucher: 'SY-2024-009' }),
      ['contracts[0].payments[2].milestone'],
    ],
    [
      'a payment before the signature',
      premium,
      (d) => (d.contracts[0].payments[0].paidOn = '2024-03-19'),
      ['contracts[0].payments[0].paidOn'],
    ],
    [
      'an application before the signature',
      premium,
      (d) => (d.contracts[0].applications[0].appliedOn = '2024-03-01'),
      ['contracts[0].applications[0].appliedOn'],
    ],
    [
      'an evaluation before the signature',
      fixedPrice,
      (d) => (d.contracts[0].serviceEvaluations[0].on = '2024-03-14'),
      ['contracts[0].serviceEvaluations[0].on'],
    ],
    [
      'an acceptance before the signature',
      fixedPrice,
      (d) => (d.contracts[0].acceptance.on = '2024-03-01'),
      ['contracts[0].acceptance.on'],
    ],
    [
      'an evaluation before the term',
      fixedPrice,
      (d) => (d.contracts[0].serviceEvaluations[0].on = '2024-03-20'),
      ['contracts[0].serviceEvaluations[0].on'],
    ],
    [
      'a report of a period outside the term',
      premium,
      (d) => (d.contracts[0].reports[0].period = '2023'),
      ['contracts[0].reports[0].period'],
    ],
    [
      'a contract year outside the tender’s',
      premium,
      (d) => (d.contracts[0].year = 2027),
      ['contracts[0].year', 'contracts[0].reports[0].period', 'contracts[0].settlement'],
    ],
    [
      'an approval above the fund net of retentions',
      premium,
      // 183,600,000 × 0.92 = 168,912,000 − 40M − 42M = 86,912,000 left.
      (d) => (d.contracts[0].applications[2].approved = '86912000.01'),
      ['contracts[0].applications[2].approved'],
    ],
    ['a settlement without the year’s assessment', premium, (d) => (d.assessments = []), ['contracts[0].settlement']],
    [
      'a settlement on a non-premium contract',
      fixedPrice,
      (d) => (d.contracts[0].settlement = { claims: '1.00', policyDeficit: false }),
      ['contracts[0].settlement'],
    ],
    ['an operating cost other than A', premium, (d) => (d.assessments[0].operatingCost = '6426000.01'), ['assessments[0].operatingCost']],
    [
      'less-deduction on a premium schedule',
      premium,
      (d) => (d.paymentSchedules[0].milestones[4].amountRule = 'less-deduction'),
      ['paymentSchedules[0].milestones[4].amountRule', 'contracts[0].schedule'],
    ],
    [
      'a premium schedule without deficit rule',
      premium,
      (d) => delete d.paymentSchedules[0].deficitRule,
      ['paymentSchedules[0].deficitRule'],
    ],
    ['a premium contract without its fund standard', premium, (d) => delete d.contracts[0].fundStandard, ['contracts[0].fundStandard']],
    ['a per-capita contract without its population', perCapita, (d) => delete d.contracts[0].population, ['contracts[0].population']],
    ['a population on a fixed-price contract', fixedPrice, (d) => (d.contracts[0].population = 1000), ['contracts[0].population']],
    [
      'shares above the whole of a base',
      fixedPrice,
      (d) => (d.paymentSchedules[0].milestones[1].share = '0.71'),
      ['paymentSchedules[0].milestones[1].share'],
    ],
    ['two contracts of one lot and year', premium, (d) => d.contracts.push({ ...d.contracts[0], settlement: undefined }), ['contracts[1]']],
  ];

  it.each(BAD)('refuses %s with a 400 naming the path, saving nothing', async (_, make, breakIt, paths) => {
    const d = make();
    breakIt(d);
    const contracts = await t.dataSource.manager.count(Contract);
    const res = await post(d).expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
    expect(await t.dataSource.manager.count(Contract)).toBe(contracts);
  });
});

describe('CLI evaluate with contracts', () => {
  const run = promisify(execFile);
  const dir = mkdtempSync(join(tmpdir(), 'dossier-contracts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const evaluate = async (file: string) =>
    JSON.parse((await run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), 'evaluate', file], { cwd: ROOT_DIR })).stdout);

  // On a busy machine one run of the CLI (a throwaway database, the migrations, the evaluation) takes a while.
  const SLOW = 300_000;

  it(
    'prints the contracts part of a format 2 dossier (premium fund)',
    async () => {
      expect((await evaluate(join(FIXTURES, 'contracts-premium.json'))).contracts).toEqual([PREMIUM]);
    },
    SLOW,
  );

  it(
    'prints the contracts part of a format 2 dossier (fixed price)',
    async () => {
      const file = join(dir, 'fixed-price.json');
      writeFileSync(file, JSON.stringify(fixedPrice()));
      expect((await evaluate(file)).contracts).toEqual([FIXED_PRICE]);
    },
    SLOW,
  );

  it(
    'prints no contracts part for a format 1 dossier',
    async () => {
      const file = join(dir, 'format-1.json');
      writeFileSync(file, JSON.stringify(loadExampleDossier()));
      expect('contracts' in (await evaluate(file))).toBe(false);
    },
    SLOW,
  );

  it(
    'refuses a bad contract with exit 1, one line per path',
    async () => {
      const d = read('contracts-premium');
      d.contracts[0].payments[0].paidOn = '2024-03-19';
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(d));
      await expect(run(process.execPath, [join(ROOT_DIR, 'scripts', 'cli.js'), 'evaluate', file], { cwd: ROOT_DIR })).rejects.toMatchObject(
        {
          code: 1,
          stderr: expect.stringContaining('contracts[0].payments[0].paidOn: '),
        },
      );
    },
    SLOW,
  );
});
