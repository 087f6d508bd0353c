import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import {
  type AssessmentHistory,
  AssessmentHistorySchema,
  CreateAssessmentSchema,
  OverdueItemSchema,
  RewardSplitResultSchema,
  RewardSplitSchema,
  TerminationSchema,
} from '@domain/wire/assessments';
import type { ContractSummary } from '@domain/wire/contracts';
import { OrganizationSchema } from '@domain/wire/users';
import { DEDUCTION_SCHEME, detail, historyEntry, POINTS_SCHEME, result, summary } from '../testing/assessments';
import { contractSummary } from '../testing/contracts';
import { useChartStubs } from '../testing/charts';
import { answer, sent } from '../testing/wire';
import { BureauAssessments, suggestedScheme } from './assessments';
import { answerPage } from '../testing/pages';
import { useHttpTesting } from '../testing/http';
import { choose, selectOptions, type } from '../testing/forms';

/** A Shenyang contract: its purchaser's city names the scheme to suggest. */
const contract = (overrides: Partial<ContractSummary> = {}): ContractSummary =>
  contractSummary({
    year: 2024,
    unitPrice: '90.00',
    population: 1000,
    serviceAmount: '90000.00',
    fixedFees: [],
    contractAmount: '90000.00',
    rewardBudget: null,
    scheduleTemplate: 'shenyang',
    status: 'signed',
    signedAt: '2024-01-05T02:00:00.000Z',
    version: 2,
    tenderCode: 'SYYB2023-01',
    tenderName: '沈阳市城乡居民大病保险项目',
    purchaser: '沈阳市医疗保障局',
    lotName: '全市',
    regions: ['沈阳'],
    basePopulation: 1000,
    insurer: '中国人寿保险股份有限公司沈阳分公司',
    ...overrides,
  });

const overdue = answer(OverdueItemSchema.array(), [
  {
    kind: 'report',
    contractId: 8,
    assessmentId: null,
    period: '',
    dueDate: '2025-01-31',
    daysOverdue: 12,
    tenderId: 3,
    tenderCode: 'SYYB2023-01',
    lotNo: '2',
    year: 2024,
    insurer: '甲保险',
    organizationId: 12,
    noticedAt: null,
  },
  {
    kind: 'reward-payment',
    contractId: 9,
    assessmentId: 6,
    period: '',
    dueDate: '2025-05-10',
    daysOverdue: 3,
    tenderId: 4,
    tenderCode: 'NB-2022',
    lotNo: '1',
    year: 2024,
    insurer: '乙保险',
    organizationId: 13,
    noticedAt: null,
  },
]);

const terminations = answer(TerminationSchema.array(), [
  {
    assessmentId: 6,
    contractId: 9,
    contractStatus: 'signed',
    tenderId: 4,
    tenderCode: 'NB-2022',
    lotNo: '1',
    lotName: '市区',
    year: 2024,
    insurer: '乙保险',
    organizationId: 13,
    score: '58.00',
    grade: '不合格',
    finalisedAt: '2025-04-10T02:00:00.000Z',
    retender: true,
  },
]);

const history = (id: number, name: string, scores: [number, string, string | null, boolean][]): AssessmentHistory =>
  answer(AssessmentHistorySchema, {
    organization: { id, code: `O${id}`, name },
    entries: scores.map(([year, score, grade, passed], i) =>
      historyEntry({ assessmentId: id * 100 + i, contractId: id * 100 + i, year, score, grade, passed }),
    ),
    repeatedFailures: null,
  });

