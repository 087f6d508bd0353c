import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { CriterionDistribution, ScoreDistribution } from '@domain/wire/evaluation';
import { label } from '@domain/labels';
import type { EChartsCoreOption } from 'echarts/core';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NgxEchartsDirective } from 'ngx-echarts';
import { toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import { provideCharts } from './charts';

/** A criterion as the select names it: its number, category, name, kind and maximum. */
export const criterionOption = (c: CriterionDistribution) =>
  `第${c.no}项 ${c.category}·${c.name}（${label('criterionKind', c.kind)}，满分${c.max}）`;

/**
 * The ECharts options of one criterion's distribution: a box per bid (least, quartiles, greatest of the
 * experts' scores), each expert's score as a dot beside it and the mean as a diamond, on the criterion's
 * scale 0..max; every mark named in Chinese for the tooltip. Bidders by name when known.
 */
export function distributionChartOptions(criterion: CriterionDistribution, names: Record<string, string> = {}): EChartsCoreOption {
  const bidders = criterion.bids.map((b) => names[b.bidder] || `投标人${b.bidder}`);
  const value = Number;
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 36, bottom: 72 },
    tooltip: { trigger: 'item' },
    legend: { data: ['专家评分分布', '各专家评分', '平均分'], top: 0 },
    xAxis: { type: 'category', name: '投标人', data: bidders, axisLabel: { interval: 0, rotate: bidders.length > 4 ? 20 : 0 } },
    yAxis: { type: 'value', name: '得分', min: 0, max: value(criterion.max) },
    series: [
      {
        type: 'boxplot',
        name: '专家评分分布',
        data: criterion.bids.map((b, i) => ({
          value: [b.min, b.q1, b.median, b.q3, b.max].map(value),
          name: `${bidders[i]}：最低${b.min}，下四分位${b.q1}，中位数${b.median}，上四分位${b.q3}，最高${b.max}`,
        })),
        tooltip: { formatter: '{b}' },
      },
      {
        type: 'scatter',
        name: '各专家评分',
        symbolSize: 7,
        data: criterion.bids.flatMap((b, i) =>
          b.scores.map((s) => ({ value: [i, value(s.value)], name: `${bidders[i]} 专家${s.expert}：${s.value}分` })),
        ),
        tooltip: { formatter: '{b}' },
      },
      {
        type: 'scatter',
        name: '平均分',
        symbol: 'diamond',
        symbolSize: 12,
        data: criterion.bids.map((b, i) => ({ value: [i, value(b.mean)], name: `${bidders[i]} 平均分：${b.mean}` })),
        tooltip: { formatter: '{b}' },
      },
    ],
  };
}

/**
 * A lot's score distributions (评分分布) on the results page: a criterion picked in an nz-select, its
 * experts' scores per bid as a box plot with each score and the mean (distributionChartOptions), and the
 * same figures as a table for those who do not read charts.
 */
@Component({
  selector: 'app-score-distribution-chart',
  imports: [NzTypographyModule, NzTableModule, NzSpaceModule, NzCardModule, FormsModule, NgxEchartsDirective, NzSelectModule],
  providers: [provideCharts()],
  template: `
    <nz-card class="score-distribution" [attr.data-lot]="lot()" [nzTitle]="title" nzSize="small">
      @if (error()) {
        <p nz-typography nzType="secondary" class="distribution-error">{{ error() }}</p>
      } @else if (distribution(); as d) {
        @if (d.criteria.length) {
          <nz-space nzAlign="center">
            <span *nzSpaceItem [id]="'criterion-label-' + lot()">评分项</span>
            <nz-select
              *nzSpaceItem
              class="criterion-select"
              [attr.aria-labelledby]="'criterion-label-' + lot()"
              [ngModel]="criterionNo()"
              (ngModelChange)="criterionNo.set($event)"
              style="min-width: 22rem"
            >
              @for (c of d.criteria; track c.no) {
                <nz-option [nzValue]="c.no" [nzLabel]="option(c)"></nz-option>
              }
            </nz-select>
          </nz-space>
          @if (criterion(); as c) {
            @if (c.bids.length) {
              <div
                echarts
                class="distribution-chart"
                [options]="options()"
                role="img"
                [attr.aria-label]="'标包' + lot() + '第' + c.no + '项各投标人的专家评分分布'"
              ></div>
              <nz-table nzTemplateMode nzSize="small" class="distribution-table">
                <thead>
                  <tr>
                    <th>投标人</th>
                    <th>各专家评分</th>
                    <th>最低</th>
                    <th>中位数</th>
                    <th>最高</th>
                    <th>平均分</th>
                  </tr>
                </thead>
                <tbody>
                  @for (b of c.bids; track b.bidder) {
                    <tr [attr.data-bidder]="b.bidder">
                      <td>{{ names()[b.bidder] || b.bidder }}</td>
                      <td class="expert-scores">
                        @for (s of b.scores; track s.expert) {
                          <span class="expert-score">{{ s.expert }}：{{ s.value }}</span>
                        }
                      </td>
                      <td class="num" nzAlign="right">{{ b.min }}</td>
                      <td class="num" nzAlign="right">{{ b.median }}</td>
                      <td class="num" nzAlign="right">{{ b.max }}</td>
                      <td class="num mean" nzAlign="right">{{ b.mean }}</td>
                    </tr>
                  }
                </tbody>
              </nz-table>
            } @else {
              <p nz-typography nzType="secondary" class="no-scores">该评分项尚无专家评分。</p>
            }
          }
        } @else {
          <p nz-typography nzType="secondary" class="no-scores">该标包没有需专家评分的评分项。</p>
        }
      } @else {
        <p nz-typography nzType="secondary">加载中…</p>
      }
    </nz-card>
    <!-- A heading in the card's title keeps the page's outline (screen readers move by headings). -->
    <ng-template #title>
      <h3 class="distribution-title">标包 {{ lot() }}{{ lotName() ? ' ' + lotName() : '' }} 评分分布</h3>
    </ng-template>
  `,
  styles: `
    .distribution-title {
      margin: 0;
      font-size: inherit;
    }
    .distribution-chart {
      width: 100%;
      max-width: 860px;
      height: 340px;
    }
    .expert-score {
      margin-right: 8px;
      white-space: nowrap;
    }
  `,
})
export class ScoreDistributionChart {
  private readonly api = inject(TendersApi);

  readonly tenderId = input.required<string | number>();
  readonly lot = input.required<string>();
  readonly lotName = input<string>('');
  /** Bidder code → name, when known. */
  readonly names = input<Record<string, string>>({});

  protected readonly distribution = signal<ScoreDistribution | null>(null);
  protected readonly error = signal('');
  protected readonly criterionNo = signal<string | null>(null);
  protected readonly criterion = computed(() => this.distribution()?.criteria.find((c) => c.no === this.criterionNo()) ?? null);
  protected readonly options = computed(() => {
    const c = this.criterion();
    return c ? distributionChartOptions(c, this.names()) : {};
  });
  protected readonly option = criterionOption;

  constructor() {
    effect(() => {
      const [id, lot] = [this.tenderId(), this.lot()];
      untracked(() => this.load(id, lot));
    });
  }

  private load(id: string | number, lot: string): void {
    this.error.set('');
    this.api.scoreDistribution(id, lot).subscribe({
      next: (d) => {
        this.distribution.set(d);
        // The first criterion the experts scored, else the first.
        this.criterionNo.set((d.criteria.find((c) => c.bids.length) ?? d.criteria[0])?.no ?? null);
      },
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
