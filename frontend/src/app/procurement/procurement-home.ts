import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';
import { TendersApi } from '../core/tenders-api';
import { LabelPipe } from '../shared/label.pipe';

/**
 * 招标项目: every tender, a page at a time, sorted, filtered by status and searched by code or name on
 * the server; a link to each, to its results, and to the create form.
 */
@Component({
  selector: 'app-procurement-home',
  imports: [
    LabelPipe,
    RouterLink,
    DatePipe,
    FormsModule,
    NzTableModule,
    ServerTableBinding,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzFormModule,
    NzPageHeaderModule,
    NzSpaceModule,
    NzTagModule,
    NzTypographyModule,
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

    <nz-table class="tenders" nzSize="small" [appServerTable]="list" [nzShowTotal]="totalText" [nzNoResult]="empty">
      <thead>
        <tr>
          <th nzColumnKey="code" [nzSortFn]="true">项目编号</th>
          <th nzColumnKey="name" [nzSortFn]="true">项目名称</th>
          <th nzColumnKey="status" [nzFilters]="statusFilters" [nzFilterMultiple]="false" [nzFilterFn]="true">状态</th>
          <th nzColumnKey="bidDeadline" [nzSortFn]="true">投标截止时间</th>
          <th nzColumnKey="openingTime" [nzSortFn]="true">开标时间</th>
          <th class="num">标包</th>
          <th class="num">投标</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        @for (tender of list.rows(); track tender.id) {
          <tr>
            <td>
              <a class="tender-link" [routerLink]="['/procurement/tenders', tender.id]">{{ tender.code }}</a>
            </td>
            <td>{{ tender.name }}</td>
            <td>
              <nz-tag>{{ tender.status | label: 'tenderStatus' }}</nz-tag>
            </td>
            <td>{{ tender.bidDeadline | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
            <td>{{ tender.openingTime | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
            <td class="num">{{ tender.lotCount }}</td>
            <td class="num">{{ tender.bidCount }}</td>
            <td>
              @if (hasResults(tender.status)) {
                <a [routerLink]="['/procurement/tenders', tender.id, 'results']">评标结果</a>
              }
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    <ng-template #totalText let-total>共 {{ total }} 个项目</ng-template>
    <ng-template #empty><span nz-typography nzType="secondary">暂无招标项目</span></ng-template>
  `,
})
export class ProcurementHome {
  private readonly api = inject(TendersApi);
  protected readonly list = new ServerTable<TenderSummary, TenderListQuery>(
    (query) => this.api.page(query),
    () => ({ q: this.q.trim() || undefined }),
  );
  protected readonly statusFilters = labelFilters('tenderStatus');
  protected q = '';

  constructor() {
    this.list.load();
  }

  protected hasResults(status: string): boolean {
    return ['evaluation', 'awarded', 'failed'].includes(status);
  }
}
