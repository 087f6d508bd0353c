import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { AssessmentsApi } from '../core/assessments-api';
import { ServerTable, ServerTableBinding } from '../core/server-table';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { AssessmentStatus } from '@domain/lifecycles';
import type {
  AssessmentHistory,
  AssessmentListQuery,
  AssessmentSchemeView,
  AssessmentSummary,
  OverdueItem,
  RewardSplit,
  Termination,
} from '@domain/wire/assessments';
import { ContractsApi } from '../core/contracts-api';
import type { ContractSummary } from '@domain/wire/contracts';
import { ErrorBox } from '../shared/api-errors';
import { ratePercent, scoreText } from '../shared/assessment-entry';
import { saveBlob } from '../shared/download';
import { labelOptions } from '@domain/labels';
import { amountCapitals, groupDigits, normaliseAmount } from '../shared/money';
import { HistoryChart } from './history-chart';
import { FIELD_STATUS } from '../shared/field-status';
import { LabelPipe } from '../shared/label.pipe';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { StatusTag } from '../shared/status-tag';

/**
 * The scheme to offer for a contract: one imported with its tender first, then the one whose city
 * (the part of its name before 市) is in the purchaser's name, then a deduction scheme for a lot with
 * a reward budget, else the first.
 */
export function suggestedScheme(
  schemes: AssessmentSchemeView[],
  contract: Pick<ContractSummary, 'tenderId' | 'purchaser' | 'rewardBudget'>,
): string {
  const own = schemes.find((s) => s.tenderId === contract.tenderId);
  if (own) return own.code;
  const byCity = schemes.find((s) => {
    const city = /^(.+?)市/.exec(s.name)?.[1];
    return !!city && contract.purchaser.includes(city);
  });
  if (byCity) return byCity.code;
  const kind = contract.rewardBudget !== null ? 'deduction' : 'points';
  return schemes.find((s) => s.kind === kind)?.code ?? schemes[0]?.code ?? '';
}

/**
 * 年度考核 (/bureau/assessments): every assessment with its result, the deadlines missed, the contracts
 * marked for termination, starting an assessment for a signed contract, the yearly reward budget split,
 * the results workbook, and each insurer's scores across years.
 */
@Component({
  selector: 'app-bureau-assessments',
  imports: [
    StatusTag,
    LabelPipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    NzTableModule,
    ServerTableBinding,
    ErrorBox,
    FIELD_STATUS,
    HistoryChart,
    NzCardModule,
    NzFlexModule,
    NzTagModule,
    NzTypographyModule,
    NzGridModule,
  ],
  templateUrl: './assessments.html',
  styles: `
    .split-form nz-input-number {
      width: 100%;
    }
    .filters {
      row-gap: 8px;
      margin-bottom: 12px;
    }
    .filters nz-select {
      width: 120px;
    }
    .filters #filter-q {
      width: 220px;
    }
    .nowrap {
      white-space: nowrap;
    }
    tr.overdue td {
      background: #fff8ec;
    }
    tr.termination td {
      background: #fdecea;
    }
  `,
})
export class BureauAssessments {
  private readonly api = inject(AssessmentsApi);
  private readonly contractsApi = inject(ContractsApi);
  private readonly router = inject(Router);

  /** The list, a page at a time, sorted and filtered (year, status, a part of the code or insurer) on the server. */
  protected readonly list = new ServerTable<AssessmentSummary, AssessmentListQuery>(
    (query) => this.api.page(query),
    () => ({ year: this.filterYear ?? undefined, status: this.filterStatus ?? undefined, q: this.filterQ.trim() || undefined }),
  );
  protected readonly error = signal('');
  protected readonly overdue = signal<OverdueItem[]>([]);
  protected readonly terminations = signal<Termination[]>([]);
  protected readonly contracts = signal<ContractSummary[]>([]);
  /** Contracts that already have an assessment (one per contract year). */
  protected readonly assessed = signal<Set<number>>(new Set());
  protected readonly histories = signal<AssessmentHistory[]>([]);
  protected readonly historyError = signal('');

  protected filterYear: number | null = null;
  protected filterStatus: AssessmentStatus | null = null;
  protected filterQ = '';

  // Starting an assessment.
  protected contractId = '';
  protected schemeCode = '';
  protected readonly schemes = signal<AssessmentSchemeView[]>([]);
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly creating = signal(false);
  protected readonly signedContracts = computed(() => this.contracts().filter((c) => c.status === 'signed' && !this.assessed().has(c.id)));

  // The reward split.
  protected splitTender = '';
  protected splitYear: number | null = null;
  /** The budget as typed, an exact decimal string (元); the API judges it and its error shows under the field. */
  protected splitBudget = '';
  protected readonly split = signal<RewardSplit | null>(null);
  protected readonly splitError = signal<ApiError | null>(null);
  protected readonly splitting = signal(false);
  protected readonly tenders = computed(() => {
    const seen = new Map<number, { id: number; code: string; name: string }>();
    for (const c of this.contracts())
      if (!seen.has(c.tenderId)) seen.set(c.tenderId, { id: c.tenderId, code: c.tenderCode, name: c.tenderName });
    return [...seen.values()];
  });

