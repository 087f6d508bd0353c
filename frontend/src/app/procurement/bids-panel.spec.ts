import { TestBed } from '@angular/core/testing';
import {
  BidRowSchema,
  CreateBidSchema,
  PaperReceiptSchema,
  PaperReceiptViewSchema,
  ReceivedBidsSchema,
  type BidRow,
  type ReceivedBids,
} from '@domain/wire/bids';
import type { TenderDetail } from '@domain/wire/tenders';
import { bidderView, lotView, openedBid, tenderDetail } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { BidsPanel } from './bids-panel';
import { useHttpTesting } from '../testing/http';
import { confirmPopover } from '../testing/overlay';
import { choose } from '../testing/forms';

const tender = tenderDetail({
  code: 'NB1',
  name: '宁波长护险',
  status: 'published',
  version: 3,
  lots: [
    lotView('1', {
      name: '中心片区',
      regions: ['市区'],
      basePopulation: 3994965,
      maxUnitPrice: '1.23',
      maxBudget: '4870000.00',
      fixedComponents: [
        { name: '信息系统', amount: '300000.00' },
        { name: '绩效奖励', amount: '500000.00' },
      ],
      scheme: 'NB-LOT1',
      bidCount: 1,
    }),
  ],
  bidders: [bidderView('PICC', '人保财险')],
});

