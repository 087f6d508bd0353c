import { ServiceUnavailableException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import puppeteer from 'puppeteer-core';
import { loadExampleDossier } from '../../test/example-dossier';
import { startApp, TestApp } from '../../test/harness';
import { pdfText, squeezed } from '../../test/pdf-text';
import { contractFees, contractAmount, serviceAmount } from '../domain/contracts/amounts';
import { scheduleMilestones } from '../domain/contracts/payment-schedule';
import { loadScheduleTemplates } from '../contracts/schedule-templates';
import { awardNoticeDocument, contractDocument } from '../contracts/contract-document';
import { evaluationReportData } from '../evaluation/evaluation-report';
import { evaluateDossier } from '../domain/evaluation/evaluate-dossier';
import { DocumentsService, type DocumentOwner } from './documents.service';
import { PrintRun } from './print-run.entity';
import { capitals, money } from './format';

// Chromium starts and prints in seconds, not milliseconds, on a shared two-core machine.
jest.setTimeout(60_000);

const dossier = loadExampleDossier();
const tender = { ...dossier.tender };
const lot1 = { ...dossier.lots[0], basePopulation: dossier.lots[0].basePopulation!, minStaff: dossier.lots[0].minStaff ?? null };
const bidderName = (code: string) => dossier.bidders.find((b) => b.code === code)!.name;

/** The contract of lot 1 (winner E at 1.06) for 2023 at the base population, drawn as the service draws it. */
function lot1Contract() {
  const fees = contractFees(lot1.fixedComponents);
  const service = serviceAmount('1.06', lot1.basePopulation);
  const total = contractAmount(service, fees);
  const schedule = loadScheduleTemplates().get('ningbo')!;
  const milestones = scheduleMilestones(schedule.milestones, {
    year: 2023,
    bases: { contract: total, fund: null, reward: '500000.00', deposit: null },
    signedOn: null,
  });
  const facts = {
    kind: 'per-capita' as const,
    year: 2023,
    status: 'draft' as const,
    termStart: '2023-01-01',
    termEnd: '2023-12-31',
    unitPrice: '1.06',
    population: null,
    serviceAmount: service,
    fixedFees: fees,
    contractAmount: total,
    rewardBudget: '500000.00',
    fundStandard: null,
    fund: null,
    allowanceRate: null,
    allowance: null,
    policyDeficitShare: null,
    deficitRule: null,
    retentions: [],
  };
  return contractDocument(tender, lot1, bidderName('E'), facts, milestones, schedule, dossier.assessmentSchemes!, 10);
}

function lot1Notice() {
  const { unitPrice, serviceTotal, total, fixedComponents } = dossier.bids.find((b) => b.bidder === 'E' && b.lot === '1')!;
  const bid = { unitPrice: unitPrice!, serviceTotal: serviceTotal!, total: total!, fixedComponents, rate: null, deficitShare: null };
  return awardNoticeDocument(tender, lot1, bidderName('E'), bid, '95.12', '2022-10-08', true);
}

/** The evaluation report's data from the example's results (what the report issue will build). */
function evaluationReport(lotCopies = 1) {
  const data = evaluationReportData(dossier, evaluateDossier(dossier), '2022-09-28');
  // Many rows make the table run over pages, which is what the header repetition is for.
  return { ...data, lots: data.lots.map((l) => ({ ...l, bids: Array.from({ length: lotCopies }, () => l.bids).flat() })) };
}

function assessmentReport() {
  const scheme = dossier.assessmentSchemes!.find((s) => s.code === 'NB-PERF')!;
  const assessment = dossier.assessments![0];
  const result = evaluateDossier(dossier).assessments[0];
  const items = scheme.items.map((i) => {
    const scored = assessment.items.find((x) => x.no === i.no);
    return { no: i.no, name: i.name, max: i.max, value: scored?.deduction ?? '0', note: scored?.note ?? '' };
  });
  return {
    title: `${assessment.year}年度履约考核报告 第${lot1.no}包`,
    generatedOn: '2024-03-20',
    tender,
    lot: lot1,
    year: assessment.year,
    insurer: bidderName('E'),
    scheme,
    items,
    result,
    maxReward: assessment.maxReward,
  };
}

describe('documents: templates rendered by the shared Chromium', () => {
  let t: TestApp;
  let documents: DocumentsService;
  const launch = jest.spyOn(puppeteer, 'launch');

  beforeAll(async () => {
    t = await startApp();
    documents = t.app.get(DocumentsService);
  });
  afterAll(async () => {
    launch.mockRestore();
    await t.close();
  });

  it('contract: parties, lot, regions, amounts in figures and capitals, header and page numbers', async () => {
    const data = lot1Contract();
    const { text, pages } = await pdfText(await documents.renderPdf(data.template, data));
    const flat = squeezed(text);
    for (const phrase of [
      '宁波市医疗保障局',
      '戊康保险经纪服务有限公司',
      '第1包（中心片区）',
      '海曙区、江北区、镇海区、北仑区、鄞州区、高新区',
      '甲方（采购人）',
      '乙方（中标人）',
    ]) {
      expect(flat).toContain(phrase);
    }
    // 1.06 × 3,994,965 = 4,234,662.90, plus the information-system fee of 300,000.
    for (const amount of ['4234662.90', '300000.00', '4534662.90', '500000.00']) {
      expect(flat).toContain(money(amount));
      expect(flat).toContain(capitals(amount));
    }
    expect(flat).toContain('肆佰伍拾叁万肆仟陆佰陆拾贰元玖角');
    expect(flat).toContain('3,994,965人');
    expect(flat).toContain('2023年1月1日起至2023年12月31日止');
    expect(flat).toContain('90分（含）以上为“优秀”');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(squeezed(page)).toContain(`第${i + 1}页共${pages.length}页`);
      expect(squeezed(page)).toContain(squeezed(data.title));
    });
  });

  it('award notice: winner, lot, price and total in figures and capitals', async () => {
    const flat = squeezed((await pdfText(await documents.renderPdf('award-notice', lot1Notice()))).text);
    for (const phrase of [
      '中标通知书',
      '戊康保险经纪服务有限公司：',
      '第1包（中心片区）',
      '1.06元/人/年',
      '95.12',
      '2022年10月8日',
      '2023年1月1日至2025年12月31日',
    ]) {
      expect(flat).toContain(phrase);
    }
    expect(flat).toContain(`人民币伍佰零叁万肆仟陆佰陆拾贰元玖角（¥5,034,662.90）`);
  });

  it('evaluation report: a table longer than a page repeats its header on every page', async () => {
    const { pages } = await pdfText(await documents.renderPdf('evaluation-report', evaluationReport(6)));
    expect(pages.length).toBeGreaterThan(3);
    const withTable = pages.filter((p) => squeezed(p).includes('戊康保险经纪服务有限公司'));
    // Each page that continues a table starts with that table's header: the ranking or the category scores.
    for (const page of withTable)
      expect(squeezed(page)).toMatch(/投标人有效性评审价格（元）价格分其他因素得分综合得分排名|投标人基础能力经营情况/);
    const flat = squeezed(pages.join(''));
    expect(flat).toContain('推荐中标人：戊康保险经纪服务有限公司');
    expect(flat).toContain('评标委员会签字');
  });

  it('assessment report: score, grade and reward in figures and capitals', async () => {
    const flat = squeezed((await pdfText(await documents.renderPdf('assessment-report', assessmentReport()))).text);
    for (const phrase of [
      '2023年度履约考核报告',
      '戊康保险经纪服务有限公司',
      '93.50分',
      '“优秀”',
      '扣3.5分',
      '巡查覆盖不足',
      '人民币伍拾万元整（¥500,000.00）',
    ]) {
      expect(flat).toContain(phrase);
    }
  });

  it('stores each generation as a new version with its SHA-256', async () => {
    const owner: DocumentOwner = { ownerType: 'test', ownerId: 1, kind: 'contract' };
    const first = await documents.generate(null, owner, 'contract-per-capita', lot1Contract());
    const second = await documents.generate(null, owner, 'contract-per-capita', lot1Contract());
    expect([first.version, second.version]).toEqual([1, 2]);
    const latest = (await documents.find(owner))!;
    expect(latest.version).toBe(2);
    expect(createHash('sha256').update(latest.content).digest('hex')).toBe(second.sha256);
    expect(latest.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await documents.find(owner, 1))!.sha256).toBe(first.sha256);
    expect((await documents.versions(owner)).map((v) => [v.version, 'content' in v])).toEqual([
      [2, false],
      [1, false],
    ]);
  });

  it('prints every document of the app, concurrent ones too, through one browser and a bounded page pool', async () => {
    const pdfs = await Promise.all(Array.from({ length: 6 }, () => documents.renderPdf('award-notice', lot1Notice())));
    expect(pdfs.every((p) => p.subarray(0, 5).toString() === '%PDF-')).toBe(true);
    expect(launch).toHaveBeenCalledTimes(1);
  });

  it('prints in the background one run per document at a time, and reports a failed run once', async () => {
    const owner = { ownerType: 'test', ownerId: 1, kind: 'evaluation-report' as const };
    let release!: () => void;
    const generate = jest.fn(
      () =>
        new Promise<never>((_, reject) => {
          release = () => reject(new ServiceUnavailableException('printer on fire'));
        }),
    );
    expect(await documents.generating(owner)).toBe(false);
    await documents.startGeneration(owner, generate);
    await documents.startGeneration(owner, generate); // joins the run under way
    expect(generate).toHaveBeenCalledTimes(1);
    expect(await documents.generating(owner)).toBe(true);
    release();
    const runs = t.dataSource.getRepository(PrintRun);
    while ((await runs.findOneByOrFail({ ownerKey: 'test 1 evaluation-report' })).failureStatus === null) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await expect(documents.generating(owner)).rejects.toMatchObject({ status: 503, message: 'printer on fire' });
    expect(await documents.generating(owner)).toBe(false); // reported once; the next request starts afresh
  });

  it('forgets a run left behind by a server that died while printing', async () => {
    const owner = { ownerType: 'test', ownerId: 2, kind: 'evaluation-report' as const };
    const runs = t.dataSource.getRepository(PrintRun);
    await runs.insert({
      ownerKey: 'test 2 evaluation-report',
      startedAt: new Date(Date.now() - 11 * 60_000),
      failureStatus: null,
      failureMessage: null,
    });
    await expect(documents.generating(owner)).rejects.toMatchObject({ status: 503 });
    expect(await documents.generating(owner)).toBe(false);
  });
});
