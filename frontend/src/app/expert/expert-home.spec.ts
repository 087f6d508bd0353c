import { TestBed } from '@angular/core/testing';
import { ExpertHome } from './expert-home';
import { useHttpTesting } from '../testing/http';
import { tenderSummary } from '../testing/tenders';

describe('ExpertHome', () => {
  const http = useHttpTesting();

  it('lists the assigned tenders with their status and a link to each', async () => {
    const fixture = TestBed.createComponent(ExpertHome);
    http.expectOne('/api/tenders').flush([
      tenderSummary({
        id: 3,
        code: 'NBZFCG2022B031G',
        name: '宁波市长期护理保险经办服务项目',
        status: 'evaluation',
        openingTime: '2022-06-01T01:30:00Z',
        lotCount: 3,
        bidCount: 9,
      }),
    ]);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('我的评审');
    const cells = [...page.querySelectorAll('tbody td')].map((td) => td.textContent?.trim());
    expect(cells.slice(0, 4)).toEqual(['NBZFCG2022B031G', '宁波市长期护理保险经办服务项目', '评标中', '2022-06-01 09:30']);
    expect(page.querySelector('a.open-tender')?.getAttribute('href')).toBe('/expert/tenders/3');
  });

  it('says so when nothing is assigned', async () => {
    const fixture = TestBed.createComponent(ExpertHome);
    http.expectOne('/api/tenders').flush([]);
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('tbody')?.textContent).toContain('暂无分配给您的评审项目');
  });
});
