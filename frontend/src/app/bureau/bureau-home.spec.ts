import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { type ContractSummary, CreateContractSchema, ScheduleTemplateSchema } from '@domain/wire/contracts';
import { TenderSummarySchema } from '@domain/wire/tenders';
import { contract, contractSummary } from '../testing/contracts';
import { lotResult, tenderResults } from '../testing/results';
import { bidderView, lotView, tenderDetail, tenderSummary } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { answerPage, answerPageWhenAsked } from '../testing/pages';
import { BureauHome, suggestedTemplate } from './bureau-home';
import { useHttpTesting } from '../testing/http';
import { choose, selectOptions } from '../testing/forms';

const templates = answer(ScheduleTemplateSchema.array(), [
  {
    code: 'henan',
    name: '河南大病保险：按季申请拨付',
    source: 'seed 003',
    deficitRule: 'within-allowance',
    milestones: [{ name: '第一季度资金', base: 'fund', trigger: 'on-application' }],
    notes: [],
  },
  {
    code: 'ningbo',
    name: '宁波长护经办：签约后次月底前一次性拨付',
    source: 'seed 002',
    milestones: [{ name: '年度委托经办服务费', share: '1', trigger: 'on-signing' }],
    notes: [],
  },
]);

describe('BureauHome', () => {
  const http = useHttpTesting();

  async function open(contracts: ContractSummary[]) {
    const fixture = TestBed.createComponent(BureauHome);
    await fixture.whenStable();
    expect(answerPage(http, '/api/contracts', contracts)).toEqual({ page: '1', pageSize: '20' });
    http
      .expectOne('/api/tenders')
      .flush(
        answer(TenderSummarySchema.array(), [
          tenderSummary({ id: 3, code: 'NBZFCG2022B031G', name: '宁波市长期护理保险委托经办服务项目', status: 'awarded' }),
          tenderSummary({ id: 4, code: 'T4', name: '评标中项目', purchaser: '某局', status: 'evaluation' }),
          tenderSummary({ id: 5, code: 'T5', name: '资格审查项目', purchaser: '某局', status: 'qualification' }),
        ]),
      );
    http.expectOne('/api/contracts/schedule-templates').flush(templates);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  it('lists the contracts with their figures and Chinese statuses', async () => {
    const fixture = await open([
      contractSummary(),
      contractSummary({
        id: 8,
        lotNo: '2',
        lotName: '慈溪',
        population: 1200000,
        serviceAmount: '1476000.00',
        contractAmount: '1476000.00',
        status: 'signed',
        insurer: '中国太平洋财产保险股份有限公司',
      }),
    ]);
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('合同管理');
    const rows = [...page.querySelectorAll('tr.contract-row')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('NBZFCG2022B031G');
    expect(rows[0].querySelector('.service-amount')?.textContent?.trim()).toBe('4,913,806.95');
    expect(rows[0].querySelector('.contract-amount')?.textContent?.trim()).toBe('5,213,806.95');
    expect(rows[0].querySelector('.population')?.textContent).toContain('未录入');
    expect(rows[0].querySelector('.status')?.textContent?.trim()).toBe('草稿');
    expect(rows[1].querySelector('.population')?.textContent?.trim()).toBe('1,200,000');
    expect(rows[1].querySelector('.status')?.textContent?.trim()).toBe('已签订');
    expect(rows[1].querySelector('.insurer')?.textContent).toContain('太平洋');
    expect(rows[1].querySelector('a.contract-link')?.getAttribute('href')).toBe('/bureau/contracts/8');
    // Only tenders whose results can name winners are offered; those not yet confirmed say so.
    expect(page.querySelector('#contract-tender')?.closest('nz-select')?.textContent).toContain('（请选择已评出中标人的项目）');
    const tenderOptions = (await selectOptions(fixture, 'nz-select[nzId="contract-tender"]')).map((o) => o.getAttribute('title'));
    expect(tenderOptions).toEqual(['NBZFCG2022B031G 宁波市长期护理保险委托经办服务项目', 'T4 评标中项目（评标中，尚未确认定标）']);
  });

  it('searches, filters and sorts the contracts on the server, with the total', async () => {
    const fixture = await open([contractSummary()]);
    const page = fixture.nativeElement as HTMLElement;
    const q = page.querySelector<HTMLInputElement>('#contract-q')!;
    q.value = '太平洋';
    q.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.contract-search button[type=submit]')!.click();
    expect(await answerPageWhenAsked(http, '/api/contracts', [contractSummary()], 41)).toEqual({ page: '1', pageSize: '20', q: '太平洋' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.textContent).toContain('共 41 份合同');
    page.querySelector<HTMLElement>('th[nzColumnKey="year"]')!.click();
    expect(await answerPageWhenAsked(http, '/api/contracts', [contractSummary()], 41)).toEqual({
      page: '1',
      pageSize: '20',
      sort: 'year',
      order: 'asc',
      q: '太平洋',
    });
  });

  it('creates the draft contract of an awarded lot with its winner, year and schedule', async () => {
    const fixture = await open([contractSummary()]);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const page = fixture.nativeElement as HTMLElement;
    await choose(fixture, 'nz-select[nzId="contract-tender"]', '3');
    http.expectOne('/api/tenders/3').flush(
      tenderDetail({
        id: 3,
        status: 'awarded',
        lots: [lotView('1', { name: '市区' }), lotView('2', { name: '慈溪' }), lotView('3', { name: '余姚' })],
        bidders: [bidderView('PICC', '人保财险宁波分公司'), bidderView('CPIC', '太保财险宁波分公司', { id: 2 })],
      }),
    );
    http
      .expectOne('/api/tenders/3/results')
      .flush(
        tenderResults('NBZFCG2022B031G', [
          lotResult('1', { winner: 'PICC' }),
          lotResult('2', { winner: 'CPIC' }),
          lotResult('3', { status: 'failed', failReason: '有效投标不足' }),
        ]),
      );
    // The tender's contracts, whatever page the table shows.
    http.expectOne('/api/contracts?tenderId=3').flush([contractSummary()]);
    await fixture.whenStable();
    // The tender's own schedules come first; this one brought none.
    http.expectOne('/api/contracts/schedule-templates?tenderId=3').flush(templates);
    await fixture.whenStable();

    expect(page.querySelector('#contract-schedule')?.closest('nz-select')?.textContent).toContain('宁波长护经办');
    const lotOptions = (await selectOptions(fixture, 'nz-select[nzId="contract-lot"]')).map((o) => o.getAttribute('title'));
    expect(lotOptions).toEqual(['标包1 市区 — 中标人：人保财险宁波分公司', '标包2 慈溪 — 中标人：太保财险宁波分公司']);
    // Lot 1 already has its 2023 contract: the next year is proposed; the Ningbo schedule suits the purchaser.
    expect(page.querySelector<HTMLInputElement>('#contract-year')!.value).toBe('2024');

    await choose(fixture, 'nz-select[nzId="contract-lot"]', '2');
    expect(page.querySelector<HTMLInputElement>('#contract-year')!.value).toBe('2023');

    page.querySelector<HTMLButtonElement>('#create-contract')!.click();
    const req = http.expectOne('/api/tenders/3/lots/2/contracts');
    expect(req.request.method).toBe('POST');
    expect(sent(CreateContractSchema, req.request.body)).toEqual({ year: 2023, scheduleTemplate: 'ningbo' });
    req.flush(contract({ id: 9, lotNo: '2', milestones: [] }));
    expect(navigate).toHaveBeenCalledWith(['/bureau/contracts', 9]);
  });

  it('exports the chosen year’s payment ledger as Excel', async () => {
    const fixture = await open([contractSummary()]);
    const page = fixture.nativeElement as HTMLElement;
    const input = page.querySelector<HTMLInputElement>('#ledger-year')!;
    input.value = '2023';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:xlsx'), revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    page.querySelector<HTMLButtonElement>('#export-ledger')!.click();
    const req = http.expectOne((r) => r.url === '/api/ledger.xlsx');
    expect(req.request.params.get('year')).toBe('2023');
    req.flush(new Blob(['xlsx']));
    expect(click).toHaveBeenCalledTimes(1);
  });

  it('shows the reason a contract cannot be drawn up', async () => {
    const fixture = await open([]);
    const page = fixture.nativeElement as HTMLElement;
    await choose(fixture, 'nz-select[nzId="contract-tender"]', '3');
    http.expectOne('/api/tenders/3').flush(tenderDetail({ id: 3, status: 'awarded', lots: [lotView('1', { name: '市区' })] }));
    http.expectOne('/api/tenders/3/results').flush(tenderResults('T', [lotResult('1', { winner: 'PICC' })]));
    http.expectOne('/api/contracts?tenderId=3').flush([]);
    http.expectOne('/api/contracts/schedule-templates?tenderId=3').flush(templates);
    await fixture.whenStable();
    const year = page.querySelector<HTMLInputElement>('#contract-year')!;
    year.value = '2030';
    year.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('#create-contract')!.click();
    const req = http.expectOne('/api/tenders/3/lots/1/contracts');
    expect(req.request.body.year).toBe(2030);
    req.flush(
      { statusCode: 400, message: '输入有误', errors: [{ path: 'year', message: '合同年度须在服务期2023-2025内' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const item = year.closest('nz-form-item')!;
    expect(item.classList).toContain('ant-form-item-has-error');
    expect(item.querySelector('.ant-form-item-explain-error')?.textContent).toContain('服务期2023-2025');
  });

  it('suggests the schedule of the purchaser’s city, among those for the lot', () => {
    expect(suggestedTemplate(templates, '河南省医疗保障局')).toBe('henan');
    expect(suggestedTemplate(templates, '宁波市医疗保障局')).toBe('ningbo');
    expect(suggestedTemplate(templates, '某市医保局')).toBe('henan');
    expect(suggestedTemplate([], '某市医保局')).toBe('');
    const perLot = answer(ScheduleTemplateSchema.array(), [
      { code: 'fs-1', name: '佛山包组一', lots: ['1'], milestones: [{ name: '签约款', remainder: true, trigger: 'on-signing' }] },
      { code: 'fs-2', name: '佛山包组二', lots: ['2'], milestones: [{ name: '签约款', remainder: true, trigger: 'on-signing' }] },
    ]);
    expect(suggestedTemplate(perLot, '佛山市医疗保障局', '2')).toBe('fs-2');
  });
});
