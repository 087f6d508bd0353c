import { TestBed } from '@angular/core/testing';
import { BidderViewSchema } from '@domain/wire/tenders';
import { useHttpTesting } from '../testing/http';
import { confirmPopover } from '../testing/overlay';
import { bidderView, tenderDetail } from '../testing/tenders';
import { answer } from '../testing/wire';
import { BiddersPanel } from './bidders-panel';

const tender = tenderDetail({
  status: 'published',
  bidders: [bidderView('PICC', '人保财险'), bidderView('CPIC', '太保产险', { id: 2 })],
});

describe('BiddersPanel', () => {
  const http = useHttpTesting();

  async function render(shown = tender) {
    const fixture = TestBed.createComponent(BiddersPanel);
    fixture.componentRef.setInput('tender', shown);
    let changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement, changed: () => changed };
  }

  it('strikes off a bidder before the deadline once confirmed', async () => {
    const { fixture, page, changed } = await render();
    page.querySelector('tr[data-bidder="CPIC"]')!.querySelector<HTMLButtonElement>('.remove-bidder')!.click();
    http.expectNone('/api/tenders/1/bidders/2/removal');
    await confirmPopover(fixture);
    http.expectOne({ method: 'POST', url: '/api/tenders/1/bidders/2/removal' }).flush(answer(BidderViewSchema, tender.bidders[1]));
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已移除投标人 太保产险');
    expect(changed()).toBe(1);
  });

  it("shows the server's reason when the bidder has bid", async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('.remove-bidder')!.click();
    await confirmPopover(fixture);
    http
      .expectOne('/api/tenders/1/bidders/1/removal')
      .flush(
        { statusCode: 409, code: 'bidderHasBids', message: 'the bidder has bids / 该投标人已有投标或已递交投标文件，不能移除' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(page.querySelector('.remove-error')?.textContent).toContain('不能移除');
  });

  it('offers no removal after the deadline', async () => {
    const { page } = await render({ ...tender, status: 'closed' });
    expect(page.querySelector('.remove-bidder')).toBeNull();
  });
});
