import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { DeskApi } from '../core/desk-api';
import { loadList } from '../core/load-list';
import { LabelPipe } from './label.pipe';

/**
 * 待办事项: what waits for the signed-in user, as the API computes it for the role, earliest due first;
 * each row links to the page that deals with it, and what is past due shows in red.
 */
@Component({
  selector: 'app-desk-list',
  imports: [NzTypographyModule, NzCardModule, NzAlertModule, NzTableModule, NzTagModule, RouterLink, LabelPipe, DatePipe],
  template: `
    <nz-card class="desk" nzTitle="待办事项" nzSize="small">
      @if (list.error()) {
        <nz-alert nzType="error" role="alert" [nzMessage]="list.error()" />
      }
      <nz-table
        #table
        class="desk-table"
        nzSize="small"
        [nzData]="list.rows()"
        [nzLoading]="list.loading()"
        [nzShowPagination]="list.rows().length > 10"
        [nzPageSize]="10"
        nzNoResult="暂无待办事项"
      >
        <thead>
          <tr>
            <th>事项</th>
            <th>对象</th>
            <th>期限</th>
          </tr>
        </thead>
        <tbody>
          @for (item of table.data; track $index) {
            <tr class="desk-item" [attr.data-kind]="item.kind" [class.overdue]="item.overdue">
              <td>
                <a [routerLink]="item.link">{{ item.kind | label: 'deskKind' }}</a>
                @if (item.count && item.count > 1) {
                  <span nz-typography nzType="secondary">（{{ item.count }}项）</span>
                }
              </td>
              <td>{{ item.object.name }}</td>
              <td class="desk-due">
                @if (item.due) {
                  <span nz-typography [nzType]="item.overdue ? 'danger' : undefined">{{
                    item.due.length === 10 ? item.due : (item.due | date: 'yyyy-MM-dd HH:mm' : '+0800')
                  }}</span>
                }
                @if (item.overdue) {
                  <nz-tag nzColor="red">已逾期</nz-tag>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>
  `,
})
export class DeskList {
  protected readonly list = loadList(inject(DeskApi).desk());
}