  /** The contract years, latest first: those the list can be filtered by and the results workbook asked for. */
  protected readonly years = computed(() => [...new Set(this.contracts().map((c) => c.year))].sort((a, b) => b - a));

  // The results workbook.
  protected resultsYear: number | null = null;
  protected readonly resultsError = signal<ApiError | null>(null);

  protected readonly money = groupDigits;
  protected readonly score = scoreText;
  protected readonly rate = ratePercent;
  protected readonly statuses = labelOptions('assessmentStatus');
  protected readonly lotNameOf = (share: { contractId: number; lotNo: string }) =>
    this.contracts().find((c) => c.id === share.contractId)?.lotName ?? '';

  constructor() {
    this.load();
    this.api
      .overdue()
      .subscribe({ next: (items) => this.overdue.set(items), error: (err: unknown) => this.error.set(toApiError(err).message) });
    this.api
      .terminations()
      .subscribe({ next: (marks) => this.terminations.set(marks), error: (err: unknown) => this.error.set(toApiError(err).message) });
    this.contractsApi.list().subscribe({
      next: (contracts) => {
        this.contracts.set(contracts);
        this.resultsYear ??= this.years()[0] ?? null;
      },
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
    this.loadHistories();
  }

  /** The list again, and which contracts have an assessment (the whole list: one per contract year). */
  protected load(): void {
    this.list.load();
    this.api.list().subscribe({
      next: (all) => this.assessed.set(new Set(all.map((a) => a.contractId))),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected clearFilters(): void {
    this.filterYear = null;
    this.filterStatus = null;
    this.filterQ = '';
    this.list.search();
  }

  /** Every insurer's history (one request each), for the chart. */
  private loadHistories(): void {
    this.api
      .organizations()
      .pipe(
        map((orgs) => orgs.filter((o) => o.kind === 'insurer')),
        switchMap((insurers) =>
          insurers.length
            ? forkJoin(insurers.map((o) => this.api.history(o.id).pipe(catchError(() => of(null)))))
            : of([] as (AssessmentHistory | null)[]),
        ),
      )
      .subscribe({
        next: (histories) => this.histories.set(histories.filter((h): h is AssessmentHistory => !!h && h.entries.length > 0)),
        error: (err: unknown) => this.historyError.set(toApiError(err).message),
      });
  }

  protected chooseContract(id: string): void {
    this.contractId = id;
    this.schemeCode = '';
    this.schemes.set([]);
    this.createError.set(null);
    const contract = this.contracts().find((c) => String(c.id) === String(id));
    if (!contract) return;
    this.api.schemes(contract.tenderId).subscribe({
      next: (schemes) => {
        this.schemes.set(schemes);
        this.schemeCode = suggestedScheme(schemes, contract);
      },
      error: (err: unknown) => this.createError.set(toApiError(err)),
    });
  }

  protected start(): void {
    if (!this.contractId || !this.schemeCode) return;
    this.createError.set(null);
    this.creating.set(true);
    this.api.create(this.contractId, this.schemeCode).subscribe({
      next: (a) => {
        this.creating.set(false);
        void this.router.navigate(['/bureau/assessments', a.id]);
      },
      error: (err: unknown) => {
        this.creating.set(false);
        this.createError.set(toApiError(err));
      },
    });
  }

  protected budgetCapitals(): string | null {
    return this.splitBudget.trim() ? amountCapitals(this.splitBudget) : null;
  }

  protected chooseSplitTender(id: string): void {
    this.splitTender = id;
    this.split.set(null);
    const years = this.contracts()
      .filter((c) => String(c.tenderId) === String(id))
      .map((c) => c.year);
    if (years.length) this.splitYear = Math.max(...years);
  }

  protected saveSplit(): void {
    this.splitError.set(null);
    this.split.set(null);
    this.splitting.set(true);
    this.api
      .splitReward({
        tenderId: Number(this.splitTender),
        year: Number(this.splitYear),
        budget: normaliseAmount(this.splitBudget) ?? this.splitBudget.trim(),
      })
      .subscribe({
        next: (split) => {
          this.splitting.set(false);
          this.split.set(split);
          this.load();
        },
        error: (err: unknown) => {
          this.splitting.set(false);
          this.splitError.set(toApiError(err));
        },
      });
  }

  protected downloadResults(): void {
    const year = this.resultsYear;
    if (!year) return;
    this.resultsError.set(null);
    this.api.resultsWorkbook(year, `考核结果-${year}.xlsx`).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.resultsError.set(toApiError(err)),
    });
  }
}
