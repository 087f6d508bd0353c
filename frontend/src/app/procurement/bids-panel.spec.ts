import { TestBed } from '@angular/core/testing';
import { BidReceiptSchema, BidRowSchema, CreateBidSchema, type BidRow } from '@domain/wire/bids';
import type { TenderDetail } from '@domain/wire/tenders';
import { bidderView, lotView, openedBid, tenderDetail } from '../testing/tenders';
import { answer, sent } from '../testing/wire';
import { BidsPanel } from './bids-panel';
import { useHttpTesting } from '../testing/http';

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

  async function render(t: TenderDetail, bids: BidRow[]) {
    const fixture = TestBed.createComponent(BidsPanel);
    fixture.componentRef.setInput('tender', t);
    await fixture.whenStable();
    http.expectOne('/api/tenders/1/bids').flush(answer(BidRowSchema.array(), bids));
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    return { fixture, page };
  }

  it('lists sealed bids without amounts', async () => {
    const { page } = await render(tender, [
      { id: 5, lot: '1', bidder: 'PICC', bidderName: '人保财险', submittedAt: '2026-12-01T02:00:00Z', sealed: true },
    ]);
    const cells = [...page.querySelectorAll('.sealed-bids tbody td')].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['1', '人保财险', '2026-12-01 10:00:00', '已密封']);
  });

  it('prefills service total, fixed components, total and capitals, then posts the bid', async () => {
    const { fixture, page } = await render(tender, []);
    const set = (selector: string, value: string, event = 'input') => {
      const el = page.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
      el.value = value;
      el.dispatchEvent(new Event(event));
    };
    set('#bid-lot', '1', 'change');
    set('#bid-bidder', 'PICC', 'change');
    set('#bid-unit-price', '1.22');
    await fixture.whenStable();
    const value = (selector: string) => page.querySelector<HTMLInputElement>(selector)!.value;
    expect(value('#bid-service-total')).toBe('4873857.30');
    expect([...page.querySelectorAll<HTMLInputElement>('.bid-component .component-amount')].map((i) => i.value)).toEqual([
      '300000.00',
      '500000.00',
    ]);
    expect(value('#bid-total')).toBe('5673857.30');
    expect(value('#bid-capitals')).toBe('伍佰陆拾柒万叁仟捌佰伍拾柒元叁角');

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
    req.flush(answer(BidReceiptSchema, { id: 6, lot: '1', bidder: 'PICC', submittedAt: '2026-12-01T02:00:00Z', sealed: true }));
    http.expectOne('/api/tenders/1/bids').flush([]);
    await fixture.whenStable();
    expect(page.querySelector('.notice')?.textContent).toContain('已密封');
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
});
