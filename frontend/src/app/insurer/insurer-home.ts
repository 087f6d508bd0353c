import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzPaginationModule } from 'ng-zorro-antd/pagination';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { ServerTable } from '../core/server-table';
import { toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { LotResult, TenderResults } from '@domain/wire/evaluation';
import type { TenderListQuery, TenderSummary } from '@domain/wire/tenders';
import { label } from '@domain/labels';
import { groupDigits } from '../shared/money';
import { sortedBids } from '../shared/results-view';
import { LabelPipe } from '../shared/label.pipe';
import { ClarificationList } from '../shared/clarification-list';
import { OpeningRecordView } from '../shared/opening-record';
import { InsurerChallenges } from './insurer-challenges';

/** Statuses after bid opening, when an insurer may have results to see. */
const OPENED = ['opened', 'qualification', 'evaluation', 'awarded', 'failed'];

/** Tenders per page: each shows its results, opening record and notices. */
const PAGE_SIZE = 10;

interface TenderEntry {
  tender: TenderSummary;
  results: TenderResults | null;
  /** Why there are no results to show (not opened yet, not published yet, …). */
  note: string;
}

/** 我的投标: the tenders the insurer's organisation bid in, with its own results (the API filters them). */
@Component({
  selector: 'app-insurer-home',
  imports: [
    LabelPipe,
    DatePipe,
    RouterLink,
    NzAlertModule,
    NzCardModule,
    NzFlexModule,
    NzPaginationModule,
    NzTableModule,
    NzTagModule,
    NzTypographyModule,
    ClarificationList,
    InsurerChallenges,
    OpeningRecordView,
  ],
  template: `
    <h1>我的投标</h1>
    @if (list.error()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="list.error()" role="alert" />
    }
    <div nz-flex nzVertical nzGap="middle">
      @for (entry of list.rows(); track entry.tender.id) {
        <nz-card class="my-tender" nzSize="small" [nzTitle]="tenderTitle" [attr.data-tender]="entry.tender.code">
          <ng-template #tenderTitle>
            {{ entry.tender.name }}
            <nz-tag>{{ entry.tender.status | label: 'tenderStatus' }}</nz-tag>
          </ng-template>
          <p nz-typography nzType="secondary">
            {{ entry.tender.code }} · {{ entry.tender.purchaser }} · 开标时间
            {{ entry.tender.openingTime | date: 'yyyy-MM-dd HH:mm' : '+0800' }}
          </p>
          @if (entry.tender.status === 'published') {
            <p><a class="bid-link" [routerLink]="['/insurer/tenders', entry.tender.id, 'bid']">递交、修改或撤回电子投标</a></p>
          }
          @if (entry.results; as r) {
            <nz-table class="my-results" nzTemplateMode nzSize="small">
              <thead>
                <tr>
                  <th>标包</th>
                  <th class="num">排名</th>
                  <th class="num">评审价格</th>
                  <th class="num">价格分</th>
                  <th class="num">非价格分</th>
                  <th class="num">总分</th>
                  <th>有效性</th>
                  <th>结果</th>
                </tr>
              </thead>
              <tbody>
                @for (lot of r.lots; track lot.no) {
                  @for (bid of bidsOf(lot); track bid.bidder) {
                    <tr class="my-bid" [class.winner]="bid.bidder === lot.winner">
                      <td>{{ lot.no }}</td>
                      <td class="num">{{ bid.rank ?? '—' }}</td>
                      <td class="num">{{ money(bid.evaluatedPrice) }}</td>
                      <td class="num">{{ bid.priceScore ?? '—' }}</td>
                      <td class="num">{{ bid.nonPriceScore ?? '—' }}</td>
                      <td class="num">{{ bid.finalScore ?? '—' }}</td>
                      <td>
                        @if (bid.valid) {
                          <nz-tag nzColor="success">有效</nz-tag>
                        } @else {
                          <nz-tag nzColor="error">无效</nz-tag>
                          <ul class="reasons">
                            @for (reason of bid.invalidReasons; track $index) {
                              <li>{{ reason | label: 'invalidReason' }}</li>
                            }
                          </ul>
                        }
                      </td>
                      <td class="outcome">{{ outcome(lot, bid.bidder) }}</td>
                    </tr>
                  }
                  @for (s of setAsideOnly(lot); track s.bidder) {
                    <tr class="my-bid">
                      <td>{{ lot.no }}</td>
                      <td class="num">—</td>
                      <td class="num">—</td>
                      <td class="num">—</td>
                      <td class="num">—</td>
                      <td class="num">—</td>
                      <td>—</td>
                      <td class="outcome">让标：{{ s.reason | label: 'setAsideReason' }}</td>
                    </tr>
                  }
                } @empty {
                  <tr>
                    <td colspan="8"><span nz-typography nzType="secondary">暂无结果</span></td>
                  </tr>
                }
              </tbody>
            </nz-table>
            @if (published(entry.tender)) {
              <app-insurer-challenges [tenderId]="entry.tender.id" [lots]="lotsOf(r)" />
            }
          } @else {
            <p nz-typography nzType="secondary" class="result-note">{{ entry.note }}</p>
          }
          @if (opened(entry.tender)) {
            <app-opening-record [tenderId]="entry.tender.id" mode="insurer" />
          }
          <app-clarification-list [tenderId]="entry.tender.id" />
        </nz-card>
      } @empty {
        <p nz-typography nzType="secondary">{{ list.loading() ? '加载中…' : '本单位暂无投标' }}</p>
      }
    </div>
    @if (list.total() > list.pageSize()) {
      <nz-pagination
        class="my-tenders-pages"
        [nzTotal]="list.total()"
        [nzPageIndex]="list.pageIndex()"
        [nzPageSize]="list.pageSize()"
        [nzShowTotal]="totalText"
        (nzPageIndexChange)="list.goTo($event)"
      />
      <ng-template #totalText let-total>共 {{ total }} 个项目</ng-template>
    }
  `,
})
export class InsurerHome {
  private readonly api = inject(TendersApi);
  /** The tenders a page at a time (newest first, from the server), each with its results once opened. */
  protected readonly list = new ServerTable<TenderEntry, TenderListQuery>((query) =>
    this.api
      .page({ ...query, pageSize: PAGE_SIZE })
      .pipe(
        switchMap(({ rows, total }) =>
          (rows.length ? forkJoin(rows.map((tender) => this.entry(tender))) : of([])).pipe(map((entries) => ({ rows: entries, total }))),
        ),
      ),
  );
  protected readonly money = groupDigits;

  constructor() {
    this.list.pageSize.set(PAGE_SIZE);
    this.list.load();
  }

  /** The opening record: the insurer's own lines to confirm or dispute, and what became of them. */
  protected opened(tender: TenderSummary): boolean {
    return OPENED.includes(tender.status);
  }

  /** Results are published (and may be challenged) once the award is confirmed. */
  protected published(tender: TenderSummary): boolean {
    return tender.status === 'awarded' || tender.status === 'failed';
  }

  protected lotsOf(results: TenderResults): string[] {
    return results.lots.map((lot) => lot.no);
  }

  protected bidsOf(lot: LotResult) {
    return sortedBids(lot);
  }

  /** Set-aside bids of ours that have no row of their own in the lot's bids. */
  protected setAsideOnly(lot: LotResult) {
    return lot.setAside.filter((s) => !lot.bids.some((b) => b.bidder === s.bidder));
  }

  protected outcome(lot: LotResult, bidder: string): string {
    if (lot.winner === bidder) return '中标';
    const setAside = lot.setAside.find((s) => s.bidder === bidder);
    if (setAside) return `让标：${label('setAsideReason', setAside.reason)}`;
    if (lot.status === 'failed') return `废标${lot.failReason ? '：' + label('lotFailReason', lot.failReason) : ''}`;
    if (lot.status !== 'awarded') return label('lotResult', lot.status);
    return '未中标';
  }

  private entry(tender: TenderSummary) {
    if (!this.opened(tender)) {
      return of<TenderEntry>({ tender, results: null, note: '尚未开标，投标报价处于密封状态' });
    }
    return this.api.results(tender.id).pipe(
      map((results): TenderEntry => ({ tender, results, note: '' })),
      catchError((err: unknown) => of<TenderEntry>({ tender, results: null, note: toApiError(err).message })),
    );
  }
}
