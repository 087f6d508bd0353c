import { bureauToken } from '../../test/buyers';
import { cliEvaluate, fixturePath, readFixture } from '../../test/dossier-files';
import { startApp, TestApp } from '../../test/harness';
import { bidderToken } from '../../test/tenders-fixture';
import { addDays } from '../assessments/deadlines';
import { ContractAssessment } from '../assessments/contract-assessment.entity';
import { MilestoneEventsService } from '../contracts/milestone-events.service';
import { chinaDay } from '../documents/format';
import { D } from '../domain/decimal';

// Five tenders imported and their contract years driven through the API, on a shared two-core machine.
jest.setTimeout(300_000);

/**
 * Issue 14: each seed's buyer carries one contract through its whole year — signature, applications
 * and approvals, service evaluations, acceptance, payments, assessment, settlement, reports — in a
 * format-2 dossier (backend/test/fixtures/year-<buyer>.json), and the figures below were worked out by
 * hand from the seed's clause and the DOMAIN.md rule named next to each. The API path drives the same
 * year through the endpoints; the CLI path evaluates the dossier's `contracts` part.
 */

const BUYERS = ['shenyang', 'hospital', 'ningbo', 'henan', 'foshan'] as const;
type Buyer = (typeof BUYERS)[number];

const fixtureFile = (buyer: Buyer) => fixturePath(`year-${buyer}`);
/** A dossier as JSON, read part by part. */
const dossier = (buyer: Buyer): any => readFixture(`year-${buyer}`);

type Status = 'pending' | 'payable' | 'paid' | 'withheld';
interface Milestone {
  name: string;
  amount: string | null;
  status: Status;
  due: string | null;
}
interface Settlement {
  allowance: string;
  deduction: string;
  balance: string;
  insurerBears: string;
  fundBears: string;
  surplus: string;
  forfeitedDeposit: string;
  paidOrPayable: string;
  payment: string;
}
interface ExpectedContract {
  lot: string;
  year: number;
  amount: string;
  fund: string | null;
  milestones: Milestone[];
  settlement?: Settlement;
}

