import { TestBed } from '@angular/core/testing';
import { useHttpTesting } from '../testing/http';
import { choose, fieldErrors, type } from '../testing/forms';
import { confirmPopover } from '../testing/overlay';
import { ChallengesPanel } from './challenges-panel';

const filed = {
  id: 7,
  bidder: 'CPIC',
  bidderName: '太平洋财险宁波分公司',
  lot: '1',
  text: '第一包中标人资格证明不全',
  filedAt: '2026-03-03T02:00:00.000Z',
  filedBy: 'insurer2',
  status: 'filed',
  reason: null,
  answeredAt: null,
  answeredBy: null,
};
const period = { publishedOn: '2026-03-02', days: 7, endsOn: '2026-03-11', open: true, contractHold: 'challenge-unanswered' };

describe('ChallengesPanel', () => {
  const http = useHttpTesting();

  it('lists the challenges and answers one with its outcome and reason', async () => {
    const fixture = TestBed.createComponent(ChallengesPanel);
    fixture.componentRef.setInput('tenderId', 5);
    await fixture.whenStable();
    http.expectOne('/api/tenders/5/challenges').flush({ period, challenges: [filed] });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('.challenge-period')?.textContent).toContain('暂缓签订合同：有待答复的质疑');
    const row = page.querySelector('.challenge-row[data-id="7"]')!;
    expect(row.textContent).toContain('太平洋财险宁波分公司（CPIC）');
    expect(row.textContent).toContain('待答复');

    await choose(fixture, '.challenge-row[data-id="7"] nz-select.answer-outcome', 'upheld');
    await type(fixture, '#answer-reason-7', '资格证明材料不全，质疑成立');
    fixture.detectChanges();
    row.querySelector<HTMLButtonElement>('.answer-challenge')!.click();
    // Asked first: the answer cannot be changed.
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('质疑成立后须重新评审');
    http.expectNone('/api/challenges/7/answer');
    await confirmPopover(fixture);
    const req = http.expectOne('/api/challenges/7/answer');
    expect(req.request.body).toEqual({ outcome: 'upheld', reason: '资格证明材料不全，质疑成立' });
    const upheld = {
      ...filed,
      status: 'upheld',
      reason: '资格证明材料不全，质疑成立',
      answeredAt: '2026-03-04T02:00:00.000Z',
      answeredBy: 'clerk',
    };
    req.flush(upheld);
    http
      .expectOne('/api/tenders/5/challenges')
      .flush({ period: { ...period, contractHold: 'reevaluation-required' }, challenges: [upheld] });
    await fixture.whenStable();
    expect(page.querySelector('.challenge-period')?.textContent).toContain('质疑成立，须重新评审');
    expect(page.querySelector('.challenge-row')?.textContent).toContain('资格证明材料不全，质疑成立（clerk');
    expect(page.querySelector('.answer-challenge')).toBeNull();
  });

  it('shows the refused answer’s field errors under that challenge’s reason', async () => {
    const fixture = TestBed.createComponent(ChallengesPanel);
    fixture.componentRef.setInput('tenderId', 5);
    await fixture.whenStable();
    http.expectOne('/api/tenders/5/challenges').flush({ period, challenges: [filed, { ...filed, id: 8 }] });
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    await type(fixture, '#answer-reason-7', '不成立');
    fixture.detectChanges();
    page.querySelector<HTMLButtonElement>('.challenge-row[data-id="7"] .answer-challenge')!.click();
    await confirmPopover(fixture);
    http.expectOne('/api/challenges/7/answer').flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'reason', code: 'tooLong', params: { max: 2000 }, message: 'x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(fieldErrors(page, '#answer-reason-7')).toEqual(['最多2000个字符']);
    expect(fieldErrors(page, '#answer-reason-8')).toEqual([]);
    expect(fieldErrors(page, '#answer-outcome-7')).toEqual([]);
  });
});
