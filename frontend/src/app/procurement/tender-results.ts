import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { RouterLink } from '@angular/router';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { AwardHistoryView, CancellationBody, TenderResults as Results } from '@domain/wire/evaluation';
import type { TenderDetail } from '@domain/wire/tenders';
import { label, labelOptions } from '@domain/labels';
import { ErrorBox } from '../shared/api-errors';
import { saveBlob } from '../shared/download';
import { FIELD_STATUS } from '../shared/field-status';
import { LabelPipe } from '../shared/label.pipe';
import type { FileDownload } from '../core/api-client';
import { ResultsView } from '../shared/results-view';
import { ScoreDistributionChart } from '../shared/score-distribution-chart';
import { ChallengesPanel } from './challenges-panel';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';

/** Statuses in which the award can still be confirmed. */
const CONFIRMABLE = ['opened', 'qualification', 'evaluation'];
/** Statuses in which an award may have been confirmed and set aside by a re-evaluation. */
const MAY_HAVE_HISTORY = ['evaluation', 'awarded', 'failed'];

/**
 * The evaluation result of one tender (/procurement/tenders/:id/results, and embedded in 评标):
 * what-if runs, confirming the award, the report, and a confirmed winner declining or disqualified.
 */
@Component({
  selector: 'app-tender-results',
  imports: [
    RouterLink,
    FormsModule,
    ReactiveFormsModule,
    DatePipe,
    ErrorBox,
    FIELD_STATUS,
    LabelPipe,
    ResultsView,
    ScoreDistributionChart,
    ChallengesPanel,
    NzButtonModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzTimelineModule,
    NzAlertModule,
    NzCardModule,
    NzTagModule,
    NzTypographyModule,
    NzFlexModule,
    NzPageHeaderModule,
    NzSpaceModule,
  ],
  templateUrl: './tender-results.html',
})
export class TenderResults {
  private readonly api = inject(TendersApi);

  /** Route parameter or the tender chosen on the 评标 page. */
  readonly id = input.required<string | number>();
  /** Embedded in another page (no heading of its own). Route binding leaves it undefined on the page. */
  readonly embedded = input<boolean | undefined>(false);

  protected readonly results = signal<Results | null>(null);
  protected readonly tender = signal<TenderDetail | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  /** The report being fetched or printed, or the last one fetched (saved, and ready to save again). */
  protected readonly report = signal<
    | { format: 'xlsx' | 'pdf'; state: 'fetching' | 'printing'; seconds: number }
    | { format: 'xlsx' | 'pdf'; state: 'ready'; file: FileDownload }
    | null
  >(null);
  protected readonly reportBusy = computed(() => {
    const r = this.report();
    return r !== null && r.state !== 'ready';
  });
  protected readonly names = computed(() => Object.fromEntries((this.tender()?.bidders ?? []).map((b) => [b.code, b.name])));
  protected readonly lotNames = computed(() => Object.fromEntries((this.tender()?.lots ?? []).map((l) => [l.no, l.name])));
  protected readonly confirmable = computed(() => CONFIRMABLE.includes(this.tender()?.status ?? ''));
  protected readonly confirmed = computed(() => ['awarded', 'failed'].includes(this.tender()?.status ?? ''));
  /** Lots with bids the panel scored: each shows its score distribution. */
  protected readonly scoredLots = computed(() => (this.results()?.lots ?? []).filter((l) => l.bids.length));
  /** Lots with a winner, for the cancellation form. */
  protected readonly awardedLots = computed(() => (this.results()?.lots ?? []).filter((l) => l.winner));

  /** Confirmed awards that re-evaluations set aside, oldest first. */
  protected readonly history = signal<AwardHistoryView[]>([]);
  protected readonly reevaluateLot = signal('');
  protected readonly reevaluateReason = signal('');
  protected readonly reevaluateError = signal<ApiError | null>(null);

  /** 中标人放弃中标或被取消中标资格: the lot names the winner the body carries. */
  protected readonly cancelForm = inject(NonNullableFormBuilder).group({
    lot: '',
    kind: 'declined' as CancellationBody['kind'],
    reason: '',
  });
  protected readonly cancelKinds = labelOptions('cancellationKind');
  /** The body's fields shown under their controls (the lot's under the bidder it names). */
  protected readonly cancelFields = ['bidder', 'kind', 'reason'];
  protected readonly cancelError = signal<ApiError | null>(null);

