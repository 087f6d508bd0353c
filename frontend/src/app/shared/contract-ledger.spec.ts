import { TestBed } from '@angular/core/testing';
import { ApplyForPaymentSchema, ApprovePaymentSchema, RecordAcceptanceSchema, RecordPaymentSchema } from '@domain/wire/ledger';
import { contractLedger } from '../testing/contracts';
import { useHttpTesting } from '../testing/http';
import { useChartStubs } from '../testing/charts';
import { problem, sent } from '../testing/wire';
import { choose, pickDate, type } from '../testing/forms';
import { ContractLedger } from './contract-ledger';

describe('ContractLedger', () => {
  const http = useHttpTesting();
  useChartStubs();

  async function open(manage: boolean, ledger = contractLedger(), apply = false) {
    const fixture = TestBed.createComponent(ContractLedger);
    fixture.componentRef.setInput('contractId', 7);
    fixture.componentRef.setInput('manage', manage);
    fixture.componentRef.setInput('apply', apply);
    await fixture.whenStable();
    http.expectOne('/api/contracts/7/ledger').flush(ledger);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  /** The inline error under the input `css`, as nz-form-control shows it. */
  const errorUnder = (page: HTMLElement, css: string) =>
    page.querySelector(css)!.closest('nz-form-item')!.querySelector('.ant-form-item-explain-error')?.textContent?.trim();

  it('shows each payment on a timeline with its status, overdue mark, withheld reason, and the totals in Chinese', async () => {
    const { page } = await open(false);
    const lines = [...page.querySelectorAll('.ledger-line')];
    expect(lines.map((l) => l.getAttribute('data-status'))).toEqual(['payable', 'withheld']);
    expect(lines[0].querySelector('.line-status')?.textContent?.trim()).toBe('可支付');
    expect(lines[0].querySelector('.overdue')?.textContent).toBe('逾期');
    expect(lines[1].querySelector('.withheld-reason')?.textContent).toContain('验收未通过：资料不全');
    expect(page.querySelector('nz-timeline')).not.toBeNull();
    expect([...page.querySelectorAll('.ledger-totals th')].map((th) => th.textContent)).toContain('逾期未付（元）');
    expect(page.querySelector('.ledger-totals [data-column="overdue"]')?.textContent).toBe('5,213,806.95');
    expect(page.querySelector('.acceptances')?.textContent).toContain('2023-03-01 验收未通过：资料不全');
    // An insurer reads: no forms.
    expect(page.querySelector('.pay-form')).toBeNull();
    expect(page.querySelector('.acceptance-form')).toBeNull();
  });

  it('records a payment of a payable milestone and shows the ledger the API answers', async () => {
    const { fixture, page } = await open(true);
    await pickDate(fixture, 'nz-date-picker.pay-date', new Date(2023, 2, 2));
    await type(fixture, '.pay-voucher', 'PZ-2023-001');
    page.querySelector<HTMLButtonElement>('button.pay')!.click();
    const req = http.expectOne('/api/milestones/1/payment');
    expect(sent(RecordPaymentSchema, req.request.body)).toEqual({ paidOn: '2023-03-02', voucher: 'PZ-2023-001' });
    const paid = contractLedger();
    paid.lines[0] = { ...paid.lines[0], status: 'paid', paidOn: '2023-03-02', voucher: 'PZ-2023-001', isOverdue: false };
    req.flush(paid);
    await fixture.whenStable();
    expect(page.querySelector('.paid-record')?.textContent).toContain('凭证号 PZ-2023-001');
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已登记');
    expect(page.querySelector('.pay-form')).toBeNull();
  });

  it('a refused payment shows its field errors under the payment date and the voucher, not the field names', async () => {
    const { fixture, page } = await open(true);
    await pickDate(fixture, 'nz-date-picker.pay-date', new Date(2023, 0, 2));
    page.querySelector<HTMLButtonElement>('button.pay')!.click();
    const req = http.expectOne('/api/milestones/1/payment');
    expect(req.request.body).toEqual({ paidOn: '2023-01-02', voucher: '' });
    req.flush(
      {
        ...problem(400, 'Invalid input'),
        errors: [
          { path: 'paidOn', code: 'beforeSigning', params: { signedOn: '2023-01-10' }, message: 'x / 早于合同签订日（2023-01-10）' },
          { path: 'voucher', code: 'required', message: 'is required / 必填' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errorUnder(page, 'nz-date-picker.pay-date')).toBe('早于合同签订日（2023-01-10）');
    expect(errorUnder(page, '.pay-voucher')).toBe('必填');
    expect(page.querySelectorAll('.pay-form nz-form-item.ant-form-item-has-error')).toHaveLength(2);
    expect(page.querySelector('.form-error')?.textContent).not.toContain('paidOn');
    expect(page.querySelector('.form-error')?.textContent).not.toContain('voucher');
  });

  it('records an acceptance; a refusal shows the field error in Chinese under the acceptance date', async () => {
    const { fixture, page } = await open(true);
    await pickDate(fixture, 'nz-date-picker[nzId="acceptance-on"]', new Date(2022, 11, 1));
    await type(fixture, '#acceptance-note', '复验通过');
    page.querySelector<HTMLButtonElement>('#record-acceptance')!.click();
    const req = http.expectOne('/api/contracts/7/acceptances');
    expect(sent(RecordAcceptanceSchema, req.request.body)).toEqual({ on: '2022-12-01', passed: true, note: '复验通过', claim: null });
    req.flush(
      {
        ...problem(400, 'Invalid input'),
        errors: [{ path: 'on', code: 'beforeSigning', params: { signedOn: '2023-01-10' }, message: 'x / 早于合同签订日（2023-01-10）' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(errorUnder(page, '#acceptance-on')).toBe('早于合同签订日（2023-01-10）');
    // The payment forms of the lines above do not take the acceptance's error.
    expect(page.querySelector('.pay-form .ant-form-item-explain-error')).toBeNull();
  });

  it('records a failed acceptance with its claim', async () => {
    const { fixture, page } = await open(true);
    expect(page.querySelector('#acceptance-claim')).toBeNull();
    await pickDate(fixture, 'nz-date-picker[nzId="acceptance-on"]', new Date(2023, 2, 1));
    await choose(fixture, 'nz-select.acceptance-passed', false);
    await type(fixture, '#acceptance-note', '资料不全');
    await type(fixture, '#acceptance-claim', '按合同第十条索赔');
    page.querySelector<HTMLButtonElement>('#record-acceptance')!.click();
    const req = http.expectOne('/api/contracts/7/acceptances');
    expect(sent(RecordAcceptanceSchema, req.request.body)).toEqual({
      on: '2023-03-01',
      passed: false,
      note: '资料不全',
      claim: '按合同第十条索赔',
    });
    req.flush(contractLedger());
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已登记验收未通过');
  });

  it('keeps a document with an acceptance: uploaded by the bureau, listed and downloadable; a file of another type is refused here', async () => {
    const { fixture, page } = await open(true);
    const input = page.querySelector<HTMLInputElement>('.acceptance[data-acceptance="1"] input[type=file]')!;
    expect(input.getAttribute('aria-label')).toBe('2023-03-01 验收材料');
    const choose = (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
    };
    choose(new File(['MZ'], '验收.exe'));
    await fixture.whenStable();
    expect(page.textContent).toContain('文件类型须为');

    choose(new File(['%PDF-1.4'], '验收报告.pdf', { type: 'application/pdf' }));
    const req = http.expectOne('/api/contracts/7/acceptances/1/documents');
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    const answered = contractLedger();
    answered.acceptances[0].documents = [
      { id: 5, fileName: '验收报告.pdf', size: 8, sha256: 'a'.repeat(64), uploadedAt: '2023-03-02T01:00:00.000Z', uploadedBy: 'bureau' },
    ];
    req.flush(answered);
    await fixture.whenStable();
    expect(page.textContent).toContain('已上传验收材料“验收报告.pdf”');
    page.querySelector<HTMLButtonElement>('.acceptance-document')!.click();
    http.expectOne('/api/contracts/7/acceptances/1/documents/5').flush(new Blob(['%PDF-1.4']));
  });

  describe('a quarter paid on application', () => {
    const quarterly = (requested: string | null) => {
      const l = contractLedger();
      l.lines[0] = {
        ...l.lines[0],
        name: '第一季度资金',
        trigger: 'on-application',
        status: 'pending',
        amount: null,
        requested,
        appliedOn: requested && '2024-01-03',
        isOverdue: false,
        due: '0.00',
        payable: '0.00',
        outstanding: '0.00',
        overdue: '0.00',
      };
      return l;
    };

    it('the insurer applies with an amount', async () => {
      const { fixture, page } = await open(false, quarterly(null), true);
      expect(page.querySelector('.approve-form')).toBeNull();
      await type(fixture, '.apply-amount', '40000000');
      page.querySelector<HTMLButtonElement>('button.apply')!.click();
      const req = http.expectOne('/api/milestones/1/application');
      expect(sent(ApplyForPaymentSchema, req.request.body)).toEqual({ requested: '40000000' });
      req.flush(quarterly('40000000.00'));
      await fixture.whenStable();
      expect(page.querySelector('.application')?.textContent).toContain('2024-01-03 申请拨付 40,000,000.00 元');
    });

    it('a refused application shows its error under the amount; the amount is sent as typed, never as a float', async () => {
      const { fixture, page } = await open(false, quarterly(null), true);
      await type(fixture, '.apply-amount', '40000000.10');
      page.querySelector<HTMLButtonElement>('button.apply')!.click();
      const req = http.expectOne('/api/milestones/1/application');
      expect(req.request.body).toEqual({ requested: '40000000.10' });
      req.flush(
        { ...problem(400, 'Invalid input'), errors: [{ path: 'requested', code: 'tooLarge', message: 'amount too large / 金额过大' }] },
        { status: 400, statusText: 'Bad Request' },
      );
      await fixture.whenStable();
      expect(errorUnder(page, '.apply-amount')).toBe('金额过大');
      expect(page.querySelector('.form-error')?.textContent).not.toContain('requested');
    });

    it('the bureau approves an applied quarter; one not applied for offers nothing', async () => {
      const none = await open(true, quarterly(null));
      expect(none.page.querySelector('.approve-form')).toBeNull();
      const { fixture, page } = await open(true, quarterly('40000000.00'));
      expect(page.querySelector('.apply-form')).toBeNull();
      await type(fixture, '.approve-amount', '38000000');
      page.querySelector<HTMLButtonElement>('button.approve')!.click();
      const req = http.expectOne('/api/milestones/1/approval');
      expect(sent(ApprovePaymentSchema, req.request.body)).toEqual({ approved: '38000000' });
      req.flush(contractLedger());
      await fixture.whenStable();
      expect(page.querySelector('[role="status"]')?.textContent).toContain('已核准');
    });
  });
});
