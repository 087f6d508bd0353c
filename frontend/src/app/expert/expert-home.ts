import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TendersApi } from '../core/tenders-api';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';
import { LabelPipe } from '../shared/label.pipe';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

/** 我的评审: the tenders the expert is assigned to (visible after opening), a page at a time from the server. */
@Component({
  selector: 'app-expert-home',
  imports: [LabelPipe, RouterLink, DatePipe, NzTableModule, ServerTableBinding, NzAlertModule, NzTagModule, NzTypographyModule],
  template: `
    <h1>我的评审</h1>
    <p nz-typography nzType="secondary">以下为分配给您的评审项目（开标后可见）。进入项目后，请先作出回避声明，再对各标包评分。</p>

    @if (list.error()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="list.error()" role="alert" />
    }

    <nz-table class="expert-tenders" nzSize="small" [appServerTable]="list" [nzShowTotal]="totalText" [nzNoResult]="empty">
      <thead>
        <tr>
          <th nzColumnKey="code" [nzSortFn]="true">项目编号</th>
          <th nzColumnKey="name" [nzSortFn]="true">项目名称</th>
          <th nzColumnKey="status" [nzFilters]="statusFilters" [nzFilterMultiple]="false" [nzFilterFn]="true">状态</th>
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
              <a class="tender-link" [routerLink]="['/expert/tenders', tender.id]">{{ tender.code }}</a>
            </td>
            <td>{{ tender.name }}</td>
            <td>
              <nz-tag class="status">{{ tender.status | label: 'tenderStatus' }}</nz-tag>
            </td>
            <td>{{ tender.openingTime | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
            <td class="num">{{ tender.lotCount }}</td>
            <td class="num">{{ tender.bidCount }}</td>
            <td><a class="open-tender" [routerLink]="['/expert/tenders', tender.id]">进入评审</a></td>
          </tr>
        }
      </tbody>
    </nz-table>
    <ng-template #totalText let-total>共 {{ total }} 个项目</ng-template>
    <ng-template #empty><span nz-typography nzType="secondary">暂无分配给您的评审项目</span></ng-template>
  `,
})
export class ExpertHome {
  private readonly api = inject(TendersApi);
  protected readonly list = new ServerTable<TenderSummary, TenderListQuery>((query) => this.api.page(query));
  protected readonly statusFilters = labelFilters('tenderStatus');

  constructor() {
    this.list.load();
  }
}
