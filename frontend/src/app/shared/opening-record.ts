import { DatePipe } from '@angular/common';
import type { Subscription } from 'rxjs';
import { Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import type { LineAnswer } from '@domain/wire/opening';
import { ApiError, toApiError } from '../core/api-error';
import { OpeningApi, OpeningLineView, OpeningRecord } from '../core/opening-api';
import { ErrorBox } from './api-errors';
import { FIELD_STATUS } from './field-status';
import { LabelPipe } from './label.pipe';
import { groupDigits } from './money';

/** The figures procurement may correct from the answer form. */
const CORRECTED = ['unitPrice', 'serviceTotal', 'total', 'totalCapitals'] as const;
type Corrected = (typeof CORRECTED)[number];

/** mm:ss (or h:mm:ss) left until `end`; 0:00 once past. */
function remaining(end: number, now: number): string {
  const seconds = Math.max(0, Math.ceil((end - now) / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60];
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/**
 * 开标记录: the opening sheet of every opened lot with each line's status and the countdown to the end of
 * the bidders' window (财政部87号令 art. 41: silence counts as confirmation). For an insurer its own lines
 * with 确认 / 提出异议 while the window runs; for procurement every line, and the answer form of each
 * dispute (the answer, and the corrected figures where the dispute holds).
 */
@Component({
  selector: 'app-opening-record',
  imports: [
    NzTypographyModule,
    NzTagModule,
    NzTableModule,
    NzCardModule,
    NzAlertModule,
    FormsModule,
    DatePipe,
    LabelPipe,
    ErrorBox,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    FIELD_STATUS,
  ],
  template: `
    @if (data(); as d) {
      <nz-card class="opening-record" nzTitle="开标记录" nzSize="small" [attr.data-tender]="tenderId()">
        @if (d.window; as w) {
          <p class="opening-window">
            开标时间 {{ w.openedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}；
            @if (w.awaitingAmounts > 0 && !w.over) {
              尚有 {{ w.awaitingAmounts }} 份纸质投标文件待录入开标金额；确认期自最后一份录入时起算 {{ w.confirmMinutes }}
              分钟，逾期未确认亦未提出异议的视为确认。
              <nz-tag id="opening-countdown" nzColor="warning">待录入金额</nz-tag>
            } @else {
              投标人应在开标后 {{ w.confirmMinutes }} 分钟内（至
              {{ w.endsAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}）确认本单位的开标记录，逾期未确认亦未提出异议的视为确认。
              @if (open()) {
                <nz-tag id="opening-countdown" nzColor="warning">剩余 {{ countdown() }}</nz-tag>
              } @else {
                <nz-tag id="opening-countdown">{{ 'ended' | label: 'openingStatus' }}</nz-tag>
              }
            }
            @if (d.unanswered > 0) {
              <nz-tag id="opening-unanswered" nzColor="error">{{ d.unanswered }} 项异议待答复</nz-tag>
            }
          </p>
          @for (lot of d.lots; track lot.no) {
            <h3>第{{ lot.no }}包 {{ lot.name }}</h3>
            <nz-table nzTemplateMode nzSize="small" class="opening-sheet" [attr.data-lot]="lot.no" [nzScroll]="{ x: '1100px' }">
              <thead>
                <tr>
                  <th>投标人</th>
                  <th class="num" nzAlign="right">单价(元/人/年)</th>
                  <th class="num" nzAlign="right">服务费总额</th>
                  <th>固定报价</th>
                  <th class="num" nzAlign="right">投标总价(小写)</th>
                  <th>投标总价(大写)</th>
                  <th>状态</th>
                  <th>异议与答复</th>
                </tr>
              </thead>
              <tbody>
                @for (line of lot.lines; track line.id) {
                  <tr class="opening-line" [attr.data-bidder]="line.bidder" [attr.data-lot]="line.lot" [attr.data-status]="line.status">
                    <td>{{ line.bidderName }}（{{ line.bidder }}）</td>
                    <td class="num">{{ line.unitPrice ?? '—' }}</td>
                    <td class="num">{{ money(line.serviceTotal) }}</td>
                    <td>
                      @for (c of line.fixedComponents; track c.name) {
                        <div>{{ c.name }} {{ money(c.amount) }}</div>
                      }
                    </td>
                    <td class="num">{{ money(line.total) }}</td>
                    <td>{{ line.totalCapitals ?? '—' }}</td>
                    <td>
                      <nz-tag
                        class="line-status"
                        [nzColor]="settled(line) ? 'success' : line.status === 'disputed' ? 'warning' : 'default'"
                        >{{ line.status | label: 'openingLineStatus' }}</nz-tag
                      >
                    </td>
                    <td>
                      @if (line.disputeReason) {
                        <p class="dispute-reason">异议：{{ line.disputeReason }}</p>
                      }
                      @if (line.answer) {
                        <p class="line-answer">答复（{{ line.answeredBy }}）：{{ line.answer }}</p>
                      }
                      @if (line.correction; as c) {
                        <p class="line-correction">
                          更正：单价 {{ c.before.unitPrice ?? '—' }} → {{ c.after.unitPrice ?? '—' }}，总价 {{ money(c.before.total) }} →
                          {{ money(c.after.total) }}
                        </p>
                      }
                      @if (mode() === 'insurer' && line.status === 'pending' && open()) {
                        <form nz-form nzLayout="inline" class="dispute-form">
                          <nz-form-item>
                            <button
                              nz-button
                              nzType="primary"
                              type="button"
                              class="confirm-line"
                              [disabled]="busy()"
                              nz-popconfirm
                              [nzPopconfirmTitle]="'确认第' + line.lot + '包的开标记录无误？确认后不能再提出异议。'"
                              (nzOnConfirm)="confirm(line)"
                            >
                              确认
                            </button>
                          </nz-form-item>
                          <nz-form-item>
                            <nz-form-control
                              [nzValidateStatus]="errorOf(line) | fieldStatus: 'reason'"
                              [nzErrorTip]="errorOf(line) | fieldTip: 'reason'"
                            >
                              <input
                                nz-input
                                class="dispute-input"
                                [name]="'reason-' + line.id"
                                [(ngModel)]="reason[line.id]"
                                placeholder="异议理由"
                                aria-label="异议理由"
                              />
                            </nz-form-control>
                          </nz-form-item>
                          <nz-form-item>
                            <button
                              nz-button
                              type="button"
                              class="dispute-line"
                              [disabled]="busy() || !reason[line.id]?.trim()"
                              (click)="dispute(line)"
                            >
                              提出异议
                            </button>
                          </nz-form-item>
                        </form>
                      }
                      @if (mode() === 'procurement' && line.status === 'disputed') {
                        <form nz-form nzLayout="vertical" class="answer-form">
                          <nz-form-item>
                            <nz-form-label [nzFor]="'answer-' + line.id" nzRequired>答复意见</nz-form-label>
                            <nz-form-control
                              [nzValidateStatus]="errorOf(line) | fieldStatus: 'answer'"
                              [nzErrorTip]="errorOf(line) | fieldTip: 'answer'"
                            >
                              <input
                                nz-input
                                class="answer-input"
                                [id]="'answer-' + line.id"
                                [name]="'answer-' + line.id"
                                [(ngModel)]="answers[line.id]"
                              />
                            </nz-form-control>
                          </nz-form-item>
                          <nz-form-item>
                            <label
                              nz-checkbox
                              class="correct-line"
                              [nzId]="'correct-' + line.id"
                              [name]="'correct-' + line.id"
                              [(ngModel)]="correcting[line.id]"
                              >更正本行</label
                            >
                          </nz-form-item>
                          @if (correcting[line.id]) {
                            @for (field of corrected; track field) {
                              <nz-form-item>
                                <nz-form-label [nzFor]="'correction-' + line.id + '-' + field">{{ fieldLabels[field] }}</nz-form-label>
                                <nz-form-control
                                  [nzValidateStatus]="errorOf(line) | fieldStatus: 'correction.' + field"
                                  [nzErrorTip]="errorOf(line) | fieldTip: 'correction.' + field"
                                >
                                  <input
                                    nz-input
                                    [class]="'correction-' + field"
                                    [id]="'correction-' + line.id + '-' + field"
                                    [name]="'correction-' + line.id + '-' + field"
                                    [(ngModel)]="figures(line)[field]"
                                  />
                                </nz-form-control>
                              </nz-form-item>
                            }
                          }
                          <button
                            nz-button
                            nzType="primary"
                            type="button"
                            class="answer-line"
                            [disabled]="busy() || !answers[line.id]?.trim()"
                            nz-popconfirm
                            [nzPopconfirmTitle]="
                              correcting[line.id] ? '答复并更正本行开标记录？更正前后的数据将一并记录。' : '答复本项异议？答复后不能更改。'
                            "
                            (nzOnConfirm)="answer(line)"
                          >
                            答复
                          </button>
                        </form>
                      }
                    </td>
                  </tr>
                } @empty {
                  <tr>
                    <td colspan="8"><span nz-typography nzType="secondary">无开标记录</span></td>
                  </tr>
                }
              </tbody>
            </nz-table>
          } @empty {
            <p nz-typography nzType="secondary">没有开标的标包</p>
          }
        } @else {
          <!-- Before the opening, or a tender imported already opened: no window was kept here. -->
          <p nz-typography nzType="secondary">暂无开标记录</p>
        }
        <app-error-box [error]="actionError()" [shown]="lineFields" />
      </nz-card>
    } @else if (loadError()) {
      <nz-alert nzType="error" role="alert" [nzMessage]="loadError()" />
    }
  `,
})
export class OpeningRecordView {
  private readonly api = inject(OpeningApi);
  readonly tenderId = input.required<number>();
  /** The insurer answers its own lines; procurement answers disputes. */
  readonly mode = input.required<'insurer' | 'procurement'>();
  /** The tender's status: the record is read again when it changes (the opening, the review). */
  readonly tenderStatus = input<string>('');

  protected readonly data = signal<OpeningRecord | null>(null);
  protected readonly loadError = signal('');
  protected readonly actionError = signal<ApiError | null>(null);
  /** The line the last action was on: its inputs show the action's field errors. */
  private readonly actionLine = signal<number | null>(null);
  /** The fields shown at a line's inputs (the rest of an error goes to the error box). */
  protected readonly lineFields = ['reason', 'answer', 'correction'];
  protected readonly busy = signal(false);
  private readonly now = signal(Date.now());
  protected readonly money = (value: string | null) => (value === null ? '—' : groupDigits(value));
  protected readonly reason: Record<number, string> = {};
  protected readonly answers: Record<number, string> = {};
  protected readonly correcting: Record<number, boolean> = {};
  private readonly corrections: Record<number, Record<Corrected, string>> = {};
  protected readonly corrected = CORRECTED;
  protected readonly fieldLabels: Record<Corrected, string> = {
    unitPrice: '单价',
    serviceTotal: '服务费总额',
    total: '投标总价(小写)',
    totalCapitals: '投标总价(大写)',
  };

  /** The window runs: by the time, whatever the clock has recorded; paper amounts still awaited keep it open. */
  protected readonly open = computed(() => {
    const w = this.data()?.window;
    return !!w && w.status === 'confirming' && (w.awaitingAmounts > 0 || Date.parse(w.endsAt) > this.now());
  });
  protected readonly countdown = computed(() => remaining(Date.parse(this.data()?.window?.endsAt ?? ''), this.now()));

  constructor() {
    const tick = setInterval(() => {
      const wasOpen = this.open();
      this.now.set(Date.now());
      // The window just ended: the lines still pending now read as deemed confirmed.
      if (wasOpen && !this.open()) this.load();
    }, 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
    effect(() => {
      this.tenderId();
      this.tenderStatus();
      untracked(() => this.load());
    });
  }

  protected settled(line: OpeningLineView): boolean {
    return ['confirmed', 'deemed-confirmed', 'answered'].includes(line.status);
  }

  /** The correction form of a line, prefilled with its figures. */
  protected figures(line: OpeningLineView): Record<Corrected, string> {
    return (this.corrections[line.id] ??= {
      unitPrice: line.unitPrice ?? '',
      serviceTotal: line.serviceTotal ?? '',
      total: line.total ?? '',
      totalCapitals: line.totalCapitals ?? '',
    });
  }

  /** The error of the last action, when it was on this line. */
  protected errorOf(line: OpeningLineView): ApiError | null {
    return this.actionLine() === line.id ? this.actionError() : null;
  }

  /** Asked first (nz-popconfirm): a confirmed line can no longer be disputed. */
  protected confirm(line: OpeningLineView): void {
    this.act(line, this.api.confirm(this.tenderId(), line.id));
  }

  protected dispute(line: OpeningLineView): void {
    this.act(line, this.api.dispute(this.tenderId(), line.id, { reason: this.reason[line.id].trim() }));
  }

  /** Asked first (nz-popconfirm): an answer, and a correction with it, is final. */
  protected answer(line: OpeningLineView): void {
    const body: LineAnswer = { answer: this.answers[line.id].trim() };
    if (this.correcting[line.id]) {
      const changed = Object.entries(this.figures(line)).filter(([field, value]) => value.trim() !== (line[field as Corrected] ?? ''));
      body.correction = Object.fromEntries(changed.map(([field, value]) => [field, value.trim()]));
    }
    this.act(line, this.api.answer(this.tenderId(), line.id, body));
  }

  private act(line: OpeningLineView, request: ReturnType<OpeningApi['confirm']>): void {
    this.actionError.set(null);
    this.actionLine.set(line.id);
    this.busy.set(true);
    request.subscribe({
      next: (record) => {
        this.busy.set(false);
        this.data.set(record);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.actionError.set(toApiError(err));
      },
    });
  }

  /** The read in flight: a newer read replaces it, so a late answer from before the opening never shows over the record after it. */
  private reading?: Subscription;

  private load(): void {
    this.reading?.unsubscribe();
    this.reading = this.api.record(this.tenderId()).subscribe({
      next: (record) => this.data.set(record),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
