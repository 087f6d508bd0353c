import { TestBed } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import { type ContractDetail, ScheduleTemplateSchema, UpdateContractSchema } from '@domain/wire/contracts';
import { contract as changedContract, contractDetail, contractLedger, documentInfo, milestone } from '../testing/contracts';
import { tenderDetail } from '../testing/tenders';
import { answer, problem, sent } from '../testing/wire';
import { ContractDetail as ContractPage, dueText } from './contract-detail';
import { useHttpTesting } from '../testing/http';
import { confirmPopover } from '../testing/overlay';
import { useChartStubs } from '../testing/charts';
import { ContractSettlement } from '../shared/contract-settlement';

/** The contract as GET answers it, at version 3. */
const contract = (overrides: Partial<ContractDetail> = {}): ContractDetail => contractDetail({ version: 3, ...overrides });

const CHROMIUM_503 = problem(
  503,
  'PDF 生成暂不可用：CHROMIUM_PATH=/usr/bin/chromium 处没有浏览器，请将 CHROMIUM_PATH 设为 Chromium 可执行文件',
);

describe('ContractDetail', () => {
  const http = useHttpTesting();
  useChartStubs();

  async function open(data: ContractDetail = contract()) {
    const fixture = TestBed.createComponent(ContractPage);
    fixture.componentRef.setInput('id', '7');
    await fixture.whenStable();
    http.expectOne('/api/contracts/7').flush(data);
    http.expectOne('/api/contracts/schedule-templates').flush(
      answer(ScheduleTemplateSchema.array(), [
        {
          code: 'ningbo',
          name: '宁波模式：签约后次月底前一次性拨付',
          source: 'seed 002',
          milestones: [],
          notes: ['乙方应在收到款项后十日内开具发票。'],
        },
      ]),
    );
    http.expectOne('/api/tenders/3').flush(tenderDetail({ id: 3, status: 'awarded' }));
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('shows the parties, the amounts in figures and capitals, and the schedule', async () => {
    const { page } = await open();
    expect(page.querySelector('.purchaser')?.textContent).toBe('宁波市医疗保障局');
    expect(page.querySelector('.insurer')?.textContent).toContain('中国人民财产保险');
    expect(page.querySelector('.regions')?.textContent).toBe('海曙、江北、鄞州');
    expect(page.querySelector('.term')?.textContent).toBe('2023-01-01 至 2023-12-31');
    expect(page.querySelector('.population')?.textContent).toContain('3,994,965');
    const service = page.querySelector('.amounts .service-amount')!;
    expect(service.querySelector('.num')?.textContent?.trim()).toBe('4,913,806.95');
    expect(service.querySelector('.capitals')?.textContent).toBe('肆佰玖拾壹万叁仟捌佰零陆元玖角伍分');
    expect(page.querySelector('.amounts .fixed-fee')?.textContent).toContain('叁拾万元整');
    expect(page.querySelector('.amounts .reward-budget .capitals')?.textContent).toBe('伍拾万元整');
    const rows = [...page.querySelectorAll('tr.milestone')];
    expect(rows.map((r) => r.querySelector('.trigger')?.textContent?.trim())).toEqual([
      '合同签订后',
      '年度考核定稿后 按考核等级对应比例支付',
    ]);
    expect(rows.map((r) => r.querySelector('.share')?.textContent)).toEqual(['合同金额余额', '绩效奖励余额']);
    expect(rows[0].querySelector('.due')?.textContent).toBe('签订后第1个月末');
    expect(rows[0].querySelector('.milestone-status')?.textContent?.trim()).toBe('待触发');
    expect(page.querySelector('.schedule-notes')?.textContent).toContain('发票');
    const version = page.querySelector('tr.pdf-version')!;
    expect(version.textContent).toContain('第1版');
    expect(version.querySelector('.sha')?.textContent).toBe('ab12cd34ef56…');
  });

  it('marks a withheld milestone', async () => {
    const withheld = milestone({
      id: 2,
      seq: 2,
      name: '年度绩效考核奖励',
      base: 'reward',
      share: '1',
      remainder: false,
      trigger: 'after-assessment',
      amountRule: 'reward-rate',
      status: 'withheld',
      amount: '0.00',
      withheldReason: '2023年度考核未通过',
    });
    const { page } = await open(contract({ status: 'signed', milestones: [milestone({ status: 'payable' }), withheld] }));
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
    const row = page.querySelector('tr.milestone.withheld')!;
    expect(row.getAttribute('data-seq')).toBe('2');
    expect(row.querySelector('nz-tag')?.textContent).toBe('暂扣（条件未满足）');
    expect(row.querySelector('nz-tag')?.classList).toContain('ant-tag-error');
    expect(page.querySelectorAll('tr.milestone.withheld')).toHaveLength(1);
    expect(row.querySelector('.withheld-reason')?.textContent).toBe('2023年度考核未通过');
  });

  it('a premium fund: the standard, the fund, the allowance and the retentions; amounts fixed later', async () => {
    const premium = contract({
      kind: 'premium',
      unitPrice: null,
      serviceAmount: null,
      fixedFees: [],
      rewardBudget: null,
      fundStandard: '90.00',
      population: 2040000,
      fund: '183600000.00',
      contractAmount: '183600000.00',
      allowanceRate: '0.030000',
      allowance: '5508000.00',
      deficitRule: 'within-allowance',
      retentions: [
        { kind: 'reserve', share: '0.05' },
        { kind: 'deposit', share: '0.03' },
      ],
      milestones: [
        milestone({ name: '第一季度资金', base: 'fund', remainder: false, trigger: 'on-application', period: 'Q1', amount: null }),
      ],
    });
    const { page } = await open(premium);
    expect(page.querySelector('.unit-price')).toBeNull();
    expect(page.querySelector('.fund-standard')?.textContent).toContain('90.00');
    expect(page.querySelector('.amounts .fund .num')?.textContent?.trim()).toBe('183,600,000.00');
    expect(page.querySelector('.amounts .allowance .capitals')?.textContent).toBe('伍佰伍拾万捌仟元整');
    expect([...page.querySelectorAll('.amounts .retention .num')].map((r) => r.textContent?.trim())).toEqual([
      '9,180,000.00',
      '5,508,000.00',
    ]);
    const row = page.querySelector('tr.milestone')!;
    expect(row.querySelector('.share')?.textContent).toBe('按申请核准');
    expect(row.querySelector('.amount')?.textContent?.trim()).toBe('按核准金额');
    expect(row.querySelector('.trigger')?.textContent).toContain('Q1');
    // A premium fund's page asks for its annual settlement (shared/contract-settlement.spec.ts shows it).
    http.expectOne('/api/contracts/7/settlement');
  });

  it('after the settlement the schedule and the ledger are asked again: its payment is now payable', async () => {
    const signed = contract({ kind: 'premium', status: 'signed', signedAt: '2025-01-10T02:00:00.000Z' });
    const { fixture } = await open(signed);
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
    http.expectOne('/api/contracts/7/settlement');
    fixture.debugElement.query(By.directive(ContractSettlement)).componentInstance.settled.emit();
    http.expectOne('/api/contracts/7').flush(signed);
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
  });

  it('saves the population with the version it was based on and shows the recomputed amounts', async () => {
    const { fixture, page } = await open();
    const input = page.querySelector<HTMLInputElement>('#contract-population')!;
    input.value = '4012345';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#save-population')!.click();
    const req = http.expectOne('/api/contracts/7');
    expect(req.request.method).toBe('PATCH');
    expect(sent(UpdateContractSchema, req.request.body)).toEqual({ version: 3, population: 4012345 });
    const updated = changedContract({
      population: 4012345,
      serviceAmount: '4935184.35',
      contractAmount: '5235184.35',
      version: 4,
      milestones: [milestone({ amount: '5235184.35' }), changedContract().milestones[1]],
    });
    req.flush(updated);
    await fixture.whenStable();
    expect(page.querySelector('.page-notice')?.textContent).toContain('金额已重新计算');
    expect(page.querySelector('.population-value')?.textContent).toContain('4,012,345');
    expect(page.querySelector('.amounts .service-amount .num')?.textContent?.trim()).toBe('4,935,184.35');
    expect(page.querySelector('.amounts .service-amount .capitals')?.textContent).toBe('肆佰玖拾叁万伍仟壹佰捌拾肆元叁角伍分');
    expect(page.querySelector('.amounts .contract-amount .num')?.textContent?.trim()).toBe('5,235,184.35');
    expect(page.querySelector('tr.milestone .amount')?.textContent).toContain('5,235,184.35');
    // The stored PDFs stay listed though PATCH answers without them.
    expect(page.querySelectorAll('tr.pdf-version')).toHaveLength(1);

    // The next save is based on the new version.
    page.querySelector<HTMLButtonElement>('#sign-contract')!.click();
    const sign = http.expectOne('/api/contracts/7');
    expect(sent(UpdateContractSchema, sign.request.body)).toEqual({ version: 4, status: 'signed' });
    sign.flush(changedContract({ ...updated, status: 'signed', version: 5, signedAt: '2026-11-21T01:00:00.000Z' }));
    await fixture.whenStable();
    // A signed contract shows its payment ledger.
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
    await fixture.whenStable();
    expect(page.querySelectorAll('.ledger .ledger-line')).toHaveLength(2);
    expect(page.querySelector('.contract-status')?.textContent?.trim()).toBe('已签订');
    expect(page.querySelector('#sign-contract')).toBeNull();
    expect(page.querySelector('#contract-population')).toBeNull();
  });

  it('a refused population shows the field error under its input, in Chinese', async () => {
    const { fixture, page } = await open();
    const input = page.querySelector<HTMLInputElement>('#contract-population')!;
    input.value = '4012345';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#save-population')!.click();
    http.expectOne('/api/contracts/7').flush(
      {
        ...problem(400, '输入有误 / invalid input'),
        errors: [{ path: 'population', code: 'populationFixed', message: 'population can be changed only on a draft / x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const item = input.closest('nz-form-item')!;
    expect(item.classList).toContain('ant-form-item-has-error');
    expect(item.querySelector('.ant-form-item-explain-error')?.textContent?.trim()).toBe('合同已签订，参保人数不能再修改');
    expect(page.querySelector('.form-error')?.textContent).toContain('输入有误');
    expect(page.querySelector('.form-error')?.textContent).not.toContain('population');
  });

  it('shows a conflict and reloads the contract', async () => {
    const { fixture, page } = await open();
    const input = page.querySelector<HTMLInputElement>('#contract-population')!;
    input.value = '4012345';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#save-population')!.click();
    http
      .expectOne('/api/contracts/7')
      .flush(problem(409, '合同已被他人修改（当前版本4），请刷新后重试'), { status: 409, statusText: 'Conflict' });
    http
      .expectOne({ method: 'GET', url: '/api/contracts/7' })
      .flush(contract({ version: 4, population: 4000000, serviceAmount: '4920000.00' }));
    http.expectOne('/api/contracts/schedule-templates').flush([]);
    http.expectOne('/api/tenders/3').flush(tenderDetail({ id: 3, status: 'awarded' }));
    await fixture.whenStable();
    expect(page.querySelector('[role="alert"]')?.textContent).toContain('合同已被他人修改');
    expect(page.querySelector('.population-value')?.textContent).toContain('4,000,000');
    expect(page.querySelector('.population-form')?.textContent).toContain('版本 4');
  });

  it('terminates only once the popconfirm is answered', async () => {
    const { fixture, page } = await open();
    page.querySelector<HTMLButtonElement>('#terminate-contract')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('终止后合同不可恢复');
    http.expectNone('/api/contracts/7');
    await confirmPopover(fixture);
    const req = http.expectOne('/api/contracts/7');
    expect(sent(UpdateContractSchema, req.request.body)).toEqual({ version: 3, status: 'terminated' });
    req.flush(changedContract({ status: 'terminated', version: 4 }));
    await fixture.whenStable();
    // A terminated contract keeps its payment ledger on show.
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
    await fixture.whenStable();
    expect(page.querySelector('.page-notice')?.textContent).toContain('合同已终止');
    expect(page.querySelector('.contract-status')?.textContent?.trim()).toBe('已终止');
    expect(page.querySelector('#terminate-contract')).toBeNull();
  });

  it('shows the 503 message naming CHROMIUM_PATH when no PDF can be made', async () => {
    const { fixture, page } = await open();
    page.querySelector<HTMLButtonElement>('#generate-pdf')!.click();
    const req = http.expectOne('/api/contracts/7/pdf');
    expect(req.request.method).toBe('POST');
    req.flush(CHROMIUM_503, { status: 503, statusText: 'Service Unavailable' });
    await fixture.whenStable();
    expect(page.querySelector('.pdf-error')?.textContent).toContain('CHROMIUM_PATH');

    // The award notice download asks for a blob; its 503 body is read all the same.
    page.querySelector<HTMLButtonElement>('#award-notice')!.click();
    http
      .expectOne('/api/tenders/3/lots/1/award-notice/pdf')
      .flush(new Blob([JSON.stringify(CHROMIUM_503)], { type: 'application/json' }), { status: 503, statusText: 'Service Unavailable' });
    await vi.waitFor(() => expect(page.querySelector('.notice-error')?.textContent).toContain('CHROMIUM_PATH'));
  });

  it('generates a new PDF version and downloads a stored one', async () => {
    const { fixture, page } = await open();
    const createUrl = vi.fn(() => 'blob:pdf');
    Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    page.querySelector<HTMLButtonElement>('#generate-pdf')!.click();
    http.expectOne('/api/contracts/7/pdf').flush(documentInfo({ id: 22, version: 2, sha256: 'ffee' + '0'.repeat(60) }));
    await fixture.whenStable();
    expect([...page.querySelectorAll('tr.pdf-version')].map((r) => r.getAttribute('data-version'))).toEqual(['2', '1']);

    page.querySelector('tr.pdf-version[data-version="1"] a.download-pdf')!.dispatchEvent(new MouseEvent('click', { cancelable: true }));
    const req = http.expectOne('/api/contracts/7/pdf?version=1');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }), {
      headers: {
        'Content-Disposition': `attachment; filename="x.pdf"; filename*=UTF-8''${encodeURIComponent('合同-NBZFCG2022B031G-1-2023-v1.pdf')}`,
      },
    });
    expect(createUrl).toHaveBeenCalled();
    expect(click).toHaveBeenCalled();
  });

  it('describes due dates fixed by the signing', () => {
    expect(dueText({ dueDate: '2023-03-31', dueRule: { month: 3, day: 'end' } })).toBe('2023-03-31');
    expect(dueText({ dueDate: null, dueRule: { monthsAfterSigning: 1, day: 15 } })).toBe('签订后第1个月15日');
    expect(dueText({ dueDate: null, dueRule: null })).toBe('—');
  });
});
