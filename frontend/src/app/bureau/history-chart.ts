import { Component, computed, input } from '@angular/core';
import type { AssessmentHistory, HistoryEntry } from '@domain/wire/assessments';
import { scoreText } from '../shared/assessment-entry';

const WIDTH = 680;
const HEIGHT = 300;
const MARGIN = { left: 44, right: 120, top: 16, bottom: 32 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
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

export interface ChartPoint {
  x: number;
  y: number;
  entry: HistoryEntry;
  label: string;
}

export interface ChartSeries {
  id: number;
  name: string;
  color: string;
  points: ChartPoint[];
  path: string;
  failedYears: number[] | null;
}

const yOf = (score: number) => MARGIN.top + PLOT_H * (1 - Math.min(Math.max(score, 0), 100) / 100);

/** The series of the chart: one per insurer with final assessments, its points by year. */
export function chartSeries(histories: AssessmentHistory[], years: number[]): ChartSeries[] {
  const first = years[0] ?? 0;
  const span = Math.max((years[years.length - 1] ?? 0) - first, 0);
  const xOf = (year: number) => (span === 0 ? MARGIN.left + PLOT_W / 2 : MARGIN.left + (PLOT_W * (year - first)) / span);
  return histories
    .filter((h) => h.entries.length)
    .map((h, index) => {
      const entries = [...h.entries].sort(
        (a, b) => a.year - b.year || a.tenderCode.localeCompare(b.tenderCode) || a.lotNo.localeCompare(b.lotNo),
      );
      const points = entries.map((entry) => ({
        x: xOf(entry.year),
        y: yOf(Number(entry.score)),
        entry,
        label: `${scoreText(entry.score)} ${entry.grade ?? (entry.passed ? '达标' : '不达标')}`,
      }));
      return {
        id: h.organization.id,
        name: h.organization.name,
        color: COLORS[index % COLORS.length],
        points,
        path: points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '),
        failedYears: h.repeatedFailures?.failedYears ?? null,
      };
    });
}

/**
 * Each insurer's final assessment scores across years (x = contract year, y = score 0..100), with the
 * grade at every point and lines at the thresholds of the schemes shown (chartReferences): a points
 * scheme's pass mark (85), a deduction scheme's grade bands (60/70/80/90).
 */
@Component({
  selector: 'app-history-chart',
  template: `
    @if (series().length) {
      <svg
        class="history-chart"
        [attr.viewBox]="'0 0 ' + width + ' ' + height"
        [attr.width]="width"
        [attr.height]="height"
        role="img"
        aria-label="各保险机构历年考核得分与等级"
      >
        <line class="axis" [attr.x1]="left" [attr.x2]="left" [attr.y1]="top" [attr.y2]="bottomY" />
        <line class="axis" [attr.x1]="left" [attr.x2]="rightX" [attr.y1]="bottomY" [attr.y2]="bottomY" />
        @for (tick of yTicks; track tick) {
          <text class="tick" [attr.x]="left - 6" [attr.y]="y(tick) + 4" text-anchor="end">{{ tick }}</text>
        }
        @for (ref of references(); track ref.label) {
          <line
            [class]="ref.pass ? 'pass-line' : 'band-line'"
            [attr.data-value]="ref.value"
            [attr.x1]="left"
            [attr.x2]="rightX"
            [attr.y1]="y(ref.value)"
            [attr.y2]="y(ref.value)"
          />
          <text class="ref-label" [class.pass]="ref.pass" [attr.x]="rightX + 4" [attr.y]="y(ref.value) + 4">{{ ref.label }}</text>
        }
        @for (year of years(); track year) {
          <text class="tick year" [attr.x]="xOfYear(year)" [attr.y]="bottomY + 18" text-anchor="middle">{{ year }}</text>
        }
        @for (s of series(); track s.id) {
          <g class="series" [attr.data-org]="s.id" [attr.stroke]="s.color" [attr.fill]="s.color">
            <path class="series-line" [attr.d]="s.path" fill="none" stroke-width="2" />
            @for (p of s.points; track p.entry.assessmentId) {
              <circle class="point" [attr.cx]="p.x" [attr.cy]="p.y" r="4" [class.failed]="!p.entry.passed">
                <title>{{ s.name }} {{ p.entry.year }}年 {{ p.entry.tenderCode }} 标包{{ p.entry.lotNo }}：{{ p.label }}</title>
              </circle>
              <text class="grade-label" [attr.x]="p.x + 6" [attr.y]="p.y - 6" stroke="none">{{ p.label }}</text>
            }
          </g>
        }
      </svg>
      <ul class="chart-legend">
        @for (s of series(); track s.id) {
          <li class="legend-item" [attr.data-org]="s.id">
            <span class="swatch" [style.background]="s.color"></span>
            {{ s.name }}
            @if (s.failedYears) {
              <span class="badge bad repeated-failures">{{ s.failedYears.join('、') }}年不达标（两年及以上，下次投标时提示扣分）</span>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="muted no-history">尚无已定稿的考核结果。</p>
    }
  `,
  styles: `
    svg.history-chart {
      max-width: 100%;
      height: auto;
      font-size: 11px;
    }
    .axis {
      stroke: #64748b;
    }
    .band-line {
      stroke: #cbd5e1;
      stroke-dasharray: 2 3;
    }
    .pass-line {
      stroke: #c0392b;
      stroke-dasharray: 6 3;
    }
    .tick,
    .ref-label {
      fill: #64748b;
    }
    .ref-label.pass {
      fill: #c0392b;
    }
    circle.failed {
      fill: #fff;
      stroke-width: 2;
    }
    .grade-label {
      font-size: 10px;
    }
    .chart-legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 16px;
      margin: 8px 0 0;
      padding: 0;
      list-style: none;
      font-size: 13px;
    }
    .swatch {
      display: inline-block;
      width: 12px;
      height: 12px;
      margin-right: 4px;
      border-radius: 2px;
      vertical-align: -1px;
    }
  `,
})
export class HistoryChart {
  readonly histories = input<AssessmentHistory[]>([]);

  protected readonly width = WIDTH;
  protected readonly height = HEIGHT;
  protected readonly left = MARGIN.left;
  protected readonly top = MARGIN.top;
  protected readonly rightX = WIDTH - MARGIN.right;
  protected readonly bottomY = HEIGHT - MARGIN.bottom;
  protected readonly yTicks = [0, 20, 40, 60, 80, 100];
  protected readonly references = computed(() => chartReferences(this.histories()));
  protected readonly y = yOf;

  protected readonly years = computed(() => {
    const years = new Set(this.histories().flatMap((h) => h.entries.map((e) => e.year)));
    return [...years].sort((a, b) => a - b);
  });
  protected readonly series = computed(() => chartSeries(this.histories(), this.years()));

  protected xOfYear(year: number): number {
    const years = this.years();
    const span = years[years.length - 1] - years[0];
    return span === 0 ? MARGIN.left + PLOT_W / 2 : MARGIN.left + (PLOT_W * (year - years[0])) / span;
  }
}
