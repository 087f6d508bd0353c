import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import type { ContractListQuery, ContractSummary, CreateContract, ScheduleTemplate } from '@domain/wire/contracts';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';
import { contractKindOf } from '@domain/contracts/amounts';
import type { ContractKind } from '@domain/dossier/dossier.types';
import { TendersApi } from '../core/tenders-api';
import type { LotResult } from '@domain/wire/evaluation';
import type { TenderDetail, TenderSummary } from '@domain/wire/tenders';
import { ErrorBox } from '../shared/api-errors';
import { groupDigits, normaliseAmount, sharePercent } from '../shared/money';
import { LabelPipe } from '../shared/label.pipe';
import { dayText } from '../shared/form-controls';
import { FIELD_STATUS } from '../shared/field-status';
import { saveBlob } from '../shared/download';
import { StatusTag } from '../shared/status-tag';

/** An awarded lot the bureau may draw a contract up for. */
interface AwardedLotOption {
  no: string;
  name: string;
  winner: string;
  winnerName: string;
}

/**
 * Tenders whose lots may have winners: awarded ones, and those still in evaluation whose results
 * already name winners (the backend draws a contract from the results as they stand).
 */
const CONTRACTABLE = ['awarded', 'evaluation'];

/** The template whose city (the part of its name before 模式) appears in the purchaser's name, if any. */
export function suggestedTemplate(templates: ScheduleTemplate[], purchaser: string, lotNo = ''): string {
  const forLot = templates.filter((t) => !t.lots?.length || !lotNo || t.lots.includes(lotNo));
  // A shipped schedule's name starts with its buyer's place (宁波…, 沈阳…, 医院…).
  const match = forLot.find((t) => purchaser.includes(t.name.slice(0, 2)));
  return match?.code ?? forLot[0]?.code ?? '';
}

/**
 * 合同管理 (/bureau): every contract with its figures, and the form that draws up the draft contract
 * of an awarded lot for one contract year.
 */
@Component({
  selector: 'app-bureau-home',
  imports: [
    StatusTag,
    LabelPipe,
    FormsModule,
    RouterLink,
    ErrorBox,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzFlexModule,
    NzTagModule,
    NzTypographyModule,
    NzTableModule,
    ServerTableBinding,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    NzDatePickerModule,
    FIELD_STATUS,
  ],
  templateUrl: './bureau-home.html',
  styles: `
    .contract-search,
    .ledger-export {
      margin: 12px 0;
      row-gap: 8px;
    }
    .contract-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0 16px;
    }
    .contract-form nz-form-item {
      width: 200px;
      margin-bottom: 12px;
    }
    .contract-form nz-form-item.wide {
      width: 380px;
    }
    .contract-form nz-date-picker {
      width: 100%;
    }
    .schedule-preview {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      margin-top: 12px;
      font-size: 13px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .milestone-chip {
      padding: 0 6px;
      border: 1px solid var(--app-border);
      border-radius: 4px;
    }
  `,
})
export class BureauHome {
  private readonly contractsApi = inject(ContractsApi);
  private readonly tendersApi = inject(TendersApi);
  private readonly router = inject(Router);

  /** The contracts, a page at a time, sorted and filtered on the server. */
  protected readonly list = new ServerTable<ContractSummary, ContractListQuery>(
    (query) => this.contractsApi.page(query),
    () => ({ q: this.q.trim() || undefined }),
  );
  protected readonly statusFilters = labelFilters('contractStatus');
  protected q = '';
  /** The chosen tender's contracts: a lot's next contract year is the first without one. */
  private readonly tenderContracts = signal<ContractSummary[]>([]);
  protected readonly error = signal('');