describe('BidsPanel', () => {
  const http = useHttpTesting();

  const nothingReceived: ReceivedBids = { bidSubmission: 'electronic', electronic: [], paper: [] };

  async function render(t: TenderDetail, bids: BidRow[], received: ReceivedBids = nothingReceived) {
    const fixture = TestBed.createComponent(BidsPanel);
    fixture.componentRef.setInput('tender', t);
    await fixture.whenStable();
    http.expectOne('/api/tenders/1/bids').flush(answer(BidRowSchema.array(), bids));
    http.expectOne('/api/tenders/1/received-bids').flush(answer(ReceivedBidsSchema, received));
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    return { fixture, page };
  }

  const paperReceipt = {
    id: 4,
    lot: '1',
    bidder: 'PICC',
    bidderName: '人保财险',
    receivedAt: '2026-12-01T01:00:00Z',
    receivedBy: '王经办',
    sealedIntact: true,
    note: null,
    recordedAt: '2026-12-01T01:01:00Z',
    amountsEntered: false,
  };

  it('lists the envelopes received, electronic and paper, without any amount', async () => {
    const { page } = await render(tender, [], {
      bidSubmission: 'electronic',
      electronic: [
        {
          id: 5,
          lot: '1',
          bidder: 'PICC',
          bidderName: '人保财险',
          status: 'sealed',
          hash: 'ab'.repeat(32),
          submittedAt: '2026-12-01T02:00:00Z',
          closedAt: null,
        },
      ],
      paper: [],
    });
    const cells = [...page.querySelectorAll('.received-bids tbody tr[data-bidder] td')].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['1', '人保财险', '2026-12-01 10:00:00', '已递交（密封）', 'ab'.repeat(32)]);
    expect(page.querySelector('#save-bid')).toBeNull();
    expect(page.querySelector('#save-receipt')).toBeNull();
  });

  it('records a paper envelope’s receipt before the deadline', async () => {
    const { fixture, page } = await render({ ...tender, bidSubmission: 'paper' }, []);
    const set = (selector: string, value: string) => {
      const el = page.querySelector<HTMLInputElement>(selector)!;
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    await choose(fixture, 'nz-select[nzId="receipt-lot"]', '1');
    await choose(fixture, 'nz-select[nzId="receipt-bidder"]', 'PICC');
    set('#receipt-by', '王经办');
    page.querySelector<HTMLButtonElement>('#save-receipt')!.click();
    const req = http.expectOne('/api/tenders/1/paper-receipts');
    expect(sent(PaperReceiptSchema, req.request.body)).toMatchObject({
      lot: '1',
      bidder: 'PICC',
      receivedBy: '王经办',
      sealedIntact: true,
      note: null,
    });
    req.flush(answer(PaperReceiptViewSchema, paperReceipt));
    http.expectOne('/api/tenders/1/bids').flush([]);
    http
      .expectOne('/api/tenders/1/received-bids')
      .flush(answer(ReceivedBidsSchema, { bidSubmission: 'paper', electronic: [], paper: [paperReceipt] }));
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已签收');
    expect(page.querySelector('.received-paper')?.textContent).toContain('王经办');
  });

  it('at the opening prefills service total, fixed components, total and capitals, then posts a paper bid’s amounts', async () => {
    const opened = {
      ...tender,
      bidSubmission: 'paper' as const,
      status: 'opened' as const,
      lots: [{ ...tender.lots[0], status: 'opened' as const }],
    };
    const { fixture, page } = await render(opened, [], { bidSubmission: 'paper', electronic: [], paper: [paperReceipt] });
    const set = (selector: string, value: string) => {
      const el = page.querySelector<HTMLInputElement>(selector)!;
      el.value = value;
      el.dispatchEvent(new Event('input'));
    };
    await choose(fixture, 'nz-select[nzId="bid-lot"]', '1');
    await choose(fixture, 'nz-select[nzId="bid-bidder"]', 'PICC');
    set('.bid-unit-price', '1.22');
    await fixture.whenStable();
    const value = (selector: string) => page.querySelector<HTMLInputElement>(selector)!.value;
    expect(value('.bid-service-total')).toBe('4873857.30');
    expect([...page.querySelectorAll<HTMLInputElement>('.bid-component .component-amount')].map((i) => i.value)).toEqual([
      '300000.00',
      '500000.00',
    ]);
    expect(value('.bid-total')).toBe('5673857.30');
    expect(value('.bid-capitals')).toBe('伍佰陆拾柒万叁仟捌佰伍拾柒元叁角');

    set('#bid-ip', '10.0.0.8');
    page.querySelector<HTMLButtonElement>('#save-bid')!.click();
    const req = http.expectOne('/api/tenders/1/bids');
    expect(req.request.method).toBe('POST');
    expect(sent(CreateBidSchema, req.request.body)).toEqual({
      lot: '1',
      bidder: 'PICC',
      unitPrice: '1.22',
      serviceTotal: '4873857.30',
      fixedComponents: [
        { name: '信息系统', amount: '300000.00' },
        { name: '绩效奖励', amount: '500000.00' },
      ],
      total: '5673857.30',
      totalCapitals: '伍佰陆拾柒万叁仟捌佰伍拾柒元叁角',
      submittedFromIp: '10.0.0.8',
    });
    req.flush(openedBid({ bidderName: '人保财险' }));
    http.expectOne('/api/tenders/1/bids').flush([]);
    http.expectOne('/api/tenders/1/received-bids').flush(answer(ReceivedBidsSchema, { bidSubmission: 'paper', electronic: [], paper: [] }));
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已录入');
  });

  it('after opening shows the figures, validity, flags and corrections per lot', async () => {
    const { page } = await render({ ...tender, status: 'qualification' }, [openedBid()]);
    const row = page.querySelector('.lot-bids[data-lot="1"] .opened-bid')!;
    expect(row.querySelector('.validity')?.textContent).toContain('无效');
    expect(row.querySelector('.validity')?.textContent).toContain('超过最高预算');
    expect(row.querySelector('.flags')?.textContent).toContain('同一IP');
    expect(row.querySelector('.corrections')?.textContent).toContain('以大写为准');
    expect(page.querySelector('.opening-sheet')?.getAttribute('href')).toBe('/api/tenders/1/lots/1/opening-sheet.xlsx');
    expect(page.querySelector('#save-bid')).toBeNull();
  });

  it("removes a paper bid's amounts once confirmed, to be entered again", async () => {
    const opened = {
      ...tender,
      bidSubmission: 'paper' as const,
      status: 'opened' as const,
      lots: [{ ...tender.lots[0], status: 'opened' as const }],
    };
    const bid = openedBid({ bidderName: '人保财险' });
    const { fixture, page } = await render(opened, [bid], {
      bidSubmission: 'paper',
      electronic: [],
      paper: [{ ...paperReceipt, amountsEntered: true }],
    });
    page.querySelector<HTMLButtonElement>('.opened-bid .remove-amounts')!.click();
    http.expectNone(`/api/tenders/1/bids/${bid.id}/removal`);
    await confirmPopover(fixture);
    const req = http.expectOne({ method: 'POST', url: `/api/tenders/1/bids/${bid.id}/removal` });
    req.flush({ id: bid.id, bidder: bid.bidder, lot: '1' });
    http.expectOne('/api/tenders/1/bids').flush([]);
    http
      .expectOne('/api/tenders/1/received-bids')
      .flush(answer(ReceivedBidsSchema, { bidSubmission: 'paper', electronic: [], paper: [paperReceipt] }));
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已移除 人保财险 对标包 1 的开标报价');
  });

  it('offers no removal of an electronic bid, nor after the opening', async () => {
    const { page } = await render({ ...tender, status: 'opened', lots: [{ ...tender.lots[0], status: 'opened' }] }, [openedBid()]);
    expect(page.querySelector('.remove-amounts')).toBeNull();
  });
});
