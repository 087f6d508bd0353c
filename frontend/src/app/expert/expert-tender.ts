import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { BidResult, LotResult, TenderResults } from '@domain/wire/evaluation';
import { ExpertApi } from './expert-api';
import type { PanelMe } from '@domain/wire/panel';
import { PanelBoard } from './panel-board';
import { LabelPipe } from '../shared/label.pipe';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

const SEALED = new Set(['draft', 'published', 'closed']);

/** The backend hides a lot's bids from experts until every sheet of the lot is in. */
function resultsHidden(lot: LotResult): boolean {
  return lot.bids.length === 0 && lot.failReason === 'sheets-pending';
}

/** An expert's tender: the 回避声明 first, then the lots with their sheets, then the results. */
@Component({
  selector: 'app-expert-tender',
  imports: [
    FormsModule,
    LabelPipe,
    RouterLink,
    PanelBoard,
    ErrorBox,
    FIELD_STATUS,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzRadioModule,
    NzAlertModule,
    NzCardModule,
    NzFlexModule,
    NzTableModule,
    NzTagModule,
    NzTypographyModule,
  ],
  templateUrl: './expert-tender.html',
  styleUrl: './expert-tender.css',
})
export class ExpertTender {
  private readonly api = inject(ExpertApi);
  private readonly tenders = inject(TendersApi);

  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly me = signal<PanelMe | null>(null);
  protected readonly loadError = signal('');
  protected readonly results = signal<TenderResults | null>(null);
  protected readonly resultsError = signal('');

  protected readonly choice = signal<'none' | 'conflict' | null>(null);
  protected readonly note = signal('');
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly declareError = signal<ApiError | null>(null);

  protected readonly declaration = computed(() => this.me()?.member.declaration ?? null);
  protected readonly sealed = computed(() => SEALED.has(this.me()?.tender.status ?? ''));
  private readonly bidderNames = computed(() => new Map((this.me()?.bidders ?? []).map((b) => [b.code, b.name])));

  constructor() {
    effect(() => this.load(this.id()));
  }

  protected bidderName(code: string | null): string {
    if (!code) return '—';
    return this.bidderNames().get(code) ?? code;
  }

  protected hidden(lot: LotResult): boolean {
    return resultsHidden(lot);
  }

  /** A lot's bids by rank, unranked (invalid) bids last. */
  protected ranked(lot: LotResult): BidResult[] {
    return [...lot.bids].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  }

  /** The leader sent a sheet back: when it was their own, the lot's sheet is a draft again. */
  protected onReturned(event: { memberId: number; lot: string }): void {
    const me = this.me();
    if (!me || event.memberId !== me.member.id) return;
    this.me.set({
      ...me,
      lots: me.lots.map((l) => (l.no === event.lot ? { ...l, sheet: 'draft' as const } : l)),
    });
  }

  protected choose(choice: 'none' | 'conflict'): void {
    this.choice.set(choice);
    this.confirming.set(false);
    this.declareError.set(null);
  }

  protected askConfirm(): void {
    if (this.choice()) this.confirming.set(true);
  }

  protected declare(): void {
    const choice = this.choice();
    if (!choice || this.busy()) return;
    const note = this.note().trim();
    const body = choice === 'conflict' ? { conflict: true, ...(note ? { note } : {}) } : { conflict: false };
    this.busy.set(true);
    this.declareError.set(null);
    this.api.declare(this.id(), body).subscribe({
      next: (member) => {
        this.busy.set(false);
        this.confirming.set(false);
        const me = this.me();
        if (me) this.me.set({ ...me, member });
        if (member.declaration === 'no-conflict') this.loadResults();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.confirming.set(false);
        this.declareError.set(toApiError(err));
        // Already declared elsewhere (409): show the declaration as it stands.
        if (err instanceof HttpErrorResponse && err.status === 409) this.load(this.id(), false);
      },
    });
  }

  private load(id: string, reset = true): void {
    if (reset) this.me.set(null);
    this.results.set(null);
    this.loadError.set('');
    this.api.me(id).subscribe({
      next: (me) => {
        this.me.set(me);
        if (me.member.declaration === 'no-conflict' && !SEALED.has(me.tender.status)) this.loadResults();
      },
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }

  private loadResults(): void {
    this.resultsError.set('');
    this.tenders.results(this.id()).subscribe({
      next: (results) => this.results.set(results),
      error: (err: unknown) => {
        this.results.set(null);
        this.resultsError.set(toApiError(err).message);
      },
    });
  }
}
