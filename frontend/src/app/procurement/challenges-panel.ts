import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { Challenge, Challenges, ChallengesApi } from '../core/challenges-api';
import { ErrorBox } from '../shared/api-errors';
import { ChallengePeriodView } from '../shared/challenge-period';
import { LabelPipe } from '../shared/label.pipe';

/**
 * 质疑答复: the challenges of a tender's published results, each answered once — upheld (the award goes
 * to re-evaluation, 重新评审) or rejected — with the reason, which the bidder reads.
 */
@Component({
  selector: 'app-challenges-panel',
  imports: [FormsModule, DatePipe, LabelPipe, ErrorBox, ChallengePeriodView],
  template: `
    @if (data(); as d) {
      <section class="panel challenges-panel" aria-labelledby="challenges-title">
        <h2 id="challenges-title">质疑</h2>
        <app-challenge-period [period]="d.period" />
        <table class="compact">
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
                    <select class="answer-outcome" [(ngModel)]="outcome[c.id]" [attr.aria-label]="'质疑' + c.id + '的答复结论'">
                      <option value="rejected">{{ 'rejected' | label: 'challengeStatus' }}</option>
                      <option value="upheld">{{ 'upheld' | label: 'challengeStatus' }}</option>
                    </select>
                    <input
                      class="answer-reason wide"
                      [(ngModel)]="reason[c.id]"
                      placeholder="答复理由"
                      [attr.aria-label]="'质疑' + c.id + '的答复理由'"
                    />
                    <button type="button" class="primary answer-challenge" [disabled]="busy() || !reason[c.id]?.trim()" (click)="answer(c)">
                      答复
                    </button>
                  } @else {
                    {{ c.reason }}（{{ c.answeredBy }}，{{ c.answeredAt | date: 'yyyy-MM-dd' : '+0800' }}）
                  }
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6" class="muted">暂无质疑</td>
              </tr>
            }
          </tbody>
        </table>
        <app-error-box [error]="answerError()" />
      </section>
    } @else if (loadError()) {
      <p class="alert" role="alert">{{ loadError() }}</p>
    }
  `,
})
export class ChallengesPanel {
  private readonly api = inject(ChallengesApi);
  readonly tenderId = input.required<number | string>();

  protected readonly data = signal<Challenges | null>(null);
  protected readonly loadError = signal('');
  protected readonly answerError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly outcome: Record<number, 'upheld' | 'rejected'> = {};
  protected readonly reason: Record<number, string> = {};

  constructor() {
    effect(() => {
      this.tenderId();
      untracked(() => this.load());
    });
  }

  protected answer(c: Challenge): void {
    const outcome = this.outcome[c.id] ?? 'rejected';
    const label = outcome === 'upheld' ? '质疑成立后须重新评审，合同暂缓签订' : '质疑不成立';
    if (!window.confirm(`答复为“${label}”，答复后不能更改。确定吗？`)) return;
    this.answerError.set(null);
    this.busy.set(true);
    this.api.answer(c.id, { outcome, reason: this.reason[c.id].trim() }).subscribe({
      next: () => {
        this.busy.set(false);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.answerError.set(toApiError(err));
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
