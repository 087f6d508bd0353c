import { Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzInputModule } from 'ng-zorro-antd/input';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { ServerTable } from '../core/server-table';
import { TendersApi } from '../core/tenders-api';
import { TenderList } from '../shared/tender-list';

/**
 * 招标项目: every tender, a page at a time, sorted, filtered by status and searched by code or name on
 * the server; a link to each, to its results, and to the create form.
 */
@Component({
  selector: 'app-procurement-home',
  imports: [
    RouterLink,
    FormsModule,
    TenderList,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzFormModule,
    NzPageHeaderModule,
    NzSpaceModule,
  ],
  template: `
    <nz-page-header>
      <h1 nz-page-header-title>招标项目</h1>
      <nz-page-header-extra>
        <nz-space>
          <a *nzSpaceItem nz-button nzType="link" routerLink="/procurement/import">导入档案</a>
          <button *nzSpaceItem id="new-tender" nz-button nzType="primary" type="button" routerLink="/procurement/tenders/new">
            新建招标项目
          </button>
        </nz-space>
      </nz-page-header-extra>
    </nz-page-header>

    <form nz-form nzLayout="inline" class="tender-search" role="search" (ngSubmit)="list.search()">
      <nz-form-item>
        <nz-form-label nzFor="tender-q">项目编号或名称</nz-form-label>
        <nz-form-control>
          <input id="tender-q" nz-input name="q" [(ngModel)]="q" placeholder="输入编号或名称的一部分" />
        </nz-form-control>
      </nz-form-item>
      <nz-form-item>
        <button nz-button type="submit">查询</button>
      </nz-form-item>
    </form>

    @if (list.error()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="list.error()" role="alert" />
    }

    <app-tender-list class="tenders" [list]="list" route="/procurement/tenders" deadline empty="暂无招标项目" [action]="results" />
    <ng-template #results let-tender>
      @if (hasResults(tender.status)) {
        <a [routerLink]="['/procurement/tenders', tender.id, 'results']">评标结果</a>
      }
    </ng-template>
  `,
})
export class ProcurementHome {
  private readonly api = inject(TendersApi);
  protected readonly list = new ServerTable<TenderSummary, TenderListQuery>(
    (query) => this.api.page(query),
    () => ({ q: this.q.trim() || undefined }),
  );
  protected q = '';

  constructor() {
    this.list.load();
  }

  protected hasResults(status: string): boolean {
    return ['evaluation', 'awarded', 'failed'].includes(status);
  }
}
