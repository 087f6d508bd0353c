import { TestBed } from '@angular/core/testing';
import { OpeningRecordSchema, type OpeningLineView, type OpeningRecord } from '@domain/wire/opening';
import { useHttpTesting } from '../testing/http';
import { confirmPopover } from '../testing/overlay';
import { answer } from '../testing/wire';
import { OpeningRecordView } from './opening-record';

const line = (overrides: Partial<OpeningLineView>): OpeningLineView => ({
  id: 1,
  bidId: 1,
  lot: '2',
  bidder: 'A',
  bidderName: '甲安人寿',
  unitPrice: '1.16',
  serviceTotal: '2603839.24',
  fixedComponents: [{ name: '绩效考核', amount: '290000.00' }],
  total: '2893839.24',
  totalCapitals: '贰佰捌拾玖万叁仟捌佰叁拾玖元贰角肆分',
  rate: null,
  deficitShare: null,
  status: 'pending',
  respondedAt: null,
  respondedBy: null,
  disputeReason: null,
  answer: null,
  answeredAt: null,
  answeredBy: null,
  correction: null,
  ...overrides,
});

/** A record whose window ends ten minutes from now (or, on a paper tender, still awaits amounts). */
const record = (lines: OpeningLineView[], awaitingAmounts = 0): OpeningRecord =>
  answer(OpeningRecordSchema, {
    window: {
      openedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
      confirmMinutes: 30,
      endsAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      status: 'confirming',
      over: false,
      awaitingAmounts,
    },
    lots: [{ no: '2', name: '北部片区', lines }],
    unanswered: lines.filter((l) => l.status === 'disputed').length,
  });

