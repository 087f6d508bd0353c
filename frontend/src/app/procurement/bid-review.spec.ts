import { TestBed } from '@angular/core/testing';
import { OpenedBidSchema, ReviewBidSchema } from '@domain/wire/bids';
import { useHttpTesting } from '../testing/http';
import { openedBid } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { BidReviewEditor } from './bid-review';

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
    expect(page.querySelector('.repeated-failure legend')?.textContent).toContain('2023、2024年');
    expect(page.querySelector('.repeated-failure legend')?.textContent).toContain('拟扣 2 分');
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
