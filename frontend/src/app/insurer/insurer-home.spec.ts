import { TestBed } from '@angular/core/testing';
import type { TenderStatus } from '@domain/lifecycles';
import { OpeningRecordSchema } from '@domain/wire/opening';
import { ClarificationViewSchema } from '@domain/wire/tenders';
import { InsurerHome } from './insurer-home';
import { useHttpTesting } from '../testing/http';
import { answerPage } from '../testing/pages';
import { bidResult, lotResult, tenderResults } from '../testing/results';
import { tenderSummary } from '../testing/tenders';
import { answer } from '../testing/wire';
import { InsurerChallenges } from './insurer-challenges';
import { choose, type } from '../testing/forms';

/** The opening record of an awarded tender: the window long over, the insurer's one line deemed confirmed. */
const openingRecord = answer(OpeningRecordSchema, {
  window: {
    openedAt: '2026-03-01T02:00:00.000Z',
    confirmMinutes: 30,
    endsAt: '2026-03-01T02:30:00.000Z',
    status: 'ended',
    over: true,
    awaitingAmounts: 0,
  },
  lots: [
    {
      no: '1',
      name: '中心片区',
      lines: [
        {
          id: 7,
          bidId: 3,
          lot: '1',
          bidder: 'PICC',
          bidderName: '人保',
          unitPrice: '1.16',
          serviceTotal: '4634159.40',
          fixedComponents: [{ name: '绩效考核', amount: '500000.00' }],
          total: '5134159.40',
          totalCapitals: '伍佰壹拾叁万肆仟壹佰伍拾玖元肆角',
          rate: null,
          deficitShare: null,
          status: 'deemed-confirmed',
          respondedAt: null,
          respondedBy: null,
          disputeReason: null,
          answer: null,
          answeredAt: null,
          answeredBy: null,
          correction: null,
        },
      ],
    },
  ],
  unanswered: 0,
});

const closedPeriod = { publishedOn: '2026-03-02', days: 7, endsOn: '2026-03-11', open: false, contractHold: null };

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
    expect(answerPage(http, '/api/tenders', [summary(1, 'published'), summary(2, 'awarded')])).toEqual({ page: '1', pageSize: '10' });
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
    http.expectOne('/api/tenders/2/challenges').flush({ period: closedPeriod, challenges: [] });
    http.expectOne('/api/tenders/2/opening').flush(openingRecord);
    fixture.detectChanges();
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('我的投标');
    expect(page.querySelector('[data-tender="T1"] tr.clarification')?.textContent).toContain('投标截止时间');
    expect(page.querySelector('[data-tender="T2"] .clarifications')).toBeNull();
    expect(page.querySelector('[data-tender="T1"] .result-note')?.textContent).toContain('尚未开标');
    const outcomes = [...page.querySelectorAll('[data-tender="T2"] .outcome')].map((e) => e.textContent?.trim());
    expect(outcomes).toEqual(['中标', '让标：已中标标包1']);
    // The challenge period is over: the answers are shown, no form.
    expect(page.querySelector('[data-tender="T2"] .challenge-period')?.textContent).toContain('质疑期已届满');
    expect(page.querySelector('.file-challenge')).toBeNull();
    // Its opening record: the line it left unanswered counts as confirmed, and takes no answer now.
    expect(page.querySelector('[data-tender="T1"] .opening-record')).toBeNull();
    expect(page.querySelector('.opening-record[data-tender="2"] .opening-line .line-status')?.textContent).toContain('视为确认');
    expect(page.querySelector('.opening-record .confirm-line')).toBeNull();
    expect(page.querySelector('#opening-countdown')?.textContent).toContain('确认期已结束');
  });

  it('files a challenge on a lot while the period runs, and shows the answer', async () => {
    const fixture = TestBed.createComponent(InsurerChallenges);
    fixture.componentRef.setInput('tenderId', 2);
    fixture.componentRef.setInput('lots', ['1', '2']);
    await fixture.whenStable();
    const open = { ...closedPeriod, open: true, contractHold: 'challenge-period' };
    const answered = {
      id: 1,
      bidder: 'PICC',
      bidderName: '人保',
      lot: null,
      text: '资格审查有误',
      filedAt: '2026-03-02T02:00:00.000Z',
      filedBy: 'insurer',
      status: 'rejected',
      reason: '经复核无误',
      answeredAt: '2026-03-03T02:00:00.000Z',
      answeredBy: 'clerk',
    };
    http.expectOne('/api/tenders/2/challenges').flush({ period: open, challenges: [answered] });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('.challenge-period')?.textContent).toContain('至 2026-03-11');
    expect(page.querySelector('.challenge-period')?.textContent).toContain('暂缓签订合同：质疑期内');
    expect(page.querySelector('.challenge')?.textContent).toContain('质疑不成立');
    expect(page.querySelector('.challenge-answer')?.textContent).toContain('经复核无误');

    await choose(fixture, 'nz-select.challenge-lot', '2');
    await type(fixture, '.challenge-input', '第二包价格分计算有误');
    fixture.detectChanges();
    page.querySelector<HTMLButtonElement>('.file-challenge')!.click();
    const req = http.expectOne('/api/tenders/2/challenges');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ text: '第二包价格分计算有误', lot: '2' });
    req.flush({ ...answered, id: 2, lot: '2', status: 'filed', reason: null, answeredAt: null, answeredBy: null });
    http.expectOne('/api/tenders/2/challenges').flush({ period: open, challenges: [answered] });
  });
});
