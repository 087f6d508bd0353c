import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
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
  imports: [LabelPipe, RouterLink, DatePipe, FormsModule, NzTableModule, ServerTableBinding, NzInputModule, NzButtonModule],
  template: `
    <div class="toolbar">
      <h1>招标项目</h1>
      <a routerLink="/procurement/import">导入档案</a>
      <button id="new-tender" nz-button nzType="primary" type="button" routerLink="/procurement/tenders/new">新建招标项目</button>
    </div>

    <form class="tender-search" role="search" (ngSubmit)="list.search()">
      <label for="tender-q">项目编号或名称</label>
      <input id="tender-q" nz-input name="q" [(ngModel)]="q" placeholder="输入编号或名称的一部分" />
      <button nz-button type="submit">查询</button>
    </form>

    @if (list.error()) {
      <p class="alert" role="alert">{{ list.error() }}</p>
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
              <span class="badge status">{{ tender.status | label: 'tenderStatus' }}</span>
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
    <ng-template #empty><span class="muted">暂无招标项目</span></ng-template>
  `,
  styles: `
    .tender-search {
      display: flex;
      gap: 8px;
      align-items: center;
      margin-bottom: 12px;
    }
    .tender-search input {
      width: 280px;
    }
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
