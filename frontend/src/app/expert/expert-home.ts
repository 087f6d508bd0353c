import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TendersApi } from '../core/tenders-api';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { ServerTable } from '../core/server-table';
import { TenderList } from '../shared/tender-list';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

/** 我的评审: the tenders the expert is assigned to (visible after opening), a page at a time from the server. */
@Component({
  selector: 'app-expert-home',
  imports: [RouterLink, TenderList, NzAlertModule, NzTypographyModule],
  template: `
    <h1>我的评审</h1>
    <p nz-typography nzType="secondary">以下为分配给您的评审项目（开标后可见）。进入项目后，请先作出回避声明，再对各标包评分。</p>

    @if (list.error()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="list.error()" role="alert" />
    }

    <app-tender-list class="expert-tenders" [list]="list" route="/expert/tenders" empty="暂无分配给您的评审项目" [action]="open" />
    <ng-template #open let-tender><a class="open-tender" [routerLink]="['/expert/tenders', tender.id]">进入评审</a></ng-template>
  `,
})
export class ExpertHome {
  private readonly api = inject(TendersApi);
  protected readonly list = new ServerTable<TenderSummary, TenderListQuery>((query) => this.api.page(query));

  constructor() {
    this.list.load();
  }
}
