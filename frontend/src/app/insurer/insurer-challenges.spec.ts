import { TestBed } from '@angular/core/testing';
import { useHttpTesting } from '../testing/http';
import { fieldErrors, type } from '../testing/forms';
import { InsurerChallenges } from './insurer-challenges';

const period = { publishedOn: '2026-03-02', days: 7, endsOn: '2026-03-11', open: true, contractHold: 'challenge-unanswered' };

describe('InsurerChallenges', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(InsurerChallenges);
    fixture.componentRef.setInput('tenderId', 5);
    fixture.componentRef.setInput('lots', ['1', '2']);
    await fixture.whenStable();
    http.expectOne('/api/tenders/5/challenges').flush({ period, challenges: [] });
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('files on the whole tender unless a lot is picked, and shows the refusal under its field', async () => {
    const { fixture, page } = await render();
    await type(fixture, '#challenge-text-5', '评分有误');
    fixture.detectChanges();
    page.querySelector<HTMLButtonElement>('.file-challenge')!.click();
    const req = http.expectOne('/api/tenders/5/challenges');
    expect(req.request.body).toEqual({ text: '评分有误', lot: null });
    req.flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'text', code: 'tooLong', params: { max: 5000 }, message: 'x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    expect(fieldErrors(page, '#challenge-text-5')).toEqual(['最多5000个字符']);
    expect(fieldErrors(page, '#challenge-lot-5')).toEqual([]);
    expect(page.querySelector('.form-error')?.textContent).not.toContain('text：');
  });
});