describe('OpeningRecordView', () => {
  const http = useHttpTesting();

  it('shows the record read after the opening, never a late answer read before it', async () => {
    const fixture = TestBed.createComponent(OpeningRecordView);
    fixture.componentRef.setInput('tenderId', 5);
    fixture.componentRef.setInput('tenderStatus', 'closed');
    fixture.componentRef.setInput('mode', 'procurement');
    await fixture.whenStable();
    const before = http.expectOne('/api/tenders/5/opening');
    fixture.componentRef.setInput('tenderStatus', 'opened');
    await fixture.whenStable();
    const after = http.expectOne('/api/tenders/5/opening');
    expect(before.cancelled).toBe(true);
    after.flush(record([line({})]));
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).querySelectorAll('.opening-line').length).toBe(1);
  });

  const render = async (mode: 'insurer' | 'procurement', lines: OpeningLineView[], awaitingAmounts = 0) => {
    const fixture = TestBed.createComponent(OpeningRecordView);
    fixture.componentRef.setInput('tenderId', 5);
    fixture.componentRef.setInput('mode', mode);
    await fixture.whenStable();
    http.expectOne('/api/tenders/5/opening').flush(record(lines, awaitingAmounts));
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  };

  it('on a paper tender whose amounts are still awaited, says the window starts after the last entry (no end time shown)', async () => {
    const { page } = await render('insurer', [line({ id: 1 })], 2);
    const text = page.querySelector('.opening-window')?.textContent ?? '';
    expect(text).toContain('尚有 2 份纸质投标文件待录入开标金额');
    expect(text).not.toContain('剩余');
    expect(page.querySelector('#opening-countdown')?.textContent).toContain('待录入金额');
    expect(page.querySelector('.opening-line .confirm-line')).not.toBeNull();
  });

  it('lets the insurer confirm or dispute a pending line while the window runs, with the countdown shown', async () => {
    const { fixture, page } = await render('insurer', [line({ id: 1, lot: '1' }), line({ id: 2 })]);
    expect(page.querySelector('#opening-countdown')?.textContent).toMatch(/剩余 (9|10):\d\d/);
    expect(page.querySelector('.opening-line[data-lot="2"] .num')?.textContent).toContain('1.16');

    page.querySelector<HTMLButtonElement>('.opening-line[data-lot="1"] .confirm-line')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    // Asked first, in NG-ZORRO's popconfirm: nothing is sent before the answer.
    expect(document.querySelector('.ant-popover')?.textContent).toContain('确认第1包的开标记录无误');
    http.expectNone('/api/tenders/5/opening/lines/1/confirm');
    await confirmPopover(fixture);
    const confirmed = http.expectOne('/api/tenders/5/opening/lines/1/confirm');
    expect(confirmed.request.method).toBe('POST');
    confirmed.flush(record([line({ id: 1, lot: '1', status: 'confirmed' }), line({ id: 2 })]));
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.opening-line[data-lot="1"] .confirm-line')).toBeNull();

    const reason = page.querySelector<HTMLInputElement>('.opening-line[data-lot="2"] .dispute-input')!;
    reason.value = '单价应为1.15';
    reason.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    page.querySelector<HTMLButtonElement>('.opening-line[data-lot="2"] .dispute-line')!.click();
    const disputed = http.expectOne('/api/tenders/5/opening/lines/2/dispute');
    expect(disputed.request.body).toEqual({ reason: '单价应为1.15' });
    disputed.flush(
      record([line({ id: 1, lot: '1', status: 'confirmed' }), line({ id: 2, status: 'disputed', disputeReason: '单价应为1.15' })]),
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('.opening-line[data-lot="2"] .line-status')?.textContent).toContain('有异议待答复');
  });

  it('sends procurement’s answer with only the figures the clerk changed', async () => {
    const { fixture, page } = await render('procurement', [line({ status: 'disputed', disputeReason: '单价应为1.15' })]);
    expect(page.querySelector('.confirm-line')).toBeNull();
    expect(page.querySelector('#opening-unanswered')?.textContent).toContain('1 项异议待答复');
    const type = (selector: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    type('.answer-input', '异议成立，更正单价');
    page.querySelector<HTMLInputElement>('.correct-line input[type="checkbox"]')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(page.querySelector<HTMLInputElement>('.correction-unitPrice')!.value).toBe('1.16');
    type('.correction-unitPrice', '1.15');
    type('.correction-total', '2871392.35');
    page.querySelector<HTMLButtonElement>('.answer-line')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('答复并更正本行开标记录');
    http.expectNone('/api/tenders/5/opening/lines/1/answer');
    await confirmPopover(fixture);
    const answered = http.expectOne('/api/tenders/5/opening/lines/1/answer');
    expect(answered.request.body).toEqual({ answer: '异议成立，更正单价', correction: { unitPrice: '1.15', total: '2871392.35' } });
    answered.flush(record([line({ status: 'answered', answer: '异议成立，更正单价' })]));
    await fixture.whenStable();
  });

  it('shows the API’s field errors of an answer under the inputs they name, the rest in the error box', async () => {
    const { fixture, page } = await render('procurement', [line({ status: 'disputed', disputeReason: '单价应为1.15' })]);
    const type = (selector: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    type('.answer-input', '异议成立');
    page.querySelector<HTMLInputElement>('.correct-line input[type="checkbox"]')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    type('.correction-total', '2871392.3x');
    page.querySelector<HTMLButtonElement>('.answer-line')!.click();
    await confirmPopover(fixture);
    http.expectOne('/api/tenders/5/opening/lines/1/answer').flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'correction.total', message: '须为金额' },
          { path: 'answer', message: '不能超过2000字' },
          { path: 'version', message: '数据已被修改' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    const errorUnder = (css: string) =>
      [...page.querySelector(css)!.closest('nz-form-item')!.querySelectorAll('.ant-form-item-explain-error')].map((e) =>
        e.textContent?.trim(),
      );
    expect(errorUnder('.correction-total')).toEqual(['须为金额']);
    expect(errorUnder('.answer-input')).toEqual(['不能超过2000字']);
    expect(errorUnder('.correction-unitPrice')).toEqual([]);
    const box = page.querySelector('.form-error')!;
    expect(box.textContent).toContain('version：数据已被修改');
    expect(box.textContent).not.toContain('须为金额');
  });
});
