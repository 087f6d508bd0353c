import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { catchError, forkJoin, of } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import type { ContractChanges, ContractDetail as ContractData, PaymentMilestone, ScheduleTemplate } from '@domain/wire/contracts';
import type { DocumentInfo } from '@domain/wire/documents';
import { TendersApi } from '../core/tenders-api';
import type { TenderDetail } from '@domain/wire/tenders';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { saveBlob } from '../shared/download';
import { label } from '@domain/labels';
import { retained } from '@domain/contracts/retentions';
import { amountCapitals, groupDigits, sharePercent } from '../shared/money';
import { LabelPipe } from '../shared/label.pipe';
import { ContractLedger } from '../shared/contract-ledger';
import { ContractSettlement } from '../shared/contract-settlement';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { StatusTag } from '../shared/status-tag';

/** A due date, or how it will be fixed when it depends on a signing still to come. */
export function dueText(m: Pick<PaymentMilestone, 'dueDate' | 'dueRule'>): string {
  if (m.dueDate) return m.dueDate;
  const rule = m.dueRule;
  if (rule && 'monthsAfterSigning' in rule) {
    const day = rule.day === 'end' ? '月末' : `月${rule.day}日`;
    return rule.monthsAfterSigning === 0 ? `签订当${day}` : `签订后第${rule.monthsAfterSigning}个${day}`;
  }
  return '—';
}

/**
 * One contract (/bureau/contracts/:id): parties, lot, term, the population on 1 January and the
 * amounts it gives (figures and capitals), the payment schedule with each payment's status, signing,
 * the payment ledger (payments and acceptances recorded there), and the contract PDF and the lot's
 * award notice.
 */
@Component({
  selector: 'app-contract-detail',
  imports: [
    StatusTag,
    LabelPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    ErrorBox,
    FIELD_STATUS,
    ContractLedger,
    ContractSettlement,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputNumberModule,
    NzPopconfirmModule,
    NzCardModule,
    NzDescriptionsModule,
    NzFlexModule,
    NzTableModule,
    NzTagModule,
    NzTypographyModule,
  ],
  templateUrl: './contract-detail.html',
  styles: `
    .amounts td.capitals,
    .milestones .capitals {
      color: var(--app-text-secondary);
      font-size: 13px;
    }
    .milestones tr.withheld td {
      background: #fff8ec;
    }
    .milestones .condition {
      display: block;
      margin-top: 2px;
      font-size: 12px;
      color: #9a5b00;
    }
    .population-form {
      margin-top: 12px;
      row-gap: 8px;
    }
    .population-input {
      width: 140px;
    }
    .nowrap {
      white-space: nowrap;
    }
    .sha {
      font-family: monospace;
    }
  `,
})
export class ContractDetail {
  private readonly api = inject(ContractsApi);
  private readonly tendersApi = inject(TendersApi);

  /** Route parameter. */
  readonly id = input.required<string | number>();

