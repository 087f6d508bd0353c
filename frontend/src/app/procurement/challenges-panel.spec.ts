import { TestBed } from '@angular/core/testing';
import { useHttpTesting } from '../testing/http';
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
    vi.spyOn(window, 'confirm').mockReturnValue(true);
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

    const outcome = row.querySelector<HTMLSelectElement>('.answer-outcome')!;
    outcome.value = 'upheld';
    outcome.dispatchEvent(new Event('change'));
    const reason = row.querySelector<HTMLInputElement>('.answer-reason')!;
    reason.value = '资格证明材料不全，质疑成立';
    reason.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    row.querySelector<HTMLButtonElement>('.answer-challenge')!.click();
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
});
