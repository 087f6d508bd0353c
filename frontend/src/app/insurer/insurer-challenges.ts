import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { Challenges, ChallengesApi } from '../core/challenges-api';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { ChallengePeriodView } from '../shared/challenge-period';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { StatusTag } from '../shared/status-tag';

/**
 * 质疑: on the insurer's results of a tender, its own challenges with procurement's answers and, while
 * the challenge period runs, the form to file one (the text, and the lot when it concerns one).
 */
@Component({
  selector: 'app-insurer-challenges',
  imports: [
    StatusTag,
    FormsModule,
    DatePipe,
    ErrorBox,
    FIELD_STATUS,
    ChallengePeriodView,
    NzButtonModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzSelectModule,
    NzAlertModule,
    NzFlexModule,
  ],
  template: `
    @if (data(); as d) {
      <section class="challenges" [attr.data-tender]="tenderId()">
        <h3>质疑</h3>
        <app-challenge-period [period]="d.period" />
        @for (c of d.challenges; track c.id) {
          <div class="challenge" [attr.data-status]="c.status">
            <p>
              <app-status-tag kind="challengeStatus" [status]="c.status" />
              {{ c.lot ? '标包 ' + c.lot : '整个项目' }} · {{ c.filedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}
            </p>
            <p class="challenge-text">{{ c.text }}</p>
            @if (c.reason) {
              <p class="challenge-answer">答复（{{ c.answeredAt | date: 'yyyy-MM-dd' : '+0800' }}）：{{ c.reason }}</p>
            }
          </div>
        }
        @if (d.period.open) {
          <div nz-form nzLayout="vertical" nz-row [nzGutter]="16">
            <div nz-col nzXs="24" nzMd="8">
              <nz-form-item>
                <nz-form-label [nzFor]="'challenge-lot-' + tenderId()">标包</nz-form-label>
                <nz-form-control [nzValidateStatus]="fileError() | fieldStatus: 'lot'" [nzErrorTip]="fileError() | fieldTip: 'lot'">
                  <nz-select class="challenge-lot" [nzId]="'challenge-lot-' + tenderId()" [(ngModel)]="lot">
                    <nz-option nzValue="" nzLabel="整个项目" />
                    @for (no of lots(); track no) {
                      <nz-option [nzValue]="no" [nzLabel]="'标包 ' + no" />
                    }
                  </nz-select>
                </nz-form-control>
              </nz-form-item>
            </div>
            <div nz-col nzXs="24" nzMd="16">
              <nz-form-item>
                <nz-form-label [nzFor]="'challenge-text-' + tenderId()" nzRequired>质疑事项及理由</nz-form-label>
                <nz-form-control [nzValidateStatus]="fileError() | fieldStatus: 'text'" [nzErrorTip]="fileError() | fieldTip: 'text'">
                  <textarea
                    nz-input
                    class="challenge-input"
                    [id]="'challenge-text-' + tenderId()"
                    rows="4"
                    maxlength="5000"
                    [(ngModel)]="text"
                  ></textarea>
                </nz-form-control>
              </nz-form-item>
            </div>
          </div>
          <app-error-box [error]="fileError()" [shown]="['lot', 'text']" />
          <div nz-flex nzGap="small">
            <button nz-button nzType="primary" type="button" class="file-challenge" [disabled]="busy() || !text.trim()" (click)="file()">
              提出质疑
            </button>
          </div>
        }
      </section>
    } @else if (loadError()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="loadError()" role="alert" />
    }
  `,
})
export class InsurerChallenges {
  private readonly api = inject(ChallengesApi);
  readonly tenderId = input.required<number>();
  /** The lot numbers of the tender's results. */
  readonly lots = input<string[]>([]);

  protected readonly data = signal<Challenges | null>(null);
  protected readonly loadError = signal('');
  protected readonly fileError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected lot = '';
  protected text = '';

  constructor() {
    effect(() => {
      this.tenderId();
      untracked(() => this.load());
    });
  }

  protected file(): void {
    this.fileError.set(null);
    this.busy.set(true);
    this.api.file(this.tenderId(), { text: this.text.trim(), lot: this.lot || null }).subscribe({
      next: () => {
        this.busy.set(false);
        this.text = '';
        this.lot = '';
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.fileError.set(toApiError(err));
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
