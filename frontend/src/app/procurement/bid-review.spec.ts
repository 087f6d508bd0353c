import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { OpenedBidSchema, ReviewBidSchema } from '@domain/wire/bids';
import { useHttpTesting } from '../testing/http';
import { openedBid } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { BidReviewEditor, type FactInput } from './bid-review';

describe('BidReviewEditor: the repeated-failure deduction', () => {
  const http = useHttpTesting();

  async function render(bid = openedBid()) {
    const fixture = TestBed.createComponent(BidReviewEditor);
    fixture.componentRef.setInput('tenderId', 1);
    fixture.componentRef.setInput('bid', bid);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('offers no decision when the tender proposes no deduction for the bidder', async () => {
    const { page } = await render();
    expect(page.querySelector('.repeated-failure')).toBeNull();
  });

  it('records the panel’s decision on the proposed points, with its reason', async () => {
    const { fixture, page } = await render(openedBid({ repeatedFailures: { failedYears: [2023, 2024] }, proposedDeduction: '2' }));
    expect(page.querySelector('.repeated-failure h4')?.textContent).toContain('2023、2024年');
    expect(page.querySelector('.repeated-failure h4')?.textContent).toContain('拟扣 2 分');
    const waived = page.querySelector<HTMLInputElement>('.repeated-failure-waived')!;
    waived.click();
    const note = page.querySelector<HTMLInputElement>('.repeated-failure-note')!;
    note.value = ' 不达标原因已整改 ';
    note.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    const req = http.expectOne('/api/tenders/1/bids/5');
    expect(req.request.method).toBe('PATCH');
    expect(sent(ReviewBidSchema, req.request.body)).toMatchObject({
      version: 2,
      repeatedFailureDecision: 'waived',
      repeatedFailureNote: '不达标原因已整改',
    });
    req.flush(answer(OpenedBidSchema, openedBid({ repeatedFailureDecision: 'waived', repeatedFailureNote: '不达标原因已整改' })));
    await fixture.whenStable();
  });

  it('shows the API’s field errors under the inputs they name, the rest in the error box', async () => {
    const { fixture, page } = await render(openedBid({ repeatedFailures: { failedYears: [2023, 2024] }, proposedDeduction: '2' }));
    page.querySelector<HTMLElement>('.repeated-failure-applied')!.click();
    page.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    http.expectOne('/api/tenders/1/bids/5').flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'repeatedFailureNote', message: '不能为空' },
          { path: 'compliance[1].check', message: '不能超过200字' },
          { path: 'version', message: '须为整数' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const errorUnder = (css: string) =>
      [...page.querySelector(css)!.closest('nz-form-item')!.querySelectorAll('.ant-form-item-explain-error')].map((e) =>
        e.textContent?.trim(),
      );
    expect(errorUnder('.repeated-failure-note')).toEqual(['不能为空']);
    expect(errorUnder('.compliance-check .check-name')).toEqual(['不能超过200字']);
    expect(errorUnder('.qualification-check .check-name')).toEqual([]);
    const box = page.querySelector('.form-error')!;
    expect(box.textContent).toContain('version：须为整数');
    expect(box.textContent).not.toContain('不能为空');
  });
});

describe('BidReviewEditor: the bid’s documents', () => {
  const http = useHttpTesting();

  async function render(bid = openedBid()) {
    const fixture = TestBed.createComponent(BidReviewEditor);
    fixture.componentRef.setInput('tenderId', 7);
    fixture.componentRef.setInput('bid', bid);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('links each document of the opened bid for download', async () => {
    const page = await render(openedBid({ id: 30 }));
    const link = page.querySelector<HTMLAnchorElement>('.bid-document')!;
    expect(link.textContent).toBe('投标文件.pdf');
    link.click();
    const req = http.expectOne('/api/tenders/7/bids/30/documents/41');
    expect(req.request.method).toBe('GET');
    req.flush(new Blob(['%PDF-1.4']));
  });

  it('says when a bid came with no document', async () => {
    const page = await render(openedBid({ documents: [] }));
    expect(page.querySelector('.bid-documents')!.textContent).toContain('无电子投标文件');
  });
});

describe('BidReviewEditor: the facts the lot’s scheme reads, one input each', () => {
  const http = useHttpTesting();
  const FACTS: FactInput[] = [
    { fact: 'certificates', kind: 'number' },
    { fact: 'ningboExperience', kind: 'boolean' },
    { fact: 'localHospitals', kind: 'number' },
  ];

  async function render(bid = openedBid(), facts = FACTS) {
    const fixture = TestBed.createComponent(BidReviewEditor);
    fixture.componentRef.setInput('tenderId', 1);
    fixture.componentRef.setInput('bid', bid);
    fixture.componentRef.setInput('facts', facts);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const field = (fact: string) => page.querySelector<HTMLElement>(`.bid-fact[data-fact="${fact}"]`)!;
    return { fixture, page, field };
  }

  const save = async (fixture: ComponentFixture<BidReviewEditor>) => {
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await fixture.whenStable();
  };

  it('labels each input from the catalogue, with unit and hint, a fact outside it by its code', async () => {
    const { field } = await render(openedBid({ facts: { certificates: 3, ningboExperience: true } }));
    expect(field('certificates').querySelector('label')?.textContent?.trim()).toBe('资质证书数量（个）');
    expect(field('certificates').querySelector('.ant-form-item-extra')?.textContent).toContain('有效资质证书数量');
    expect(field('certificates').querySelector<HTMLInputElement>('input')!.value).toBe('3');
    expect(field('ningboExperience').querySelector('label')?.textContent?.trim()).toBe('具有本市长护险经办经验');
    expect(field('ningboExperience').querySelector('button.ant-switch')?.classList).toContain('ant-switch-checked');
    expect(field('ningboExperience').querySelector('button.ant-switch')?.textContent?.trim()).toBe('是');
    expect(field('localHospitals').querySelector('label')?.textContent?.trim()).toBe('localHospitals');
    for (const f of FACTS) {
      const input = field(f.fact).querySelector<HTMLElement>('input, button.ant-switch')!;
      expect(field(f.fact).querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    }
  });

  it('saves numbers as numbers and yes/no as booleans, leaves a blank out and keeps the bid’s other facts', async () => {
    const { fixture, field } = await render(openedBid({ facts: { certificates: 3, ningboExperience: true, oldFact: 2 } }));
    const count = field('certificates').querySelector<HTMLInputElement>('input')!;
    count.value = '5';
    count.dispatchEvent(new Event('input'));
    field('ningboExperience').querySelector<HTMLButtonElement>('button.ant-switch')!.click();
    await save(fixture);

    const req = http.expectOne('/api/tenders/1/bids/5');
    expect(sent(ReviewBidSchema, req.request.body).facts).toEqual({ oldFact: 2, certificates: 5, ningboExperience: false });
    req.flush(answer(OpenedBidSchema, openedBid()));
    await fixture.whenStable();
  });

  it('says in Chinese at the input when a number is not one, and sends nothing', async () => {
    const { fixture, field } = await render();
    const count = field('certificates').querySelector<HTMLInputElement>('input')!;
    count.value = '三个';
    count.dispatchEvent(new Event('input'));
    await save(fixture);
    expect(field('certificates').querySelector('.ant-form-item-explain-error')?.textContent).toContain('须为数字');
    http.expectNone('/api/tenders/1/bids/5');
  });

  it('asks for no facts when the scheme has no objective rule, and leaves the bid’s facts alone', async () => {
    const { fixture, page } = await render(openedBid({ facts: { oldFact: 2 } }), []);
    expect(page.querySelector('.bid-facts')).toBeNull();
    await save(fixture);
    const req = http.expectOne('/api/tenders/1/bids/5');
    expect(sent(ReviewBidSchema, req.request.body)).not.toHaveProperty('facts');
    req.flush(answer(OpenedBidSchema, openedBid()));
    await fixture.whenStable();
  });
});
