import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TendersApi } from '../core/tenders-api';
import { loadList } from '../core/load-list';
import { LabelPipe } from '../shared/label.pipe';

/** 我的评审: the tenders the expert is assigned to (visible after opening). */
@Component({
  selector: 'app-expert-home',
  imports: [LabelPipe, RouterLink, DatePipe],
  template: `
    <h1>我的评审</h1>
    <p class="muted">以下为分配给您的评审项目（开标后可见）。进入项目后，请先作出回避声明，再对各标包评分。</p>

    @if (error()) {
      <p class="alert" role="alert">{{ error() }}</p>
    }

    <table class="expert-tenders">
      <thead>
        <tr>
          <th>项目编号</th>
          <th>项目名称</th>
          <th>状态</th>
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
              <a class="tender-link" [routerLink]="['/expert/tenders', tender.id]">{{ tender.code }}</a>
            </td>
            <td>{{ tender.name }}</td>
            <td>
              <span class="badge status">{{ tender.status | label: 'tenderStatus' }}</span>
            </td>
            <td>{{ tender.openingTime | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
            <td class="num">{{ tender.lotCount }}</td>
            <td class="num">{{ tender.bidCount }}</td>
            <td><a class="open-tender" [routerLink]="['/expert/tenders', tender.id]">进入评审</a></td>
          </tr>
        } @empty {
          <tr>
            <td colspan="7" class="muted">{{ loading() ? '加载中…' : '暂无分配给您的评审项目' }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ExpertHome {
  private readonly api = inject(TendersApi);
  private readonly list = loadList(this.api.list());
  protected readonly tenders = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
}
