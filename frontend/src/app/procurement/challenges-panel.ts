import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { Challenge, Challenges, ChallengesApi } from '../core/challenges-api';
import type { ChallengeAnswer } from '@domain/wire/challenges';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { ChallengePeriodView } from '../shared/challenge-period';
import { LabelPipe } from '../shared/label.pipe';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzTableModule } from 'ng-zorro-antd/table';

type Outcome = ChallengeAnswer['outcome'];

/**
 * 质疑答复: the challenges of a tender's published results, each answered once — upheld (the award goes
 * to re-evaluation, 重新评审) or rejected — with the reason, which the bidder reads.
 */
@Component({
  selector: 'app-challenges-panel',
  imports: [
    FormsModule,
    DatePipe,
    LabelPipe,
    ErrorBox,
    FIELD_STATUS,
    ChallengePeriodView,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzAlertModule,
    NzCardModule,
    NzTypographyModule,
    NzTableModule,
  ],
  template: `
    @if (data(); as d) {
      <nz-card nzSize="small" class="challenges-panel" nzTitle="质疑">
        <app-challenge-period [period]="d.period" />
        <nz-table nzTemplateMode nzSize="small">
          <thead>
            <tr>
              <th>投标人</th>
              <th>标包</th>
              <th>提出时间</th>
              <th>质疑事项</th>
              <th>状态</th>
              <th>答复</th>
            </tr>
          </thead>
          <tbody>
            @for (c of d.challenges; track c.id) {
              <tr class="challenge-row" [attr.data-id]="c.id" [attr.data-status]="c.status">
                <td>{{ c.bidderName }}（{{ c.bidder }}）</td>
                <td>{{ c.lot ?? '整个项目' }}</td>
                <td>{{ c.filedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
                <td class="challenge-text">{{ c.text }}</td>
                <td>{{ c.status | label: 'challengeStatus' }}</td>
                <td>
                  @if (c.status === 'filed') {
                    <div nz-form nzLayout="vertical" class="answer-form">
                      <nz-form-item>
                        <nz-form-control
                          [nzValidateStatus]="errorFor(c.id) | fieldStatus: 'outcome'"
                          [nzErrorTip]="errorFor(c.id) | fieldTip: 'outcome'"
                        >
                          <nz-select
                            class="answer-outcome"
                            [nzId]="'answer-outcome-' + c.id"
                            [ngModel]="outcome[c.id] ?? 'rejected'"
                            (ngModelChange)="outcome[c.id] = $event"
                            [attr.aria-label]="'质疑' + c.id + '的答复结论'"
                          >
                            @for (o of outcomes; track o) {
                              <nz-option [nzValue]="o" [nzLabel]="o | label: 'challengeStatus'" />
                            }
                          </nz-select>
                        </nz-form-control>
                      </nz-form-item>
                      <nz-form-item>
                        <nz-form-control
                          [nzValidateStatus]="errorFor(c.id) | fieldStatus: 'reason'"
                          [nzErrorTip]="errorFor(c.id) | fieldTip: 'reason'"
                        >
                          <input
                            nz-input
                            class="answer-reason"
                            [id]="'answer-reason-' + c.id"
                            [(ngModel)]="reason[c.id]"
                            placeholder="答复理由"
                            autocomplete="off"
                            maxlength="2000"
                            [attr.aria-label]="'质疑' + c.id + '的答复理由'"
                          />
                        </nz-form-control>
                      </nz-form-item>
                      <button
                        nz-button
                        nzType="primary"
                        type="button"
                        class="answer-challenge"
                        [disabled]="busy() || !reason[c.id]?.trim()"
                        nz-popconfirm
                        [nzPopconfirmTitle]="'答复为“' + confirmText(c.id) + '”，答复后不能更改。确定吗？'"
                        (nzOnConfirm)="answer(c)"
                      >
                        答复
                      </button>
                    </div>
                  } @else {
                    {{ c.reason }}（{{ c.answeredBy }}，{{ c.answeredAt | date: 'yyyy-MM-dd' : '+0800' }}）
                  }
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6"><span nz-typography nzType="secondary">暂无质疑</span></td>
              </tr>
            }
          </tbody>
        </nz-table>
        <app-error-box [error]="answerError()?.error ?? null" [shown]="answerFields" />
      </nz-card>
    } @else if (loadError()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="loadError()" role="alert" />
    }
  `,
})
export class ChallengesPanel {
  private readonly api = inject(ChallengesApi);
  readonly tenderId = input.required<number | string>();

  protected readonly data = signal<Challenges | null>(null);
  protected readonly loadError = signal('');
  /** The last answer's error, shown at its challenge's controls. */
  protected readonly answerError = signal<{ id: number; error: ApiError } | null>(null);
  protected readonly answerFields = ['outcome', 'reason'];
  protected readonly outcomes: Outcome[] = ['rejected', 'upheld'];
  protected readonly busy = signal(false);
  protected readonly outcome: Partial<Record<number, Outcome>> = {};
  protected readonly reason: Record<number, string> = {};

  constructor() {
    effect(() => {
      this.tenderId();
      untracked(() => this.load());
    });
  }

  protected errorFor(id: number): ApiError | null {
    const answered = this.answerError();
    return answered?.id === id ? answered.error : null;
  }

  /** What the answer means, asked before it is sent (nz-popconfirm): it cannot be changed. */
  protected confirmText(id: number): string {
    return (this.outcome[id] ?? 'rejected') === 'upheld' ? '质疑成立后须重新评审，合同暂缓签订' : '质疑不成立';
  }

  protected answer(c: Challenge): void {
    const outcome = this.outcome[c.id] ?? 'rejected';
    this.answerError.set(null);
    this.busy.set(true);
    this.api.answer(c.id, { outcome, reason: this.reason[c.id].trim() }).subscribe({
      next: () => {
        this.busy.set(false);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.answerError.set({ id: c.id, error: toApiError(err) });
      },
    });
  }

  private load(): void {
    this.api.list(this.tenderId()).subscribe({
      next: (data) => this.data.set(data),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
