import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { TenderSummary } from '@domain/wire/tenders';
import { TenderResults } from './tender-results';
import { LabelPipe } from '../shared/label.pipe';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzCardModule } from 'ng-zorro-antd/card';

/** Statuses from which a tender has bids to evaluate. */
const EVALUATED = ['opened', 'qualification', 'evaluation', 'awarded', 'failed'];

/** 评标: pick a tender, see its ranking and award per lot. The choice is kept in ?tender= for reloads. */
@Component({
  selector: 'app-evaluation',
  imports: [
    FormsModule,
    LabelPipe,
    NzFormModule,
    NzSelectModule,
    TenderResults,
    NzAlertModule,
    NzTypographyModule,
    NzCardModule,
    NzFlexModule,
    NzPageHeaderModule,
  ],
  template: `
    <div nz-flex nzVertical nzGap="middle">
      <nz-page-header><h1 nz-page-header-title>评标</h1></nz-page-header>
      @if (error()) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="error()" role="alert" />
      }
      <nz-card nzSize="small">
        <div nz-form nzLayout="vertical">
          <nz-form-item>
            <nz-form-label nzFor="eval-tender">招标项目</nz-form-label>
            <nz-form-control>
              <nz-select
                nzId="eval-tender"
                nzShowSearch
                nzAllowClear
                nzPlaceHolder="（请选择）"
                [ngModel]="selected() || null"
                (ngModelChange)="choose($event)"
              >
                @for (t of candidates(); track t.id) {
                  <nz-option [nzValue]="t.id + ''" [nzLabel]="t.code + ' ' + t.name + '（' + (t.status | label: 'tenderStatus') + '）'" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
        </div>
      </nz-card>
      @if (selected()) {
        <app-tender-results [id]="selected()" [embedded]="true" />
      } @else if (candidates().length === 0 && loaded()) {
        <p nz-typography nzType="secondary">暂无已开标的招标项目</p>
      }
    </div>
  `,
})
export class Evaluation {
  private readonly api = inject(TendersApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly tenders = signal<TenderSummary[]>([]);
  protected readonly loaded = signal(false);
  protected readonly error = signal('');
  protected readonly selected = signal<string>(this.route.snapshot.queryParamMap.get('tender') ?? '');
  protected readonly candidates = computed(() => this.tenders().filter((t) => EVALUATED.includes(t.status)));

  constructor() {
    this.api.list().subscribe({
      next: (tenders) => {
        this.tenders.set(tenders);
        this.loaded.set(true);
        const only = this.candidates();
        if (!this.selected() && only.length === 1) this.selected.set(String(only[0].id));
      },
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected choose(tender: string | null): void {
    const value = tender ?? '';
    this.selected.set(value);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tender: value || null } });
  }
}
