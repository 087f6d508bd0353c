import { Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { ServerTable } from '../core/server-table';
import { TendersApi } from '../core/tenders-api';
import { answerPage } from '../testing/pages';
import { useHttpTesting } from '../testing/http';
import { tenderSummary } from '../testing/tenders';
import { TenderList } from './tender-list';

@Component({
  imports: [TenderList],
  template: `
    <app-tender-list [list]="list" route="/procurement/tenders" [deadline]="deadline" empty="暂无招标项目" [action]="results" />
    <ng-template #results let-tender
      ><a class="results-link">{{ tender.code }} 评标结果</a></ng-template
    >
  `,
})
class Host {
  private readonly api = inject(TendersApi);
  readonly list = new ServerTable<TenderSummary, TenderListQuery>((query) => this.api.page(query));
  deadline = true;
}

describe('TenderList', () => {
  const http = useHttpTesting();

  async function render(deadline: boolean) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.deadline = deadline;
    fixture.componentInstance.list.load();
    fixture.detectChanges();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('links each tender under the route, shows its status in Chinese, the total, and the page’s own last cell', async () => {
    const { fixture, page } = await render(true);
    answerPage(http, '/api/tenders', [tenderSummary({ id: 7, code: 'T-7', status: 'evaluation' })], 21);
    await fixture.whenStable();
    fixture.detectChanges();
    expect([...page.querySelectorAll('th')].map((th) => th.textContent?.trim())).toContain('投标截止时间');
    expect(page.querySelector('.tender-link')?.getAttribute('href')).toBe('/procurement/tenders/7');
    expect(page.querySelector('.status')?.textContent?.trim()).toBe('评标中');
    expect(page.querySelector('.results-link')?.textContent).toBe('T-7 评标结果');
    expect(page.textContent).toContain('共 21 个项目');
  });

  it('leaves the deadline out when not asked, and says so in Chinese when there is no tender', async () => {
    const { fixture, page } = await render(false);
    answerPage(http, '/api/tenders', [], 0);
    await fixture.whenStable();
    fixture.detectChanges();
    expect([...page.querySelectorAll('th')].map((th) => th.textContent?.trim())).not.toContain('投标截止时间');
    expect(page.textContent).toContain('暂无招标项目');
  });
});
