import { TestBed } from '@angular/core/testing';
import { SettlementPreviewSchema, SettlementSchema } from '@domain/wire/contracts';
import { SettleSchema, SettlementViewSchema, StoredSettlementSchema, type SettlementView } from '@domain/wire/settlement';
import { useHttpTesting } from '../testing/http';
import { answer, problem, sent } from '../testing/wire';
import { ContractSettlement } from './contract-settlement';

/** Shenyang's failed year (domain/contracts/settlement.spec.ts): F 371,111,400.00, 4.5%, shared 50%, 85% payable. */
const BASIS: SettlementView['basis'] = {
  fund: '371111400.00',
  allowanceRate: '0.045000',
  deficitRule: 'shared',
  policyDeficitShare: '0.500000',
  retentions: [],
  assessment: { final: true, passed: false, failDeductionRate: '0.0050' },
  paidOrPayable: '315444690.00',
};

const FIGURES = {
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
};

describe('ContractSettlement', () => {
  const http = useHttpTesting();

  async function open(view: SettlementView, editable: boolean) {
    const fixture = TestBed.createComponent(ContractSettlement);
    fixture.componentRef.setInput('contractId', 9);
    fixture.componentRef.setInput('editable', editable);
    await fixture.whenStable();
    http.expectOne('/api/contracts/9/settlement').flush(answer(SettlementViewSchema, view));
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  const lineText = (page: HTMLElement, no: number) => page.querySelector(`tr.settlement-line[data-line="${no}"]`)?.textContent ?? '';

  it('previews the bureau’s figures from the contract’s basis, then settles after the confirmation', async () => {
    const { fixture, page } = await open({ settlement: null, basis: BASIS }, true);
    let settled = 0;
    fixture.componentInstance.settled.subscribe(() => settled++);
    const claims = page.querySelector<HTMLInputElement>('#settlement-claims')!;
    claims.value = '365000000';
    claims.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('#settlement-policy')!.click();
    // The preview waits for a pause in typing (300 ms).
    await new Promise((resolve) => setTimeout(resolve, 350));
    const preview = http.expectOne('/api/contracts/9/settlement/preview');
    const { assessment: _, ...terms } = BASIS;
    expect(sent(SettlementPreviewSchema, preview.request.body)).toEqual({
      ...terms,
      claims: '365000000.00',
      policyDeficit: true,
      assessmentPassed: false,
      failDeductionRate: '0.0050',
    });
    preview.flush(answer(SettlementSchema, FIGURES));
    await fixture.whenStable();
    expect(lineText(page, 5)).toContain('83,500.07');
    expect(lineText(page, 7)).toContain('收支亏损');
    expect(lineText(page, 8)).toContain('医保基金与承办方按比例分摊');
    expect(lineText(page, 14)).toContain('陆仟零玖拾壹万玖仟贰佰陆拾陆元肆角陆分');

    page.querySelector<HTMLButtonElement>('#settle')!.click();
    await fixture.whenStable();
    const ok = [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) =>
      b.textContent?.includes('确认清算'),
    )!;
    ok.click();
    const settle = http.expectOne({ method: 'POST', url: '/api/contracts/9/settlement' });
    expect(sent(SettleSchema, settle.request.body)).toEqual({ claims: '365000000.00', policyDeficit: true });
    const stored = answer(StoredSettlementSchema, {
      ...FIGURES,
      id: 1,
      contractId: 9,
      year: 2024,
      policyDeficit: true,
      assessmentPassed: false,
      milestoneId: 5,
      settledBy: 'bureau',
      settledAt: '2025-06-01T02:00:00.000Z',
    });
    settle.flush(stored);
    http.expectOne('/api/contracts/9/settlement').flush(answer(SettlementViewSchema, { settlement: stored, basis: BASIS }));
    await fixture.whenStable();
    expect(page.querySelector('.settled')?.textContent).toContain('由 bureau 完成清算');
    expect(page.querySelector('#settlement-claims')).toBeNull();
    expect(page.querySelector('#statement-pdf')).not.toBeNull();
    // The contract page refreshes its schedule and ledger: the settlement's payment is payable.
    expect(settled).toBe(1);
  });

  it('a refused settlement shows the field error under the claims, in Chinese', async () => {
    const { fixture, page } = await open({ settlement: null, basis: BASIS }, true);
    const claims = page.querySelector<HTMLInputElement>('#settlement-claims')!;
    claims.value = '365000000';
    claims.dispatchEvent(new Event('input'));
    await new Promise((resolve) => setTimeout(resolve, 350));
    http.expectOne('/api/contracts/9/settlement/preview').flush(answer(SettlementSchema, FIGURES));
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#settle')!.click();
    await fixture.whenStable();
    [...document.querySelectorAll<HTMLButtonElement>('.ant-modal-footer button')].find((b) => b.textContent?.includes('确认清算'))!.click();
    http.expectOne({ method: 'POST', url: '/api/contracts/9/settlement' }).flush(
      {
        ...problem(400, '输入有误 / invalid input'),
        errors: [{ path: 'claims', code: 'tooLarge', message: 'amount too large / 金额过大' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const item = page.querySelector('#settlement-claims')!.closest('nz-form-item')!;
    expect(item.classList).toContain('ant-form-item-has-error');
    expect(item.querySelector('.ant-form-item-explain-error')?.textContent?.trim()).toBe('金额过大');
    expect(page.querySelector('.form-error')?.textContent).toContain('输入有误');
    expect(page.querySelector('.form-error')?.textContent).not.toContain('claims');
  });

  it('does not let the bureau settle before the assessment is final', async () => {
    const { page } = await open({ settlement: null, basis: { ...BASIS, assessment: null } }, true);
    expect(page.querySelector('.not-final')?.textContent).toContain('尚未定稿');
    expect(page.querySelector<HTMLButtonElement>('#settle')!.disabled).toBe(true);
  });

  it('shows the insurer the settlement made, without a form', async () => {
    const settlement = answer(StoredSettlementSchema, {
      ...FIGURES,
      payment: '-98744677.00',
      id: 1,
      contractId: 9,
      year: 2024,
      policyDeficit: false,
      assessmentPassed: true,
      milestoneId: 5,
      settledBy: 'bureau',
      settledAt: '2025-06-01T02:00:00.000Z',
    });
    const { page } = await open({ settlement, basis: BASIS }, false);
    expect(page.querySelector('#settlement-claims')).toBeNull();
    expect(page.querySelector('#settle')).toBeNull();
    expect(lineText(page, 14)).toContain('承办方应退回资金');
    expect(page.querySelector('.conclusion')?.textContent).toContain('承办方应退回 ¥98,744,677.00');
  });
});