  constructor() {
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  load(): void {
    const id = this.id();
    this.error.set('');
    this.api.results(id).subscribe({
      next: (results) => this.results.set(results),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
    // Names only make the tables friendlier; without them the codes are shown.
    this.api.get(id).subscribe({
      next: (tender) => {
        this.tender.set(tender);
        this.loadHistory(tender);
      },
      error: () => this.tender.set(null),
    });
  }

  /** 重新评审 of a lot, asked first (nz-popconfirm): the award goes to the history, the lot's sheets back to the panel. */
  protected reevaluate(): void {
    const lot = this.reevaluateLot();
    const reason = this.reevaluateReason().trim();
    if (!lot || !reason) return;
    this.busy.set(true);
    this.error.set('');
    this.notice.set('');
    this.reevaluateError.set(null);
    this.api.reevaluate(this.id(), lot, { reason }).subscribe({
      next: (history) => {
        this.busy.set(false);
        this.history.set(history);
        this.reevaluateLot.set('');
        this.reevaluateReason.set('');
        this.load();
        this.notice.set(`已发起标包 ${lot} 的重新评审，原评标结果已转入历史记录`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.reevaluateError.set(toApiError(err));
      },
    });
  }

  /** The winners of a past round, as "标包 1：名称" lines. */
  protected roundWinners(round: AwardHistoryView): string[] {
    return round.results.lots.map((l) => `标包 ${l.no}：${l.winner ? this.names()[l.winner] || l.winner : '未授予'}`);
  }

  private loadHistory(tender: TenderDetail): void {
    if (!MAY_HAVE_HISTORY.includes(tender.status)) return;
    this.api.resultsHistory(tender.id).subscribe({
      next: (history) => this.history.set(history),
      error: () => this.history.set([]),
    });
  }

  protected preview(): void {
    this.run(this.api.previewEvaluation(this.id()), '已重新计算评标结果（预览，尚未确认）');
  }

  /** Asked first (nz-popconfirm): the award is fixed once confirmed. */
  protected confirmAward(): void {
    this.run(this.api.confirmAward(this.id()), '已确认定标');
  }

  /** Asked first (nz-popconfirm): the next valid bid takes the lot. */
  protected cancel(): void {
    const { lot: no, kind, reason } = this.cancelForm.getRawValue();
    const lot = this.awardedLots().find((l) => l.no === no);
    if (!lot?.winner) return;
    this.cancelError.set(null);
    this.run(
      this.api.cancelAward(this.id(), lot.no, { bidder: lot.winner, kind, reason: reason.trim() }),
      `已登记标包 ${lot.no} 中标人${label('cancellationKind', kind)}，已依次递补`,
      (err) => this.cancelError.set(err),
    );
  }

  /**
   * The PDF is printed in the background (tens of pages take seconds): while the server says it is
   * printing, the page says so with the time waited; once there it is saved and stays ready to save again.
   */
  protected downloadReport(format: 'xlsx' | 'pdf' = 'xlsx'): void {
    this.error.set('');
    this.report.set({ format, state: 'fetching', seconds: 0 });
    const printing = (polls: number) => this.report.set({ format, state: 'printing', seconds: polls });
    this.api.evaluationReport(this.id(), format, `评标报告-${this.results()?.tender ?? this.id()}.${format}`, printing).subscribe({
      next: (file) => {
        this.report.set({ format, state: 'ready', file });
        saveBlob(file.blob, file.fileName);
      },
      error: (err: unknown) => {
        this.report.set(null);
        this.error.set(toApiError(err).message);
      },
    });
  }

  protected saveReport(file: FileDownload): void {
    saveBlob(file.blob, file.fileName);
  }

  private run(request: Observable<Results>, done: string, onError?: (err: ApiError) => void): void {
    this.error.set('');
    this.notice.set('');
    this.busy.set(true);
    request.subscribe({
      next: (results) => {
        this.busy.set(false);
        this.results.set(results);
        this.notice.set(done);
        this.cancelForm.reset();
        this.api.get(this.id()).subscribe({
          next: (tender) => {
            this.tender.set(tender);
            this.loadHistory(tender);
          },
          error: () => undefined,
        });
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const apiError = toApiError(err);
        if (onError) onError(apiError);
        else this.error.set(apiError.message);
      },
    });
  }
}
