import { TestBed } from '@angular/core/testing';
import type { TenderStatus } from '@domain/lifecycles';
import { ClarificationViewSchema } from '@domain/wire/tenders';
import { InsurerHome } from './insurer-home';
import { useHttpTesting } from '../testing/http';
import { bidResult, lotResult, tenderResults } from '../testing/results';
import { tenderSummary } from '../testing/tenders';
import { answer } from '../testing/wire';

const summary = (id: number, status: TenderStatus) =>
  tenderSummary({
    id,
    code: `T${id}`,
    name: `项目${id}`,
    status,
    bidDeadline: '2026-12-20T09:30:00+08:00',
    openingTime: '2026-12-20T09:30:00+08:00',
    lotCount: 2,
    bidCount: 2,
  });

describe('InsurerHome', () => {
  const http = useHttpTesting();

  it('shows its own results per tender and keeps sealed tenders without results', async () => {
    const fixture = TestBed.createComponent(InsurerHome);
    await fixture.whenStable();
    http.expectOne('/api/tenders').flush([summary(1, 'published'), summary(2, 'awarded')]);
    http.expectOne('/api/tenders/2/results').flush(
      tenderResults('T2', [
        lotResult('1', {
          basePrice: '1.00',
          bids: [
            bidResult('PICC', {
              evaluatedPrice: '3910000.00',
              priceScore: '10.00',
              nonPriceScore: '80.50',
              finalScore: '90.50',
              categoryScores: {},
              rank: 1,
            }),
          ],
          winner: 'PICC',
        }),
        lotResult('2', { basePrice: '1.00', setAside: [{ bidder: 'PICC', reason: '已中标标包1' }], winner: 'CPIC' }),
      ]),
    );
    await fixture.whenStable();
    // The published tender's deadline was put off: its bidders read the notice.
    http.expectOne('/api/tenders/1/clarifications').flush(
      answer(ClarificationViewSchema.array(), [
        {
          id: 1,
          no: 1,
          publishedAt: '2026-03-01T02:00:00.000Z',
          publishedBy: 'clerk',
          changes: [{ field: 'bidDeadline', before: '2026-03-20T09:30:00+08:00', after: '2026-04-10T09:30:00+08:00' }],
        },
      ]),
    );
    http.expectOne('/api/tenders/2/clarifications').flush(answer(ClarificationViewSchema.array(), []));
    fixture.detectChanges();
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('我的投标');
    expect(page.querySelector('[data-tender="T1"] tr.clarification')?.textContent).toContain('投标截止时间');
    expect(page.querySelector('[data-tender="T2"] .clarifications')).toBeNull();
    expect(page.querySelector('[data-tender="T1"] .result-note')?.textContent).toContain('尚未开标');
    const outcomes = [...page.querySelectorAll('[data-tender="T2"] .outcome')].map((e) => e.textContent?.trim());
    expect(outcomes).toEqual(['中标', '让标：已中标标包1']);
  });
});
