import { TestBed } from '@angular/core/testing';
import { TenderListQuerySchema } from '@domain/wire/tenders';
import { useHttpTesting } from '../testing/http';
import { tenderSummary } from '../testing/tenders';
import { sent } from '../testing/wire';
import { ProcurementHome } from './procurement-home';

describe('ProcurementHome', () => {
  const http = useHttpTesting();

  const render = async () => {
    const fixture = TestBed.createComponent(ProcurementHome);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  };
  /** The next list request: its query as the server reads it, answered with `rows` of `total`. */
  const answerList = async (fixture: { whenStable(): Promise<unknown>; detectChanges(): void }, rows: number, total: number) => {
    const request = http.expectOne((r) => r.url === '/api/tenders');
    const query = sent(
      TenderListQuerySchema,
      Object.fromEntries(request.request.params.keys().map((k) => [k, request.request.params.get(k)])),
    );
    request.flush(
      Array.from({ length: rows }, (_, i) => tenderSummary({ id: i + 1, code: `T-${i + 1}` })),
      { headers: { 'X-Total-Count': String(total) } },
    );
    await fixture.whenStable();
    fixture.detectChanges();
    return query;
  };

  it('asks the server for the first page and shows its rows and the whole list’s total', async () => {
    const { fixture, page } = await render();
    expect(await answerList(fixture, 20, 45)).toEqual({ page: 1, pageSize: 20 });
    expect(page.querySelectorAll('.tender-link')).toHaveLength(20);
    expect(page.textContent).toContain('共 45 个项目');
    expect(page.querySelector('.tender-link')?.getAttribute('href')).toBe('/procurement/tenders/1');
  });

  it('searches by code or name from the first page, and sorts on the server', async () => {
    const { fixture, page } = await render();
    await answerList(fixture, 20, 45);
    const q = page.querySelector<HTMLInputElement>('#tender-q')!;
    q.value = 'NB2026';
    q.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.tender-search button[type=submit]')!.click();
    expect(await answerList(fixture, 1, 1)).toEqual({ page: 1, pageSize: 20, q: 'NB2026' });
    expect(page.textContent).toContain('共 1 个项目');

    page.querySelector<HTMLElement>('th[nzColumnKey="code"]')!.click();
    // The table reports its parameters after a tick.
    await new Promise((resolve) => setTimeout(resolve, 20));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(await answerList(fixture, 1, 1)).toEqual({ page: 1, pageSize: 20, q: 'NB2026', sort: 'code', order: 'asc' });
  });

  it('says so when there is no tender, in Chinese', async () => {
    const { fixture, page } = await render();
    await answerList(fixture, 0, 0);
    expect(page.textContent).toContain('暂无招标项目');
  });
});
