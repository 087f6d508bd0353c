import { TestBed } from '@angular/core/testing';
import { ExpertHome } from './expert-home';
import { useHttpTesting } from '../testing/http';
import { answerPage, answerPageWhenAsked } from '../testing/pages';
import { tenderSummary } from '../testing/tenders';

describe('ExpertHome', () => {
  const http = useHttpTesting();

  const render = async () => {
    const fixture = TestBed.createComponent(ExpertHome);
    fixture.detectChanges();
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  };

  it('asks the server for the first page of the assigned tenders and shows each with its status, a link and the total', async () => {
    const { fixture, page } = await render();
    const query = answerPage(
      http,
      '/api/tenders',
      [
        tenderSummary({
          id: 3,
          code: 'NBZFCG2022B031G',
          name: '宁波市长期护理保险经办服务项目',
          status: 'evaluation',
          openingTime: '2022-06-01T01:30:00Z',
          lotCount: 3,
          bidCount: 9,
        }),
      ],
      21,
    );
    expect(query).toEqual({ page: '1', pageSize: '20' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelector('h1')?.textContent).toBe('我的评审');
    const cells = [...page.querySelectorAll('tbody td')].map((td) => td.textContent?.trim());
    expect(cells.slice(0, 4)).toEqual(['NBZFCG2022B031G', '宁波市长期护理保险经办服务项目', '评标中', '2022-06-01 09:30']);
    expect(page.querySelector('a.open-tender')?.getAttribute('href')).toBe('/expert/tenders/3');
    expect(page.textContent).toContain('共 21 个项目');
  });

  it('sorts on the server when a column header is clicked', async () => {
    const { fixture, page } = await render();
    answerPage(http, '/api/tenders', [tenderSummary({ id: 1 })], 1);
    await fixture.whenStable();
    fixture.detectChanges();
    page.querySelector<HTMLElement>('th[nzColumnKey="openingTime"]')!.click();
    expect(await answerPageWhenAsked(http, '/api/tenders', [tenderSummary({ id: 1 })], 1)).toEqual({
      page: '1',
      pageSize: '20',
      sort: 'openingTime',
      order: 'asc',
    });
  });

  it('says so when nothing is assigned', async () => {
    const { fixture, page } = await render();
    answerPage(http, '/api/tenders', []);
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.textContent).toContain('暂无分配给您的评审项目');
  });
});
