import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TendersApi } from '../core/tenders-api';
import { loadList } from '../core/load-list';
import { LabelPipe } from '../shared/label.pipe';

/** 招标项目: every tender, with a link to each and to the create form. */
@Component({
  selector: 'app-procurement-home',
  imports: [LabelPipe, RouterLink, DatePipe],
  template: `
    <div class="toolbar">
      <h1>招标项目</h1>
      <a routerLink="/procurement/import">导入档案</a>
      <button id="new-tender" class="primary" type="button" routerLink="/procurement/tenders/new">新建招标项目</button>
    </div>

    @if (error()) {
      <p class="alert" role="alert">{{ error() }}</p>
    }

    <table class="tenders">
      <thead>
        <tr>
          <th>项目编号</th>
          <th>项目名称</th>
          <th>状态</th>
          <th>投标截止时间</th>
          <th>开标时间</th>
          <th class="num">标包</th>
          <th class="num">投标</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        @for (tender of tenders(); track tender.id) {
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
        } @empty {
          <tr>
            <td colspan="8" class="muted">{{ loading() ? '加载中…' : '暂无招标项目' }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ProcurementHome {
  private readonly api = inject(TendersApi);
  private readonly list = loadList(this.api.list());
  protected readonly tenders = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;

  protected hasResults(status: string): boolean {
    return ['evaluation', 'awarded', 'failed'].includes(status);
  }
}