  protected readonly contract = signal<ContractData | null>(null);
  protected readonly tender = signal<TenderDetail | null>(null);
  protected readonly templates = signal<ScheduleTemplate[]>([]);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly saveError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);
  protected readonly pdfError = signal('');
  protected readonly pdfNotice = signal('');
  protected readonly pdfBusy = signal(false);
  protected readonly noticeError = signal('');
  protected readonly noticeInfo = signal('');
  protected readonly noticeBusy = signal(false);

  protected population: number | null = null;

  protected readonly documents = computed(() => this.contract()?.documents ?? []);
  protected readonly template = computed(() => this.templates().find((t) => t.code === this.contract()?.scheduleTemplate) ?? null);
  protected readonly contractNumber = computed(() => {
    const c = this.contract();
    return c ? `${c.tenderCode}-${c.lotNo}-${c.year}` : '';
  });
  protected readonly serviceTerm = computed(() => {
    const t = this.tender();
    const annual = this.contract()?.kind !== 'fixed-price';
    return t ? `${t.firstContractYear}–${t.firstContractYear + t.contractYears - 1} 年${annual ? '（合同一年一签）' : ''}` : '';
  });

  protected readonly money = groupDigits;
  protected readonly share = sharePercent;
  protected readonly due = dueText;
  /** A premium fund's retentions with the amounts they hold back of the fund. */
  protected readonly retentions = computed(() => {
    const c = this.contract();
    return c?.fund ? c.retentions.map((r) => ({ ...r, amount: retained(c.fund!, [r], r.kind) })) : [];
  });

  /** What a milestone's amount is drawn from. */
  protected basis(m: PaymentMilestone): string {
    if (m.trigger === 'on-application') return '按申请核准';
    if (m.trigger === 'after-settlement') return '按年度清算';
    const base = label('milestoneBase', m.base);
    if (m.remainder) return `${base}余额`;
    if (m.share !== null) return `${base}的${sharePercent(m.share)}`;
    return `固定 ${groupDigits(m.fixedAmount)} 元`;
  }

  constructor() {
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  /** Capitals of an amount (大写); the figure itself when it cannot be written in capitals. */
  protected capitals(amount: string | null | undefined): string {
    if (amount === null || amount === undefined) return '—';
    return amountCapitals(amount) ?? amount;
  }

  private readonly ledger = viewChild(ContractLedger);

  /** A settlement makes its payment milestone payable: the schedule and the ledger show it at once. */
  protected settled(): void {
    this.api.get(this.id()).subscribe({ next: (c) => this.show(c), error: (err: unknown) => this.error.set(toApiError(err).message) });
    this.ledger()?.load();
  }

  load(): void {
    const id = this.id();
    this.error.set('');
    forkJoin([this.api.get(id), this.api.scheduleTemplates().pipe(catchError(() => of([] as ScheduleTemplate[])))]).subscribe({
      next: ([contract, templates]) => {
        this.show(contract);
        this.templates.set(templates);
        // The tender only adds the service term; without it the page is complete.
        this.tendersApi
          .get(contract.tenderId)
          .pipe(catchError(() => of(null)))
          .subscribe((tender) => this.tender.set(tender));
      },
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected savePopulation(): void {
    const population = Number(this.population);
    this.change({ population }, `已保存${this.contract()?.year}年1月1日参保人数，金额已重新计算`);
  }

  protected sign(): void {
    this.change({ status: 'signed' }, '合同已签订');
  }

  /** Asked first (nz-popconfirm): a terminated contract cannot be restored. */
  protected terminate(): void {
    this.change({ status: 'terminated' }, '合同已终止');
  }

  protected generatePdf(): void {
    const c = this.contract();
    if (!c) return;
    this.pdfError.set('');
    this.pdfNotice.set('');
    this.pdfBusy.set(true);
    this.api.generatePdf(c.id).subscribe({
      next: (doc) => {
        this.pdfBusy.set(false);
        this.contract.update((current) =>
          current ? { ...current, documents: [doc, ...current.documents.filter((d) => d.id !== doc.id)] } : current,
        );
        this.pdfNotice.set(`已生成合同PDF第${doc.version}版（SHA-256 ${doc.sha256.slice(0, 12)}…）`);
      },
      error: (err: unknown) => {
        this.pdfBusy.set(false);
        this.pdfError.set(toApiError(err).message);
      },
    });
  }

  protected downloadPdf(doc: DocumentInfo): void {
    const c = this.contract();
    if (!c) return;
    this.pdfError.set('');
    this.api.downloadPdf(c.id, `合同-${this.contractNumber()}-v${doc.version}.pdf`, doc.version).subscribe({
      next: (pdf) => saveBlob(pdf.blob, pdf.fileName),
      error: (err: unknown) => this.pdfError.set(toApiError(err).message),
    });
  }

  protected generateAwardNotice(): void {
    const c = this.contract();
    if (!c) return;
    this.noticeError.set('');
    this.noticeInfo.set('');
    this.noticeBusy.set(true);
    this.api.generateAwardNotice(c.tenderId, c.lotNo).subscribe({
      next: (doc) => {
        this.noticeBusy.set(false);
        this.noticeInfo.set(`已生成中标通知书第${doc.version}版（SHA-256 ${doc.sha256.slice(0, 12)}…）`);
      },
      error: (err: unknown) => {
        this.noticeBusy.set(false);
        this.noticeError.set(toApiError(err).message);
      },
    });
  }

  protected downloadAwardNotice(): void {
    const c = this.contract();
    if (!c) return;
    this.noticeError.set('');
    this.noticeBusy.set(true);
    this.api.downloadAwardNotice(c.tenderId, c.lotNo, `中标通知书-${c.tenderCode}-${c.lotNo}.pdf`).subscribe({
      next: (pdf) => {
        this.noticeBusy.set(false);
        if (pdf.version) {
          this.noticeInfo.set(`已下载中标通知书第${pdf.version}版${pdf.sha256 ? `（SHA-256 ${pdf.sha256.slice(0, 12)}…）` : ''}`);
        }
        saveBlob(pdf.blob, pdf.fileName);
      },
      error: (err: unknown) => {
        this.noticeBusy.set(false);
        this.noticeError.set(toApiError(err).message);
      },
    });
  }

  private show(contract: ContractData): void {
    this.contract.set(contract);
    this.population = contract.population;
  }

  /** A PATCH on the version shown; a 409 (changed meanwhile) shows its message and reloads. */
  private change(changes: Omit<ContractChanges, 'version'>, done: string): void {
    const c = this.contract();
    if (!c) return;
    this.saveError.set(null);
    this.notice.set('');
    this.busy.set(true);
    this.api.update(c.id, { version: c.version, ...changes }).subscribe({
      next: (updated) => {
        this.busy.set(false);
        // PATCH answers without the stored PDFs: they are those shown.
        this.show({ ...updated, documents: c.documents });
        this.notice.set(done);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.saveError.set(toApiError(err));
        if (err && typeof err === 'object' && 'status' in err && err.status === 409) this.load();
      },
    });
  }
}
