import { Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router } from '@angular/router';
import { toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { TenderSummary } from '@domain/wire/tenders';
import { TenderResults } from './tender-results';
import { LabelPipe } from '../shared/label.pipe';

/** Statuses from which a tender has bids to evaluate. */
const EVALUATED = ['opened', 'qualification', 'evaluation', 'awarded', 'failed'];

/** 评标: pick a tender, see its ranking and award per lot. The choice is kept in ?tender= for reloads. */
@Component({
  selector: 'app-evaluation',
  imports: [LabelPipe, TenderResults],
  template: `
    <h1>评标</h1>
    @if (error()) {
      <p class="alert" role="alert">{{ error() }}</p>
    }
    <div class="form-grid panel">
      <label>
        招标项目
        <select id="eval-tender" class="wide" (change)="choose($event)">
          <option value="">（请选择）</option>
          @for (t of candidates(); track t.id) {
            <option [value]="t.id" [selected]="t.id + '' === selected()">
              {{ t.code }} {{ t.name }}（{{ t.status | label: 'tenderStatus' }}）
            </option>
          }
        </select>
      </label>
    </div>
    @if (selected()) {
      <app-tender-results [id]="selected()" [embedded]="true" />
    } @else if (candidates().length === 0 && loaded()) {
      <p class="muted">暂无已开标的招标项目</p>
    }
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

  protected choose(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    this.selected.set(value);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { tender: value || null } });
  }
}