  protected readonly awardedTenders = signal<TenderSummary[]>([]);
  protected readonly templates = signal<ScheduleTemplate[]>([]);
  protected readonly tender = signal<TenderDetail | null>(null);
  protected readonly lots = signal<AwardedLotOption[]>([]);
  protected readonly lotsLoading = signal(false);
  protected readonly createError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);

  protected tenderId = '';
  protected lotNo = '';
  protected year: number | null = null;
  protected scheduleCode = '';
  /** The term's start (default 1 January of the year) and, for a premium fund, its figures. */
  protected effectiveDate: Date | null = null;
  /** The funding standard as typed, an exact decimal string (元/人/年). */
  protected fundStandard = '';
  protected allowanceRate = '';
  protected policyDeficitShare = '';
  /** The chosen lot's contract kind: the tender's, else as the lot is priced. */
  protected readonly kind = signal<ContractKind | null>(null);
  protected readonly scheduleChoice = signal('');
  protected readonly template = computed(() => this.templates().find((t) => t.code === this.scheduleChoice()) ?? null);
  protected readonly term = computed(() => {
    const t = this.tender();
    return t ? { first: t.firstContractYear, last: t.firstContractYear + t.contractYears - 1 } : null;
  });

  protected readonly money = groupDigits;
  protected readonly share = sharePercent;
  /** The contract year whose ledger is exported (this year by default). */
  protected ledgerYear = new Date().getFullYear();

  constructor() {
    this.list.load();
    this.tendersApi.list().subscribe({
      next: (tenders) => this.awardedTenders.set(tenders.filter((t) => CONTRACTABLE.includes(t.status))),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
    this.loadTemplates();
  }

  /** The schedules to choose from: the tender's own first, once a tender is chosen. */
  private loadTemplates(tenderId?: string): void {
    this.contractsApi.scheduleTemplates(tenderId || undefined).subscribe({
      next: (templates) => {
        this.templates.set(templates);
        const tender = this.tender();
        this.setSchedule(
          tender ? suggestedTemplate(templates, tender.purchaser, this.lotNo) : this.scheduleCode || (templates[0]?.code ?? ''),
        );
      },
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected setSchedule(code: string): void {
    this.scheduleCode = code;
    this.scheduleChoice.set(code);
  }

  /** A tender was chosen: its awarded lots (with winners) and the term its contract years lie in. */
  protected chooseTender(id: string): void {
    this.tenderId = id;
    this.lotNo = '';
    this.lots.set([]);
    this.tender.set(null);
    this.createError.set(null);
    if (!id) return;
    this.lotsLoading.set(true);
    forkJoin([this.tendersApi.get(id), this.tendersApi.results(id), this.contractsApi.list({ tenderId: Number(id) })]).subscribe({
      next: ([tender, results, contracts]) => {
        this.lotsLoading.set(false);
        this.tender.set(tender);
        this.tenderContracts.set(contracts);
        const names = new Map(tender.bidders.map((b) => [b.code, b.name]));
        const lotNames = new Map(tender.lots.map((l) => [l.no, l.name]));
        const lots = results.lots
          .filter((l: LotResult) => l.status === 'awarded' && l.winner)
          .map((l) => ({ no: l.no, name: lotNames.get(l.no) ?? '', winner: l.winner!, winnerName: names.get(l.winner!) ?? l.winner! }));
        this.lots.set(lots);
        if (lots.length) this.chooseLot(lots[0].no);
        this.loadTemplates(id);
      },
      error: (err: unknown) => {
        this.lotsLoading.set(false);
        this.createError.set(toApiError(err));
      },
    });
  }

  /** A lot was chosen: the first year of the term it has no contract for yet. */
  protected chooseLot(no: string): void {
    this.lotNo = no;
    const tender = this.tender();
    const lot = tender?.lots.find((l) => l.no === no);
    this.kind.set(tender && lot ? contractKindOf(tender.contractKind, lot) : null);
    if (tender) this.setSchedule(suggestedTemplate(this.templates(), tender.purchaser, no));
    const term = this.term();
    if (!term) return;
    const taken = new Set(
      this.tenderContracts()
        .filter((c) => c.lotNo === no)
        .map((c) => c.year),
    );
    let year = term.first;
    while (taken.has(year) && year < term.last) year++;
    this.year = year;
  }

  protected create(): void {
    const lot = this.lotNo;
    if (!this.tenderId || !lot) return;
    this.createError.set(null);
    this.busy.set(true);
    const premium = this.kind() === 'premium';
    const effectiveDate = dayText(this.effectiveDate);
    const fundStandard = normaliseAmount(this.fundStandard) ?? this.fundStandard.trim();
    const body: CreateContract = {
      year: Number(this.year),
      scheduleTemplate: this.scheduleCode,
      ...(effectiveDate && { effectiveDate }),
      ...(premium && fundStandard && { fundStandard }),
      ...(premium && this.allowanceRate && { allowanceRate: this.allowanceRate }),
      ...(premium && this.policyDeficitShare && { policyDeficitShare: this.policyDeficitShare }),
    };
    this.contractsApi.create(this.tenderId, lot, body).subscribe({
      next: (contract) => {
        this.busy.set(false);
        void this.router.navigate(['/bureau/contracts', contract.id]);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.createError.set(toApiError(err));
      },
    });
  }

  /** The year's payment ledger (per contract, insurer, lot and buyer) as Excel. */
  protected exportLedger(): void {
    this.error.set('');
    this.contractsApi.downloadYearLedger(Number(this.ledgerYear)).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
