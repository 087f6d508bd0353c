import { TestBed } from '@angular/core/testing';
import { ElectronicBidSchema, EnvelopeReceiptSchema } from '@domain/wire/bids';
import { useHttpTesting } from '../testing/http';
import { type } from '../testing/forms';
import { confirmPopover } from '../testing/overlay';
import { lotView, tenderDetail } from '../testing/tenders';
import { answer } from '../testing/wire';
import { InsurerBid } from './insurer-bid';

const tender = tenderDetail({
  bidDeadline: '2099-03-01T09:30:00+08:00',
  openingTime: '2099-03-01T10:00:00+08:00',
  lots: [
    lotView('1', {
      name: '中心片区',
      basePopulation: 3994965,
      fixedComponents: [{ name: '信息系统', amount: '300000.00' }],
    }),
  ],
});

const receipt = (status: 'sealed' | 'withdrawn') =>
  answer(EnvelopeReceiptSchema, {
    id: 3,
    lot: '1',
    bidder: 'A',
    bidderName: '甲安人寿',
    status,
    hash: 'c0'.repeat(32),
    submittedAt: '2026-12-01T02:00:00.000Z',
    closedAt: status === 'withdrawn' ? '2026-12-01T03:00:00.000Z' : null,
  });

describe('InsurerBid', () => {
  const http = useHttpTesting();

  async function render(receipts: ReturnType<typeof receipt>[] = []) {
    const fixture = TestBed.createComponent(InsurerBid);
    fixture.componentRef.setInput('id', '1');
    await fixture.whenStable();
    http.expectOne('/api/tenders/1').flush(tender);
    http.expectOne('/api/tenders/1/electronic-bids').flush(receipts);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('prefills the capitals from the figures, submits the bid with its chosen documents after confirmation, with progress, and shows the receipt', async () => {
    const { fixture, page } = await render();
    const unit = page.querySelector<HTMLInputElement>('.lot-bid[data-lot="1"] .bid-unit-price')!;
    unit.value = '1.11';
    unit.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(page.querySelector<HTMLInputElement>('.bid-total')!.value).toBe('4734411.15');
    expect(page.querySelector<HTMLInputElement>('.bid-capitals')!.value).toBe('肆佰柒拾叁万肆仟肆佰壹拾壹元壹角伍分');
    // The documents: two chosen, one removed again before submitting.
    const documents = page.querySelector<HTMLInputElement>('.lot-bid[data-lot="1"] .bid-documents input[type=file]')!;
    expect(documents.getAttribute('aria-label')).toBe('投标文件');
    const files = [new File(['%PDF-1.4'], '投标书.pdf'), new File(['draft'], '草稿.docx')];
    Object.defineProperty(documents, 'files', { value: files, configurable: true });
    documents.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    page.querySelectorAll<HTMLButtonElement>('.bid-documents .remove-file')[1].click();
    await fixture.whenStable();
    expect([...page.querySelectorAll('.bid-documents .file-name')].map((e) => e.textContent)).toEqual(['投标书.pdf']);
    page.querySelector<HTMLButtonElement>('.submit-bid')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    // Asked first, in NG-ZORRO's popconfirm: nothing is sent before the answer.
    expect(document.querySelector('.ant-popover')?.textContent).toContain('确认递交标包1的投标？投标将加密密封');
    http.expectNone('/api/tenders/1/lots/1/electronic-bid');
    await confirmPopover(fixture);
    const req = http.expectOne('/api/tenders/1/lots/1/electronic-bid');
    req.event({ type: 1, loaded: 40, total: 100 });
    await fixture.whenStable();
    expect(page.querySelector('.bid-documents .upload-progress')?.textContent).toContain('正在上传 40%');
    const form = req.request.body as FormData;
    expect((form.getAll('documents') as File[]).map((f) => f.name)).toEqual(['投标书.pdf']);
    expect(ElectronicBidSchema.parse(JSON.parse(String(form.get('bid'))))).toEqual({
      unitPrice: '1.11',
      serviceTotal: '4434411.15',
      fixedComponents: [{ name: '信息系统', amount: '300000.00' }],
      total: '4734411.15',
      totalCapitals: '肆佰柒拾叁万肆仟肆佰壹拾壹元壹角伍分',
    });
    req.flush(receipt('sealed'));
    http.expectOne('/api/tenders/1/electronic-bids').flush([receipt('sealed')]);
    await fixture.whenStable();
    expect(page.querySelector('.bid-receipt .receipt-hash')?.textContent).toBe('c0'.repeat(32));
    expect(page.querySelector('.bid-receipt .receipt-status')?.textContent).toBe('已递交（密封）');
    expect(page.querySelector('.withdraw-bid')).not.toBeNull();
  });

  it('withdraws only once confirmed; a replacement says it voids the bid before', async () => {
    const { fixture, page } = await render([receipt('sealed')]);
    expect(page.querySelector('.current-bid')?.textContent).toContain('c0'.repeat(32));
    page.querySelector<HTMLButtonElement>('.submit-bid')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('原投标将作废');
    page.querySelector<HTMLButtonElement>('.withdraw-bid')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect([...document.querySelectorAll('.ant-popover')].map((p) => p.textContent).join()).toContain('确认撤回标包1的投标？');
    http.expectNone('/api/tenders/1/lots/1/electronic-bid/withdrawal');
    const ok = [...document.querySelectorAll<HTMLElement>('.ant-popover')].find((p) => p.textContent?.includes('撤回'))!;
    ok.querySelector<HTMLButtonElement>('.ant-btn-primary')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const req = http.expectOne('/api/tenders/1/lots/1/electronic-bid/withdrawal');
    expect(req.request.method).toBe('POST');
    req.flush(receipt('withdrawn'));
    http.expectOne('/api/tenders/1/electronic-bids').flush([receipt('withdrawn')]);
    await fixture.whenStable();
    expect(page.querySelector('.bid-receipt .receipt-status')?.textContent).toBe('已撤回');
  });

  it('counts a fixed component row added or removed in the total, and shows the API’s field errors under the figures they name', async () => {
    const { fixture, page } = await render();
    await type(fixture, '.bid-unit-price', '1.11');
    page.querySelector<HTMLButtonElement>('.add-component')!.click();
    await fixture.whenStable();
    await type(fixture, '.component-amount', '1000.00', 1);
    expect(page.querySelector<HTMLInputElement>('.bid-total')!.value).toBe('4735411.15');
    page.querySelectorAll<HTMLButtonElement>('.remove-component')[1].click();
    await fixture.whenStable();
    expect(page.querySelectorAll('.bid-component').length).toBe(1);
    expect(page.querySelector<HTMLInputElement>('.bid-total')!.value).toBe('4734411.15');

    page.querySelector<HTMLButtonElement>('.submit-bid')!.click();
    await confirmPopover(fixture);
    http.expectOne('/api/tenders/1/lots/1/electronic-bid').flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'unitPrice', message: '超过最高单价' },
          { path: 'fixedComponents[0].amount', message: '与固定报价金额不符' },
          { path: 'documents', message: '请上传投标文件' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const errorUnder = (css: string) =>
      [...page.querySelector(css)!.closest('nz-form-item')!.querySelectorAll('.ant-form-item-explain-error')].map((e) =>
        e.textContent?.trim(),
      );
    expect(errorUnder('.bid-unit-price')).toEqual(['超过最高单价']);
    expect(errorUnder('.component-amount')).toEqual(['与固定报价金额不符']);
    expect(errorUnder('.bid-total')).toEqual([]);
    const box = page.querySelector('.form-error')!;
    expect(box.textContent).toContain('documents：请上传投标文件');
    expect(box.textContent).not.toContain('超过最高单价');
  });
});