describe('BureauAssessments', () => {
  const http = useHttpTesting();
  useChartStubs();

  async function open() {
    const fixture = TestBed.createComponent(BureauAssessments);
    await fixture.whenStable();
    const list = [
      summary({ status: 'final', result: result({ score: '86.50', grade: '达标', passed: true, complete: true, unscored: [] }) }),
      summary({
        id: 6,
        contractId: 9,
        status: 'published',
        kind: 'deduction',
        schemeCode: 'NB-PERF',
        schemeName: DEDUCTION_SCHEME.name,
        tenderCode: 'NB-2022',
        result: result({
          score: '82.00',
          grade: '良好',
          passed: true,
          rewardRate: '0.80',
          rewardAmount: '400000.00',
          complete: true,
          unscored: [],
        }),
      }),
    ];
    expect(answerPage(http, '/api/assessments', list.slice(), 2)).toEqual({ page: '1', pageSize: '20' });
    http.expectOne('/api/assessments').flush(list);
    http.expectOne('/api/assessments/overdue').flush(overdue);
    http.expectOne('/api/assessments/terminations').flush(terminations);
    http
      .expectOne('/api/contracts')
      .flush([contract(), contract({ id: 10, lotNo: '2', lotName: '郊区' }), contract({ id: 11, status: 'draft' })]);
    http.expectOne('/api/organizations').flush(
      answer(OrganizationSchema.array(), [
        { id: 1, code: 'BUREAU', name: '医保局', kind: 'bureau', createdAt: '2024-01-01T00:00:00.000Z', usersCount: 1 },
        { id: 11, code: 'A', name: '甲保险', kind: 'insurer', createdAt: '2024-01-01T00:00:00.000Z', usersCount: 1 },
      ]),
    );
    http.expectOne('/api/organizations/11/assessment-history').flush(history(11, '甲保险', [[2023, '84.90', '不达标', false]]));
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the assessments with their results, the overdue items and the termination marks', async () => {
    const { fixture, page } = await open();
    const rows = [...page.querySelectorAll('tr.assessment-row')];
    expect(rows).toHaveLength(2);
    expect(rows[0].querySelector('.status')?.textContent).toBe('已定稿');
    expect(rows[0].querySelector('.score')?.textContent).toBe('86.5');
    expect(rows[0].querySelector('.grade')?.textContent).toContain('达标');
    expect(rows[0].querySelector('.money')?.textContent).toContain('全额支付');
    expect(rows[1].querySelector('.status')?.textContent).toBe('已公布');
    expect(rows[1].querySelector('.grade')?.textContent).toContain('良好');
    expect(rows[1].querySelector('.money')?.textContent).toContain('400,000.00');
    expect(rows[1].querySelector('.money')?.textContent).toContain('80%');

    const late = [...page.querySelectorAll('tr.overdue')];
    expect(late.map((r) => r.querySelector('.overdue-kind')?.textContent?.trim())).toEqual(['报告逾期', '奖励支付逾期']);
    expect(late[0].textContent).toContain('尚未开始考核');
    expect(late[0].textContent).toContain('2025-01-31');
    expect(late[1].querySelector('a')?.getAttribute('href')).toBe('/bureau/assessments/6');

    const marks = page.querySelectorAll('tr.termination');
    expect(marks).toHaveLength(1);
    expect(marks[0].textContent).toContain('不合格，提前终止合同并重新招标');
    expect(marks[0].textContent).toContain('乙保险');

    // Only signed contracts without an assessment can be started.
    const options = (await selectOptions(fixture, 'nz-select[nzId="assessment-contract"]')).map((o) => o.getAttribute('title'));
    expect(options).toEqual([expect.stringMatching(/ 2024年 — /)]);
    expect(page.querySelectorAll('.history-chart[echarts]')).toHaveLength(1);
    expect([...page.querySelectorAll('.legend-item')].map((l) => l.getAttribute('data-org'))).toEqual(['11']);
  });

  it('filters by year and status on the server', async () => {
    const { fixture, page } = await open();
    expect((await selectOptions(fixture, '.filters nz-select')).map((o) => o.getAttribute('title'))).toEqual(['2024年']);
    await choose(fixture, '.filters nz-select', 2024);
    expect(answerPage(http, '/api/assessments', [])).toEqual({ page: '1', pageSize: '20', year: '2024' });
    await fixture.whenStable();
    await choose(fixture, '.filters nz-select', 'published', 1);
    expect(answerPage(http, '/api/assessments', [summary({ status: 'published' })])).toEqual({
      page: '1',
      pageSize: '20',
      year: '2024',
      status: 'published',
    });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelectorAll('tr.assessment-row')).toHaveLength(1);
    expect(page.textContent).toContain('共 1 项考核');
  });

  it('searches a part of the code or insurer on the server, and clears every filter', async () => {
    const { fixture, page } = await open();
    await choose(fixture, '.filters nz-select', 'published', 1);
    expect(answerPage(http, '/api/assessments', [])).toEqual({ page: '1', pageSize: '20', status: 'published' });
    await fixture.whenStable();
    await type(fixture, '#filter-q', ' 人寿 ');
    page.querySelector<HTMLButtonElement>('#search-assessments')!.click();
    expect(answerPage(http, '/api/assessments', [])).toEqual({ page: '1', pageSize: '20', status: 'published', q: '人寿' });
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#clear-filters')!.click();
    expect(answerPage(http, '/api/assessments', [])).toEqual({ page: '1', pageSize: '20' });
  });

  it('downloads the results workbook of a year, and shows a refused year under it', async () => {
    const { fixture, page } = await open();
    expect(page.querySelector('#results-year')?.closest('nz-select')?.textContent).toContain('2024年');
    page.querySelector<HTMLButtonElement>('#download-results')!.click();
    const req = http.expectOne((r) => r.url === '/api/assessments/results.xlsx');
    expect(req.request.params.get('year')).toBe('2024');
    req.flush(new Blob([JSON.stringify({ statusCode: 400, message: '输入有误', errors: [{ path: 'year', message: '该年度尚无考核' }] })]), {
      status: 400,
      statusText: 'Bad Request',
    });
    const item = page.querySelector('#results-year')!.closest('nz-form-item')!;
    await vi.waitFor(() => {
      fixture.detectChanges();
      expect(item.querySelector('.ant-form-item-explain-error')?.textContent?.trim()).toBe('该年度尚无考核');
    });
    expect(page.querySelector('.results-error')?.textContent).toContain('输入有误');
  });

  it('starts an assessment for a signed contract with the suggested scheme', async () => {
    const { fixture, page } = await open();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const [contract] = await selectOptions(fixture, 'nz-select[nzId="assessment-contract"]');
    contract.click();
    http.expectOne('/api/assessment-schemes?tenderId=3').flush([
      { ...DEDUCTION_SCHEME, tenderId: null },
      { ...POINTS_SCHEME, tenderId: null },
    ]);
    await fixture.whenStable();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(page.querySelector('#assessment-scheme')?.closest('nz-select')?.textContent).toContain(POINTS_SCHEME.name);
    page.querySelector<HTMLButtonElement>('#start-assessment')!.click();
    const req = http.expectOne('/api/contracts/10/assessments');
    expect(req.request.method).toBe('POST');
    expect(sent(CreateAssessmentSchema, req.request.body)).toEqual({ schemeCode: 'SY-17' });
    req.flush(detail({ id: 42, contractId: 10 }));
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith(['/bureau/assessments', 42]);
  });

  it('splits the yearly reward budget and shows the shares', async () => {
    const { fixture, page } = await open();
    await choose(fixture, 'nz-select[nzId="split-tender"]', '3');
    await fixture.whenStable();
    expect(page.querySelector<HTMLInputElement>('#split-year')?.value).toBe('2024');
    const budget = page.querySelector<HTMLInputElement>('#split-budget')!;
    budget.value = '1000000';
    budget.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.split-form .ant-form-item-extra')?.textContent?.trim()).toBe('壹佰万元整');
    page.querySelector<HTMLButtonElement>('#save-split')!.click();
    const req = http.expectOne('/api/assessments/reward-split');
    expect(sent(RewardSplitSchema, req.request.body)).toEqual({ tenderId: 3, year: 2024, budget: '1000000.00' });
    req.flush(
      answer(RewardSplitResultSchema, {
        tenderId: 3,
        year: 2024,
        budget: '1000000.00',
        shares: [
          { lotNo: '1', contractId: 7, contractAmount: '90000.00', share: '333333.33' },
          { lotNo: '2', contractId: 10, contractAmount: '180000.00', share: '666666.67' },
        ],
      }),
    );
    answerPage(http, '/api/assessments', []);
    http.expectOne('/api/assessments').flush([]);
    await fixture.whenStable();
    const shares = [...page.querySelectorAll('tr.split-share .share')].map((c) => c.textContent);
    expect(shares).toEqual(['333,333.33', '666,666.67']);
    expect(page.querySelector('tr.split-total')?.textContent).toContain('1,000,000.00');
  });

  it('shows the server’s reason when the split is refused', async () => {
    const { fixture, page } = await open();
    await choose(fixture, 'nz-select[nzId="split-tender"]', '3');
    const budget = page.querySelector<HTMLInputElement>('#split-budget')!;
    budget.value = '2000000';
    budget.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#save-split')!.click();
    http
      .expectOne('/api/assessments/reward-split')
      .flush(
        { statusCode: 400, message: '输入有误', errors: [{ path: 'budget', message: '年度奖励预算须大于0且不超过1,000,000元' }] },
        { status: 400, statusText: 'Bad Request' },
      );
    await fixture.whenStable();
    expect(
      page.querySelector('#split-budget')?.closest('nz-form-control')?.querySelector('.ant-form-item-explain-error')?.textContent,
    ).toContain('不超过1,000,000元');
  });
});

describe('suggestedScheme', () => {
  const c = { tenderId: 9, purchaser: '宁波市医疗保障局', rewardBudget: '500000.00' };
  it('prefers the tender’s own scheme, then the purchaser’s city, then the kind', () => {
    expect(
      suggestedScheme(
        [
          { ...POINTS_SCHEME, tenderId: null },
          { ...DEDUCTION_SCHEME, tenderId: 9, code: 'OWN' },
        ],
        c,
      ),
    ).toBe('OWN');
    expect(
      suggestedScheme(
        [
          { ...POINTS_SCHEME, tenderId: null },
          { ...DEDUCTION_SCHEME, tenderId: null },
        ],
        c,
      ),
    ).toBe('NB-PERF');
    expect(
      suggestedScheme(
        [
          { ...POINTS_SCHEME, tenderId: null, name: '考核A' },
          { ...DEDUCTION_SCHEME, tenderId: null, name: '考核B' },
        ],
        c,
      ),
    ).toBe('NB-PERF');
  });
});