/** The results' `contracts` part of each dossier as of its contracts' `asOf`, computed by hand. */
const EXPECTED: Record<Buyer, ExpectedContract[]> = {
  // Seed 000 Shenyang, rate-priced premium fund; winner P (rate 3.5%, deficit share 50%); asOf 2025-04-30.
  shenyang: [
    {
      lot: '1',
      year: 2024,
      // F = 90.00 元 × 4,000,000 insured at the end of January = 360,000,000.00
      // (seed 000 筹资标准“每人90元”, “按当年1月末参保人数”; DOMAIN §6 premium fund: standard × population).
      amount: '360000000.00',
      fund: '360000000.00',
      milestones: [
        // 85% × 360,000,000.00 = 306,000,000.00, due at the end of the first quarter: 2024-03-31
        // (seed 000 “每年一季度……当年总保费85%进行划拨”; DOMAIN §6.1 on-date); paid 2024-03-28.
        { name: '年度保费首期（85%）', amount: '306000000.00', status: 'paid', due: '2024-03-31' },
        // The settlement payment below, due in the next year's first quarter: 2025-03-31
        // (seed 000 “未划拨的保费在次年一季度清算后，进行一次性划拨”; DOMAIN §6.1 after-settlement); paid 2025-03-26.
        { name: '年度保费清算款', amount: '46537000.00', status: 'paid', due: '2025-03-31' },
      ],
      // SY-17 (seed 000 考核标准): item 1 3 cases −3, item 3 1 of 2 −5, item 8 3 of 5 −2, item 16 4 cases −4,
      // item 17 judged 4 of 10 −6: 100 − 20 = 80 < 85, failed (seed 000 “85分(含)以上为达标”; DOMAIN §7).
      settlement: {
        // A = 3.5% (the winning bid's rate, DOMAIN §4 rate-priced) × 360,000,000.00 = 12,600,000.00
        allowance: '12600000.00',
        // d = 0.5% × A = 63,000.00 (seed 000 “得分不达标的，当年的运营成本(含盈利率)扣减0.5%”; DOMAIN §6.2, §7)
        deduction: '63000.00',
        // A′ = 12,537,000.00; B = F − C − A′ = 360,000,000.00 − 340,000,000.00 − 12,537,000.00 = 7,463,000.00 ≥ 0
        balance: '7463000.00',
        // a surplus goes back to the fund (seed 000 “当年大病保险基金收支结余，由商业保险机构返还医保基金”)
        insurerBears: '0.00',
        fundBears: '0.00',
        surplus: '7463000.00',
        // Shenyang keeps no deposit
        forfeitedDeposit: '0.00',
        // the 85% paid before the settlement
        paidOrPayable: '306000000.00',
        // due = C + A′ = 340,000,000.00 + 12,537,000.00 = 352,537,000.00; less 306,000,000.00 = 46,537,000.00
        payment: '46537000.00',
      },
    },
  ],
  // Seed 001 the hospital: lump sum, paid half-yearly on a passed service evaluation; winner A; asOf 2025-04-30.
  hospital: [
    {
      lot: '1',
      year: 2024,
      // A's bid total, no reward component (DOMAIN §6 fixed price: the bid total is the contract amount).
      amount: '1100000.00',
      fund: null,
      milestones: [
        // 50% × 1,100,000.00 = 550,000.00 (seed 001 四、付款方式 “服务期满半年后支付该年度维保费的50%”), due 6 months
        // after the signing of 2024-03-25: 2024-09-30. H1 failed on 2024-10-08 (withheld), re-evaluated and passed on
        // 2024-10-25 (payable: “考评合格方可付款”, DOMAIN §6.1 after-service-evaluation), paid 2024-11-05.
        { name: '上半年维保费', amount: '550000.00', status: 'paid', due: '2024-09-30' },
        // the remainder 1,100,000.00 − 550,000.00 = 550,000.00, due 12 months after signing: 2025-03-31;
        // H2 passed 2025-04-08, paid 2025-04-20.
        { name: '下半年维保费', amount: '550000.00', status: 'paid', due: '2025-03-31' },
      ],
    },
  ],
  // Seed 002 Ningbo long-term care: per-capita fee after signing, reward by grade; lot 1 winner E (1.06 元); asOf 2024-05-31.
  ningbo: [
    {
      lot: '1',
      year: 2023,
      // 1.06 × 4,000,000 insured on 1 January = 4,240,000.00, + the information-system fee 300,000.00 = 4,540,000.00
      // (seed 002 合同第二条 “总经办费用=经办费用单价×每年1月1日……参保人数”, “信息系统……按照每年30万元核算”;
      // DOMAIN §6 per-capita). The 绩效考核 component 500,000.00 is the reward, paid only after the assessment.
      amount: '4540000.00',
      fund: null,
      milestones: [
        // the whole contract base, due by the end of the month after the signing of 2023-01-16: 2023-02-28
        // (第二条 “签订合同后的次月底前……一次性划拨”); paid 2023-02-24.
        { name: '年度委托经办费用（含固定费用）', amount: '4540000.00', status: 'paid', due: '2023-02-28' },
        // NB-PERF: 100 − (2 + 3.5 + min(7, weight 5) + 4.5) = 85.00, 良好 → 80% × 500,000.00 = 400,000.00
        // (第四十一条 “扣分以该项目……赋分为限”, “80分（含）-90分为‘良好’，按……最高金额的80%奖励”; DOMAIN §7); paid 2024-04-25.
        { name: '年度绩效考核奖励', amount: '400000.00', status: 'paid', due: null },
      ],
    },
  ],
  // Seed 003 Henan critical illness: premium fund, quarterly applications, retentions; winner P (rate 2.5% under the
  // lot's 3% cap, 第二十三条); asOf 2025-06-30.
  henan: [
    {
      lot: '1',
      year: 2024,
      // F = 50.00 元 × 2,000,000 = 100,000,000.00 (DOMAIN §6 premium fund)
      amount: '100000000.00',
      fund: '100000000.00',
      milestones: [
        // Each quarter the insurer applies and the bureau approves at most what remains of F net of the 5% reserve
        // (5,000,000.00) and the 3% deposit (3,000,000.00): 92,000,000.00 in all (第二十一条, 第二十二条; DOMAIN §6.1
        // on-application, retentions). Approved 23,000,000.00 each (Q1 asked 23,500,000.00, Q3 23,800,000.00), due by
        // the end of the quarter's first month (“甲方核准后于每季度第一个月底前拨付到位”), each paid before its due day.
        { name: '第一季度资金', amount: '23000000.00', status: 'paid', due: '2024-01-31' },
        { name: '第二季度资金', amount: '23000000.00', status: 'paid', due: '2024-04-30' },
        { name: '第三季度资金', amount: '23000000.00', status: 'paid', due: '2024-07-31' },
        { name: '第四季度资金', amount: '23000000.00', status: 'paid', due: '2024-10-31' },
        // HN-DB: 25 + 4 × 5 + (25 − 1 × 5) + 23 = 88 ≥ 85, passed: the deposit 3% × F = 3,000,000.00 goes back
        // (第二十二条 “根据考核结果，按规定返还乙方”, 第三十六条 assessed in May 2025); paid 2025-05-30.
        { name: '年度考核保证金返还', amount: '3000000.00', status: 'paid', due: null },
        // the settlement payment below; paid 2025-06-20.
        { name: '年度清算款', amount: '5000000.00', status: 'paid', due: null },
      ],
      settlement: {
        // A = 2.5% (the winning bid's rate, within 第二十三条 “盈利率（含运营成本）控制在……3%以内”) × 100,000,000.00
        // = 2,500,000.00 (DOMAIN §4 rate-priced, §6.2)
        allowance: '2500000.00',
        // passed: no deduction (Henan's scheme deducts nothing; a failure would forfeit the deposit instead)
        deduction: '0.00',
        // B = 100,000,000.00 − 98,500,000.00 − 2,500,000.00 = −1,000,000.00, policy-caused
        balance: '-1000000.00',
        // within-allowance: the insurer bears min(D, A′) = min(1,000,000.00, 2,500,000.00)
        // (第二十四条 “乙方在盈利率范围内承担亏损，其余部分通过风险调节金……解决”; DOMAIN §6.2)
        insurerBears: '1000000.00',
        fundBears: '0.00',
        surplus: '0.00',
        forfeitedDeposit: '0.00',
        // four quarters 92,000,000.00 + the deposit returned 3,000,000.00 = 95,000,000.00 (the reserve is never paid)
        paidOrPayable: '95000000.00',
        // due = C + A′ − bears = 98,500,000.00 + 2,500,000.00 − 1,000,000.00 = 100,000,000.00; less 95,000,000.00
        payment: '5000000.00',
      },
    },
  ],
  // Seed 004 Foshan: two lump-sum lots; lot 1 C (3,900,000.00), lot 2 B (125,000.00); asOf 2026-04-30.
  foshan: [
    {
      lot: '1',
      year: 2025,
      // C's bid total (its 20% small-enterprise deduction serves the price score only; DOMAIN §4, §6 fixed price)
      amount: '3900000.00',
      fund: null,
      milestones: [
        // 30% × 3,900,000.00 = 1,170,000.00 on signing 2025-03-28 (seed 004 付款办法 包组一（1）); paid 2025-04-03.
        { name: '签约款', amount: '1170000.00', status: 'paid', due: null },
        // 20% = 780,000.00 once served to December 2025 and the buyer satisfied (包组一（2）), due 2025-12-31;
        // December evaluated and passed 2025-12-31; paid 2026-01-15.
        { name: '服务期中款', amount: '780000.00', status: 'paid', due: '2025-12-31' },
        // the remainder 3,900,000.00 − 1,170,000.00 − 780,000.00 = 1,950,000.00 (50%) after the acceptance
        // (包组一（3） “运营服务期满且合同验收通过后”; DOMAIN §6.1 after-acceptance), passed 2026-04-10; paid 2026-04-20.
        { name: '验收款', amount: '1950000.00', status: 'paid', due: null },
      ],
    },
    {
      lot: '2',
      year: 2025,
      amount: '125000.00',
      fund: null,
      milestones: [
        // 50% × 125,000.00 = 62,500.00 on signing (包组二（1）); paid 2025-04-03.
        { name: '签约款', amount: '62500.00', status: 'paid', due: null },
        // the remainder 62,500.00 after the acceptance (包组二（2）); the acceptance of 2026-04-10 failed: withheld,
        // keeping its amount (DOMAIN §6.1 “failed → stays blocked”).
        { name: '验收款', amount: '62500.00', status: 'withheld', due: null },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------

/** Every timer but Date stays real while a signature is back-dated. */
const NOT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

describe('five buyers’ contract years through the API (DOMAIN §6–§8)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const today = chinaDay(new Date());
  const send = (method: 'post' | 'put' | 'patch', path: string, body: object, token: string) => t.as(token)[method](path).send(body);
  const post = (path: string, body: object, user = 'bureau') => send('post', path, body, tokens[user]);
  const get = (path: string, user = 'bureau') => t.as(tokens[user]).get(path);

  beforeAll(async () => {
    t = await startApp();
    for (const u of ['clerk', 'bureau']) tokens[u] = await t.login(u);
  });
  afterAll(() => t.close());

  /**
   * The dossier's tender as the procurement centre imports it, its buyer registered first so that the
   * import links the tender to it and its official (`tokens.bureau` from here on) acts on the contracts,
   * which are driven below instead of imported.
   */
  async function importTender(buyer: Buyer): Promise<number> {
    const { contracts: _contracts, assessments: _assessments, ...tender } = dossier(buyer);
    tokens.bureau = await bureauToken(t, tender.tender.purchaser);
    return (await post('/api/dossiers', tender, 'clerk').expect(201)).body.tenderId;
  }

  interface Drawn {
    id: number;
    milestones: Record<string, number>;
  }

  /** Draw up the dossier contract's year, enter its population, sign it on the dossier's day. */
  async function signContract(tenderId: number, c: Record<string, any>): Promise<Drawn> {
    // The premium contracts take their allowance rate and deficit share from the winning bid, as the dossier's do.
    const { year, schedule: scheduleTemplate, effectiveDate, fundStandard } = c;
    const body = { year, scheduleTemplate, effectiveDate, fundStandard };
    const draft = (await post(`/api/tenders/${tenderId}/lots/${c.lot}/contracts`, body).expect(201)).body;
    let version = draft.version;
    if (c.population != null) {
      version = (await send('patch', `/api/contracts/${draft.id}`, { version, population: c.population }, tokens.bureau).expect(200)).body
        .version;
    }
    // Signed on the dossier's day: only Date is faked, so that the due days hanging on the signature are the dossier's.
    jest.useFakeTimers({ now: new Date(`${c.signedOn}T10:00:00+08:00`), doNotFake: [...NOT_DATE] });
    try {
      await send('patch', `/api/contracts/${draft.id}`, { version, status: 'signed' }, tokens.bureau).expect(200);
    } finally {
      jest.useRealTimers();
    }
    // The daily job releases what fell due since (DOMAIN §8).
    await t.app.get(MilestoneEventsService).releaseDue(new Date());
    return { id: draft.id, milestones: Object.fromEntries(draft.milestones.map((m: { name: string; id: number }) => [m.name, m.id])) };
  }

  /** The dossier's payment of milestone `name`, on its day with its voucher. */
  const pay = (drawn: Drawn, c: Record<string, any>, name: string) => {
    const { paidOn, voucher } = c.payments.find((p: { milestone: string }) => p.milestone === name);
    return post(`/api/milestones/${drawn.milestones[name]}/payment`, { paidOn, voucher }).expect(200);
  };

  /** The year's assessment of the dossier: scored as the dossier scores it, published, final once objections closed. */
  async function assess(drawn: Drawn, a: Record<string, any>) {
    const created = (await post(`/api/contracts/${drawn.id}/assessments`, { schemeCode: a.scheme }).expect(201)).body;
    const scored = { items: a.items, ...(a.operatingCost && { operatingCost: a.operatingCost }) };
    const result = (await send('put', `/api/assessments/${created.id}/items`, scored, tokens.bureau).expect(200)).body.result;
    await post(`/api/assessments/${created.id}/publish`, {}).expect(200);
    // Time passes: the last day to object was yesterday.
    await t.dataSource.getRepository(ContractAssessment).update(created.id, { objectionDeadline: addDays(today, -1) });
    await post(`/api/assessments/${created.id}/finalise`, {}).expect(200);
    return { ...result, reportDue: created.deadlines.reportDue, assessmentDue: created.deadlines.assessmentDue };
  }

  /** The ledger against the hand-computed milestones, and each payment's day and voucher as the dossier gives them. */
  async function expectLedger(buyer: Buyer, drawn: Drawn, expected: ExpectedContract) {
    const ledger = (await get(`/api/contracts/${drawn.id}/ledger`).expect(200)).body;
    const { payments } = dossier(buyer).contracts.find((c: { lot: string }) => c.lot === expected.lot);
    expect(ledger.lines.map((l: any) => ({ name: l.name, amount: l.amount, status: l.status, due: l.dueDate }))).toEqual(
      expected.milestones,
    );
    expect(
      ledger.lines.filter((l: any) => l.status === 'paid').map((l: any) => ({ milestone: l.name, paidOn: l.paidOn, voucher: l.voucher })),
    ).toEqual(payments);
    const sum = (status: Status) =>
      expected.milestones
        .filter((m) => m.status === status)
        .reduce((total, m) => total.plus(m.amount!), new D(0))
        .toFixed(2);
    expect(ledger.totals).toMatchObject({ paid: sum('paid'), withheld: sum('withheld') });
  }

  it('Shenyang (seed 000): 85% in the first quarter, a failed assessment, a surplus settled in the next year', async () => {
    const d = dossier('shenyang');
    const [c] = d.contracts;
    const tender = await importTender('shenyang');
    const drawn = await signContract(tender, c);
    // The first quarter is long past: the signature made the 85% payable at once.
    await pay(drawn, c, '年度保费首期（85%）');
    expect(await assess(drawn, d.assessments[0])).toMatchObject({
      score: '80.00',
      passed: false,
      deductionAmount: '63000.00',
      // No date in seed 000: DOMAIN §7's defaults, the report a month and the assessment three months after the year.
      reportDue: '2025-01-31',
      assessmentDue: '2025-03-31',
    });
    const settled = (await post(`/api/contracts/${drawn.id}/settlement`, c.settlement).expect(201)).body;
    expect(settled).toMatchObject({ fund: EXPECTED.shenyang[0].fund, claims: c.settlement.claims, ...EXPECTED.shenyang[0].settlement });
    await pay(drawn, c, '年度保费清算款');
    await expectLedger('shenyang', drawn, EXPECTED.shenyang[0]);
  });

  it('the hospital (seed 001): a failed half-year withheld until its re-evaluation passes', async () => {
    const [c] = dossier('hospital').contracts;
    const tender = await importTender('hospital');
    const drawn = await signContract(tender, c);
    for (const e of c.serviceEvaluations) {
      const ledger = (await post(`/api/contracts/${drawn.id}/service-evaluations`, e).expect(200)).body;
      const line = ledger.lines.find((l: { name: string }) => l.name === (e.period === 'H1' ? '上半年维保费' : '下半年维保费'));
      expect(line.status).toBe(e.passed ? 'payable' : 'withheld');
    }
    for (const p of c.payments) await pay(drawn, c, p.milestone);
    await expectLedger('hospital', drawn, EXPECTED.hospital[0]);
  });

  it('Ningbo (seed 002): the fee after signing, the reward at the grade’s rate after the assessment', async () => {
    const d = dossier('ningbo');
    const [c] = d.contracts;
    const tender = await importTender('ningbo');
    const drawn = await signContract(tender, c);
    await pay(drawn, c, c.payments[0].milestone);
    expect(await assess(drawn, d.assessments[0])).toMatchObject({
      score: '85.00',
      grade: '良好',
      rewardAmount: '400000.00',
      // 第四十条: the operation report within a month after the contract year, the assessment within three months.
      reportDue: '2024-01-31',
      assessmentDue: '2024-03-31',
    });
    await pay(drawn, c, c.payments[1].milestone);
    await expectLedger('ningbo', drawn, EXPECTED.ningbo[0]);
  });

  it('Henan (seed 003): quarterly applications net of retentions, reports, the deposit back, a policy deficit within the allowance', async () => {
    const d = dossier('henan');
    const [c] = d.contracts;
    const tender = await importTender('henan');
    const drawn = await signContract(tender, c);
    const insurer = await bidderToken(t, tender, 'P');
    for (const a of c.applications) {
      const id = drawn.milestones[a.milestone];
      await send('post', `/api/milestones/${id}/application`, { requested: a.requested }, insurer).expect(200);
      await post(`/api/milestones/${id}/approval`, { approved: a.approved }).expect(200);
      await pay(drawn, c, a.milestone);
    }
    // The reports seed 003 asks for (art. 25–26): twelve monthly, the half-year and the annual analysis, each received.
    for (const r of c.reports) {
      const report = (
        await t
          .as(insurer)
          .post(`/api/contracts/${drawn.id}/reports/${r.kind}/${r.period}`)
          .attach('file', Buffer.from(`%PDF-1.4\n% ${r.kind} ${r.period}\n`), `${r.period}报告.pdf`)
          .expect(201)
      ).body;
      await post(`/api/reports/${report.id}/receive`, {}).expect(200);
    }
    const reports = (await get(`/api/reports?contractId=${drawn.id}`).expect(200)).body;
    expect(reports.map((r: { period: string; status: string }) => [r.period, r.status])).toEqual(
      c.reports.map((r: { period: string }) => [r.period, 'received']),
    );
    // 第二十六条: the half-year analysis by 15 July, the annual one by 20 January of the next year.
    const dueOf = (period: string) => reports.find((r: { period: string }) => r.period === period).dueDate;
    expect([dueOf('2024-H1'), dueOf('2024')]).toEqual(['2024-07-15', '2025-01-20']);
    expect(await assess(drawn, d.assessments[0])).toMatchObject({
      score: '88.00',
      passed: true,
      // 第三十六条: assessed in May of the next year (the scheme's `due`).
      assessmentDue: '2025-05-31',
    });
    await pay(drawn, c, '年度考核保证金返还');
    const settled = (await post(`/api/contracts/${drawn.id}/settlement`, c.settlement).expect(201)).body;
    expect(settled).toMatchObject({ fund: EXPECTED.henan[0].fund, claims: c.settlement.claims, ...EXPECTED.henan[0].settlement });
    await pay(drawn, c, '年度清算款');
    await expectLedger('henan', drawn, EXPECTED.henan[0]);
  });

  it('Foshan (seed 004): lot 1 30/20/50 paid through to its acceptance, lot 2’s failed acceptance withholds its 50%', async () => {
    const d = dossier('foshan');
    const tender = await importTender('foshan');
    for (const [i, c] of d.contracts.entries()) {
      const drawn = await signContract(tender, c);
      for (const e of c.serviceEvaluations ?? []) {
        await post(`/api/contracts/${drawn.id}/service-evaluations`, e).expect(200);
      }
      await post(`/api/contracts/${drawn.id}/acceptances`, c.acceptance).expect(200);
      for (const p of c.payments) await pay(drawn, c, p.milestone);
      await expectLedger('foshan', drawn, EXPECTED.foshan[i]);
    }
  });
});

describe('five buyers’ contract years through the CLI (`npm run cli -- evaluate FILE`)', () => {
  it.each(BUYERS)('%s: the results’ contracts part equals the hand-computed figures', async (buyer) => {
    const results = await cliEvaluate(fixtureFile(buyer));
    // The tender itself evaluates cleanly; only the contracts part is compared.
    expect(results.errors).toEqual([]);
    expect(results.contracts).toMatchObject(EXPECTED[buyer]);
  });
});

describe('five buyers’ contract years imported whole through the API (`POST /api/dossiers`)', () => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await startApp();
    clerk = await t.login('clerk');
  });
  afterAll(() => t.close());

  it.each(BUYERS)('%s: the results’ contracts part equals the hand-computed figures', async (buyer) => {
    const { tenderId } = (await t.as(clerk).post('/api/dossiers').send(dossier(buyer)).expect(201)).body;
    const results = (await t.as(clerk).get(`/api/tenders/${tenderId}/results`).expect(200)).body;
    expect(results.contracts).toMatchObject(EXPECTED[buyer]);
  });
});
