import { Component, computed, input } from '@angular/core';
import type { AssessmentHistory, HistoryEntry } from '@domain/wire/assessments';
import type { EChartsCoreOption } from 'echarts/core';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NgxEchartsDirective } from 'ngx-echarts';
import { scoreText } from '../shared/assessment-entry';
import { provideCharts } from '../shared/charts';

const COLORS = ['#1f5fa8', '#c0392b', '#1e7e4a', '#9a5b00', '#6b3fa0', '#0f7c8a', '#a0406b', '#4d5a66'];

export interface ChartReference {
  value: number;
  label: string;
  /** A points scheme's pass mark (else a deduction scheme's grade band). */
  pass: boolean;
}

/**
 * The reference lines of the schemes the shown results were assessed under, highest first: a points
 * scheme's pass mark, a deduction scheme's grade bands (the lowest band starts at 0, the axis itself).
 * A deduction scheme has no pass mark, so none is drawn unless a points scheme is shown.
 */
export function chartReferences(histories: AssessmentHistory[]): ChartReference[] {
  const lines = new Map<string, ChartReference>();
  for (const e of histories.flatMap((h) => h.entries)) {
    if (e.kind === 'points' && e.passMark !== null) {
      const value = Number(e.passMark);
      lines.set(`pass ${value}`, { value, label: `${value} 计分制达标线`, pass: true });
    }
    for (const band of e.kind === 'deduction' ? (e.bands ?? []) : []) {
      const value = Number(band.min);
      if (value > 0 && !lines.has(`band ${value}`)) lines.set(`band ${value}`, { value, label: `≥${value} ${band.grade}`, pass: false });
    }
  }
  return [...lines.values()].sort((a, b) => b.value - a.value);
}

/** Each insurer's line: its final results in year order, each point with its grade (or 达标/不达标). */
export interface ChartSeries {
  id: number;
  name: string;
  color: string;
  points: { year: number; score: number; label: string; entry: HistoryEntry }[];
  failedYears: number[] | null;
}

/** The series of the chart: one per insurer with final assessments, its points by year. */
export function chartSeries(histories: AssessmentHistory[]): ChartSeries[] {
  return histories
    .filter((h) => h.entries.length)
    .map((h, index) => ({
      id: h.organization.id,
      name: h.organization.name,
      color: COLORS[index % COLORS.length],
      points: [...h.entries]
        .sort((a, b) => a.year - b.year || a.tenderCode.localeCompare(b.tenderCode) || a.lotNo.localeCompare(b.lotNo))
        .map((entry) => ({
          year: entry.year,
          score: Number(entry.score),
          label: `${scoreText(entry.score)} ${entry.grade ?? (entry.passed ? '达标' : '不达标')}`,
          entry,
        })),
      failedYears: h.repeatedFailures?.failedYears ?? null,
    }));
}

/**
 * The ECharts options of the history chart: x the contract years, y the score 0..100, a line per
 * insurer labelled with the grade at each point (a failed year drawn hollow), and the thresholds of
 * the schemes shown as reference lines — a points scheme's pass mark (red, dashed), a deduction
 * scheme's grade bands (grey, dotted).
 */
export function historyChartOptions(histories: AssessmentHistory[]): EChartsCoreOption {
  const series = chartSeries(histories);
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort((a, b) => a - b);
  const references = chartReferences(histories);
  return {
    animation: false,
    color: series.map((s) => s.color),
    grid: { left: 44, right: 130, top: 24, bottom: 32 },
    tooltip: { trigger: 'item' },
    legend: { show: false },
    xAxis: { type: 'category', name: '年度', data: years.map(String), boundaryGap: true },
    yAxis: { type: 'value', name: '得分', min: 0, max: 100, interval: 20 },
    series: series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.points.map((p) => ({
        value: [String(p.year), p.score],
        name: `${s.name} ${p.year}年 ${p.entry.tenderCode} 标包${p.entry.lotNo}：${p.label}`,
        label: { show: true, formatter: p.label, position: 'top', fontSize: 10 },
        itemStyle: p.entry.passed ? { color: s.color } : { color: '#fff', borderColor: s.color, borderWidth: 2 },
      })),
      symbolSize: 8,
      tooltip: { formatter: '{b}' },
      // The thresholds once, on the first series.
      ...(i === 0 && references.length
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              data: references.map((r) => ({
                yAxis: r.value,
                name: r.label,
                label: { formatter: r.label, position: 'end', color: r.pass ? '#c0392b' : '#64748b' },
                lineStyle: r.pass ? { color: '#c0392b', type: 'dashed', width: 1.5 } : { color: '#cbd5e1', type: 'dotted', width: 1 },
              })),
            },
          }
        : {}),
    })),
  };
}

/**
 * Each insurer's final assessment scores across years on ECharts (historyChartOptions), the legend
 * below naming every insurer and its repeated failures.
 */
@Component({
  selector: 'app-history-chart',
  imports: [NgxEchartsDirective, NzBadgeModule, NzFlexModule, NzTagModule, NzTypographyModule],
  providers: [provideCharts()],
  template: `
    @if (series().length) {
      <div echarts class="history-chart" [options]="options()" role="img" aria-label="各保险机构历年考核得分与等级"></div>
      <div class="chart-legend" nz-flex nzWrap="wrap" nzGap="middle">
        @for (s of series(); track s.id) {
          <span class="legend-item" [attr.data-org]="s.id">
            <nz-badge [nzColor]="s.color" [nzText]="s.name" />
            @if (s.failedYears) {
              <nz-tag nzColor="error" class="repeated-failures"
                >{{ s.failedYears.join('、') }}年不达标（两年及以上，下次投标时提示扣分）</nz-tag
              >
            }
          </span>
        }
      </div>
    } @else {
      <p nz-typography nzType="secondary" class="no-history">尚无已定稿的考核结果。</p>
    }
  `,
  styles: `
    .history-chart {
      width: 100%;
      max-width: 760px;
      height: 320px;
    }
  `,
})
export class HistoryChart {
  readonly histories = input<AssessmentHistory[]>([]);

  protected readonly series = computed(() => chartSeries(this.histories()));
  protected readonly options = computed(() => historyChartOptions(this.histories()));
}
