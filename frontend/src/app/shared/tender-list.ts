import { DatePipe, NgTemplateOutlet } from '@angular/common';
import { Component, TemplateRef, booleanAttribute, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';
import { LabelPipe } from './label.pipe';

/**
 * A page of tenders from the server (the role's own list): code linking to the tender under `route`,
 * name, status, times, lot and bid counts, sorted and filtered on the server; the last column is the
 * page's own (`action`, given the row's tender).
 */
@Component({
  selector: 'app-tender-list',
  imports: [DatePipe, NgTemplateOutlet, RouterLink, NzTableModule, NzTagModule, NzTypographyModule, ServerTableBinding, LabelPipe],
  template: `
    <nz-table class="tender-list" nzSize="small" [appServerTable]="list()" [nzShowTotal]="totalText" [nzNoResult]="emptyText">
      <thead>
        <tr>
          <th nzColumnKey="code" [nzSortFn]="true">项目编号</th>
          <th nzColumnKey="name" [nzSortFn]="true">项目名称</th>
          <th nzColumnKey="status" [nzFilters]="statusFilters" [nzFilterMultiple]="false" [nzFilterFn]="true">状态</th>
          @if (deadline()) {
            <th nzColumnKey="bidDeadline" [nzSortFn]="true">投标截止时间</th>
          }
          <th nzColumnKey="openingTime" [nzSortFn]="true">开标时间</th>
          <th class="num">标包</th>
          <th class="num">投标</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        @for (tender of list().rows(); track tender.id) {
          <tr>
            <td>
              <a class="tender-link" [routerLink]="[route(), tender.id]">{{ tender.code }}</a>
            </td>
            <td>{{ tender.name }}</td>
            <td>
              <nz-tag class="status">{{ tender.status | label: 'tenderStatus' }}</nz-tag>
            </td>
            @if (deadline()) {
              <td>{{ tender.bidDeadline | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
            }
            <td>{{ tender.openingTime | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
            <td class="num">{{ tender.lotCount }}</td>
            <td class="num">{{ tender.bidCount }}</td>
            <td>
              <ng-container *ngTemplateOutlet="action(); context: { $implicit: tender }" />
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    <ng-template #totalText let-total>共 {{ total }} 个项目</ng-template>
    <ng-template #emptyText
      ><span nz-typography nzType="secondary">{{ empty() }}</span></ng-template
    >
  `,
})
export class TenderList {
  readonly list = input.required<ServerTable<TenderSummary, TenderListQuery>>();
  /** Where a tender's page is: its id is appended. */
  readonly route = input.required<string>();
  /** Whether the bid deadline has its column (procurement's list). */
  readonly deadline = input(false, { transform: booleanAttribute });
  /** What the table says when there is no tender. */
  readonly empty = input.required<string>();
  /** The last cell of a row. */
  readonly action = input<TemplateRef<{ $implicit: TenderSummary }> | null>(null);

  protected readonly statusFilters = labelFilters('tenderStatus');
}
