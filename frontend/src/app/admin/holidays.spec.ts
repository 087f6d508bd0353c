import { TestBed } from '@angular/core/testing';
import { useHttpTesting } from '../testing/http';
import { confirmPopover } from '../testing/overlay';
import { Holidays } from './holidays';

describe('Holidays', () => {
  const http = useHttpTesting();
  const year = new Date().getFullYear();

  it('lists the year’s days with their kind, adds one and removes one', async () => {
    const fixture = TestBed.createComponent(Holidays);
    await fixture.whenStable();
    const days = [
      { date: `${year}-10-01`, kind: 'holiday', name: '国庆节' },
      { date: `${year}-10-10`, kind: 'workday', name: '国庆节' },
    ];
    http.expectOne((r) => r.url === '/api/calendar/holidays' && r.params.get('year') === String(year)).flush(days);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const rows = [...page.querySelectorAll('.holiday-row')].map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('放假');
    expect(rows[1]).toContain('调休上班');

    const date = page.querySelector<HTMLInputElement>('#holiday-date')!;
    date.value = `${year}-12-31`;
    date.dispatchEvent(new Event('input'));
    const name = page.querySelector<HTMLInputElement>('#holiday-name')!;
    name.value = '元旦';
    name.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    page.querySelector<HTMLButtonElement>('#add-holiday')!.click();
    const add = http.expectOne((r) => r.method === 'POST' && r.url === '/api/calendar/holidays');
    expect(add.request.body).toEqual({ date: `${year}-12-31`, kind: 'holiday', name: '元旦' });
    add.flush({ date: `${year}-12-31`, kind: 'holiday', name: '元旦' });
    http.expectOne((r) => r.url === '/api/calendar/holidays').flush(days);
    await fixture.whenStable();

    page.querySelector<HTMLButtonElement>('.holiday-row[data-date$="-10-10"] .remove-holiday')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    // Asked first, in NG-ZORRO's popconfirm: nothing is removed before the answer.
    expect(document.querySelector('.ant-popover')?.textContent).toContain('按工作日计算的期限将随之改变');
    http.expectNone(`/api/calendar/holidays/${year}-10-10`);
    await confirmPopover(fixture);
    http.expectOne(`/api/calendar/holidays/${year}-10-10`).flush(days[1]);
    http.expectOne((r) => r.url === '/api/calendar/holidays').flush([days[0]]);
    await fixture.whenStable();
    expect(page.querySelectorAll('.holiday-row')).toHaveLength(1);
  });
});
