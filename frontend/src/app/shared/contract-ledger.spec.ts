import { TestBed } from '@angular/core/testing';
import { RecordAcceptanceSchema, RecordPaymentSchema } from '@domain/wire/ledger';
import { contractLedger } from '../testing/contracts';
import { useHttpTesting } from '../testing/http';
import { problem, sent } from '../testing/wire';
import { ContractLedger } from './contract-ledger';

describe('ContractLedger', () => {
  const http = useHttpTesting();

  async function open(manage: boolean) {
    const fixture = TestBed.createComponent(ContractLedger);
    fixture.componentRef.setInput('contractId', 7);
    fixture.componentRef.setInput('manage', manage);
    await fixture.whenStable();
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };

  it('shows each payment on a timeline with its status, overdue mark, withheld reason, and the totals in Chinese', async () => {
    const { page } = await open(false);
    const lines = [...page.querySelectorAll('.ledger-line')];
    expect(lines.map((l) => l.getAttribute('data-status'))).toEqual(['payable', 'withheld']);
    expect(lines[0].querySelector('.badge')?.textContent?.trim()).toBe('应付');
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
    type(page.querySelector<HTMLInputElement>('.pay-date')!, '2023-03-02');
    type(page.querySelector<HTMLInputElement>('.pay-voucher')!, 'PZ-2023-001');
    await fixture.whenStable();
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

  it('records an acceptance; a refusal shows the field error in Chinese', async () => {
    const { fixture, page } = await open(true);
    type(page.querySelector<HTMLInputElement>('#acceptance-on')!, '2022-12-01');
    type(page.querySelector<HTMLInputElement>('#acceptance-note')!, '复验通过');
    await fixture.whenStable();
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
    expect(page.textContent).toContain('早于合同签订日（2023-01-10）');
  });
});
