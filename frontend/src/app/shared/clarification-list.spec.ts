import { TestBed } from '@angular/core/testing';
import { ClarificationViewSchema } from '@domain/wire/tenders';
import { useHttpTesting } from '../testing/http';
import { answer } from '../testing/wire';
import { ClarificationList } from './clarification-list';

describe('ClarificationList', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(ClarificationList);
    fixture.componentRef.setInput('tenderId', 7);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists every notice’s changes in Chinese, times in Beijing time', async () => {
    const { fixture, page } = await render();
    http.expectOne('/api/tenders/7/clarifications').flush(
      answer(ClarificationViewSchema.array(), [
        {
          id: 1,
          no: 1,
          publishedAt: '2026-03-01T02:00:00.000Z',
          publishedBy: 'clerk',
          changes: [
            { field: 'openingTime', before: '2026-03-20T10:00:00+08:00', after: '2026-04-10T10:00:00+08:00' },
            { field: 'name', before: '旧名称', after: '新名称' },
          ],
        },
      ]),
    );
    fixture.detectChanges();
    await fixture.whenStable();
    const rows = [...page.querySelectorAll('tr.clarification')].map((r) =>
      [...r.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['第1号', '2026-03-01 10:00', '开标时间', '2026-03-20 10:00', '2026-04-10 10:00'],
      ['第1号', '2026-03-01 10:00', '项目名称', '旧名称', '新名称'],
    ]);
  });

  it('shows nothing while there is no notice', async () => {
    const { fixture, page } = await render();
    http.expectOne('/api/tenders/7/clarifications').flush(answer(ClarificationViewSchema.array(), []));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(page.querySelector('.clarifications')).toBeNull();
  });
});
