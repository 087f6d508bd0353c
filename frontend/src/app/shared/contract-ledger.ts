import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { finalize } from 'rxjs';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import type { AcceptanceDocumentView, ContractLedger as Ledger, LedgerLine } from '@domain/wire/ledger';
import { FILE_ACCEPT, FILE_MAX_BYTES, fileProblem } from './assessment-entry';
import { FileUpload } from './file-upload';
import { saveBlob } from './download';
import { LedgerChart } from './ledger-chart';
import { LEDGER_COLUMNS } from '@domain/contracts/ledger';
import { ApiError, toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import { ErrorBox } from './api-errors';
import { FormField } from './form-field';
import { dayText } from './form-controls';
import { LabelPipe } from './label.pipe';
import { StatusTag } from './status-tag';
import { groupDigits } from './money';

/** The timeline dot of each status: paid green, payable blue, withheld red, pending grey. */
const COLOR = { paid: 'green', payable: 'blue', withheld: 'red', pending: 'gray' } as const;

interface AmountForm {
  kind: 'apply' | 'approve';
  field: 'requested' | 'approved';
  label: string;
  placeholder: string;
  button: string;
}

/**
 * A contract's payment ledger (DOMAIN.md §6.1) as a timeline, one item per payment with its status,
 * due date, amounts and, once paid, the day and voucher; the totals below. With `manage` (the bureau)
 * each payable payment takes its payment record, an application its approval, and the acceptance
 * (验收) is recorded here; with `apply` (the contract's insurer) a quarter's payment is applied for.
 */
@Component({
  selector: 'app-contract-ledger',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzDatePickerModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    NzTimelineModule,
    NzTypographyModule,
    LabelPipe,
    StatusTag,
    ErrorBox,
    FormField,
    LedgerChart,
    FileUpload,
  ],
  template: `
    @if (error()) {
      <nz-alert nzType="error" [nzMessage]="error()" role="alert" />
    }
    @if (notice()) {
      <nz-alert class="notice" nzType="success" [nzMessage]="notice()" role="status" />
    }
    <app-error-box [error]="saveError()" [shown]="shownFields" />
    @if (ledger(); as l) {
      <app-ledger-chart [ledger]="l" />
      <nz-timeline class="ledger-timeline">
        @for (line of l.lines; track line.id) {
          <nz-timeline-item [nzColor]="color(line)">
            <div class="ledger-line" [attr.data-seq]="line.seq" [attr.data-status]="line.status">
              <p>
                <strong>{{ line.seq }}. {{ line.name }}</strong>
                <app-status-tag class="line-status" kind="milestoneStatus" [status]="line.status" />
                @if (line.isOverdue) {
                  <nz-tag class="overdue" nzColor="error">逾期</nz-tag>
                }
              </p>
              <p nz-typography nzType="secondary">
                {{ line.trigger | label: 'milestoneTrigger' }} · 金额 {{ line.amount === null ? '待定' : money(line.amount) + ' 元' }} ·
                应付日期
                {{ line.dueDate ?? '—' }}
              </p>
              @if (line.status === 'paid') {
                <p class="paid-record">{{ line.paidOn }} 已支付，凭证号 {{ line.voucher }}</p>
              }
              @if (line.requested !== null) {
                <p class="application">{{ line.appliedOn }} 申请拨付 {{ money(line.requested) }} 元</p>
              }
              @if (line.withheldReason) {
                <p class="withheld-reason">暂缓原因：{{ line.withheldReason }}</p>
              }
              @if (line.trigger === 'on-application' && line.status === 'pending') {
                @if (amountForm(line); as f) {
                  <form
                    nz-form
                    nzLayout="inline"
                    class="ledger-form"
                    [class]="f.kind + '-form'"
                    (ngSubmit)="f.kind === 'apply' ? applyFor(line) : approve(line)"
                  >
                    <app-form-field
                      [label]="f.label"
                      [for]="f.kind + '-amount-' + line.id"
                      required
                      [error]="errorOf(line)"
                      [field]="f.field"
                    >
                      <input
                        nz-input
                        [class]="f.kind + '-amount'"
                        [id]="f.kind + '-amount-' + line.id"
                        [name]="f.field + '-' + line.id"
                        inputmode="decimal"
                        autocomplete="off"
                        [placeholder]="f.placeholder"
                        [(ngModel)]="amounts[line.id]"
                      />
                    </app-form-field>
                    <nz-form-item>
                      <button nz-button nzType="primary" type="submit" [class]="f.kind" [disabled]="busy()">{{ f.button }}</button>
                    </nz-form-item>
                  </form>
                }
              }
              @if (manage() && line.status === 'payable') {
                <form nz-form nzLayout="inline" class="pay-form ledger-form" (ngSubmit)="pay(line)">
                  <app-form-field label="支付日期" [for]="'pay-date-' + line.id" required [error]="errorOf(line)" field="paidOn">
                    <nz-date-picker
                      class="pay-date"
                      [nzId]="'pay-date-' + line.id"
                      [name]="'paidOn-' + line.id"
                      (keydown.enter)="$event.preventDefault()"
                      [(ngModel)]="paidOn[line.id]"
                    />
                  </app-form-field>
                  <app-form-field label="凭证号" [for]="'pay-voucher-' + line.id" required [error]="errorOf(line)" field="voucher">
                    <input
                      nz-input
                      class="pay-voucher"
                      [id]="'pay-voucher-' + line.id"
                      [name]="'voucher-' + line.id"
                      maxlength="64"
                      autocomplete="off"
                      [(ngModel)]="voucher[line.id]"
                    />
                  </app-form-field>
                  <nz-form-item>
                    <button nz-button nzType="primary" type="submit" class="pay" [disabled]="busy()">登记支付</button>
                  </nz-form-item>
                </form>
              }
            </div>
          </nz-timeline-item>
        }
      </nz-timeline>

      <nz-table class="ledger-totals" nzSize="small" [nzData]="[l.totals]" [nzShowPagination]="false" [nzFrontPagination]="false">
        <thead>
          <tr>
            @for (c of columns; track c) {
              <th class="num" nzAlign="right">{{ c | label: 'ledgerColumn' }}</th>
            }
          </tr>
        </thead>
        <tbody>
          <tr>
            @for (c of columns; track c) {
              <td class="num" nzAlign="right" [attr.data-column]="c">{{ money(l.totals[c]) }}</td>
            }
          </tr>
        </tbody>
      </nz-table>

      @if (l.acceptances.length) {
        <h3 class="acceptances-title">验收记录</h3>
        <ul class="acceptances">
          @for (a of l.acceptances; track a.id) {
            <li class="acceptance" [attr.data-acceptance]="a.id">
              {{ a.on }} {{ a.passed ? '验收通过' : '验收未通过' }}{{ a.note ? '：' + a.note : ''
              }}{{ a.claim ? '；索赔：' + a.claim : '' }}
              @for (d of a.documents; track d.id) {
                <button
                  nz-button
                  nzType="link"
                  nzSize="small"
                  type="button"
                  class="acceptance-document"
                  (click)="downloadDocument(a.id, d)"
                >
                  {{ d.fileName }}
                </button>
              }
              @if (manage()) {
                <app-file-upload
                  #upload
                  class="acceptance-upload"
                  [label]="a.on + ' 验收材料'"
                  buttonText="上传验收材料"
                  size="small"
                  [accept]="fileAccept"
                  [maxBytes]="fileMaxBytes"
                  [disabled]="busy()"
                  (chosen)="addDocument(a.id, $event[0], upload)"
                />
              }
            </li>
          }
        </ul>
      }
      @if (manage() && hasAcceptance(l)) {
        <form nz-form nzLayout="inline" class="acceptance-form ledger-form" (ngSubmit)="accept()">
          <app-form-field label="验收日期" for="acceptance-on" required [error]="acceptError()" field="on">
            <nz-date-picker nzId="acceptance-on" name="on" (keydown.enter)="$event.preventDefault()" [(ngModel)]="acceptance.on" />
          </app-form-field>
          <app-form-field label="结论" for="acceptance-passed" [error]="acceptError()" field="passed">
            <nz-select nzId="acceptance-passed" name="passed" class="acceptance-passed" [(ngModel)]="acceptance.passed">
              <nz-option [nzValue]="true" nzLabel="通过" />
              <nz-option [nzValue]="false" nzLabel="不通过" />
            </nz-select>
          </app-form-field>
          @for (text of acceptanceTexts(); track text.field) {
            <app-form-field [label]="text.label" [for]="'acceptance-' + text.field" [error]="acceptError()" [field]="text.field">
              <input
                nz-input
                [id]="'acceptance-' + text.field"
                [name]="text.field"
                maxlength="2000"
                autocomplete="off"
                [(ngModel)]="acceptance[text.field]"
              />
            </app-form-field>
          }
          <nz-form-item>
            <button nz-button type="submit" id="record-acceptance" [disabled]="busy() || !acceptance.on">登记验收</button>
          </nz-form-item>
        </form>
      }
    } @else if (!error()) {
      <p nz-typography nzType="secondary">加载中…</p>
    }
  `,
  styles: `
    .ledger-form {
      margin-top: 6px;
      row-gap: 8px;
    }
    .ledger-totals {
      display: block;
      margin-top: 8px;
    }
    .withheld-reason {
      color: #a8071a;
    }
    .ledger-line p {
      margin: 2px 0;
    }
    .acceptances-title {
      margin-top: 16px;
    }
    .acceptance-passed {
      width: 100px;
    }
  `,
})
export class ContractLedger {
  private readonly api = inject(ContractsApi);

  readonly contractId = input.required<number>();
  /** The bureau records payments, approvals and acceptances. */
  readonly manage = input(false);
  /** The contract's insurer applies for its on-application payments. */
  readonly apply = input(false);

  protected readonly ledger = signal<Ledger | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly saveError = signal<ApiError | null>(null);
  /** The form whose request was refused (a milestone's, or the acceptance's): its inputs show the field errors. */
  private readonly refused = signal<number | 'acceptance' | null>(null);
  protected readonly acceptError = computed(() => (this.refused() === 'acceptance' ? this.saveError() : null));
  /** The fields shown inline under their inputs; the error box lists the others. */
  protected readonly shownFields = ['on', 'passed', 'note', 'claim', 'requested', 'approved', 'paidOn', 'voucher'];
  protected readonly busy = signal(false);
  protected readonly columns = LEDGER_COLUMNS;
  protected readonly money = groupDigits;
  protected readonly fileAccept = FILE_ACCEPT;
  protected readonly fileMaxBytes = FILE_MAX_BYTES;

  /** The day paid per milestone, as the date picker holds it (its day as shown, Beijing's). */
  protected paidOn: Record<number, Date | null> = {};
  protected voucher: Record<number, string> = {};
  /** The amount entered per milestone, the exact decimal text typed: applied for (insurer) or approved (bureau). */
  protected amounts: Record<number, string> = {};
  protected acceptance: { on: Date | null; passed: boolean; note: string; claim: string } = {
    on: null,
    passed: true,
    note: '',
    claim: '',
  };

  constructor() {
    effect(() => {
      this.contractId();
      untracked(() => this.load());
    });
  }

  load(): void {
    this.error.set('');
    this.api.ledger(this.contractId()).subscribe({
      next: (l) => this.ledger.set(l),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  /** The amount form of an on-application payment still pending: the insurer applies, then the bureau approves. */
  protected amountForm(line: LedgerLine): AmountForm | null {
    if (this.apply()) {
      return {
        kind: 'apply',
        field: 'requested',
        label: '申请金额（元，按上季度支出）',
        placeholder: '如 80000000.00',
        button: '申请拨付',
      };
    }
    if (this.manage() && line.requested !== null) {
      return { kind: 'approve', field: 'approved', label: '核准金额（元）', placeholder: `申请 ${line.requested}`, button: '核准拨付' };
    }
    return null;
  }

  /** The acceptance's free texts: the note, and the claim when it did not pass. */
  protected acceptanceTexts(): { field: 'note' | 'claim'; label: string }[] {
    const note = { field: 'note', label: '说明' } as const;
    return this.acceptance.passed ? [note] : [note, { field: 'claim', label: '索赔' }];
  }

  protected errorOf(line: LedgerLine): ApiError | null {
    return this.refused() === line.id ? this.saveError() : null;
  }

  protected color(line: LedgerLine): string {
    return COLOR[line.status];
  }

  /** Acceptance is recorded where a payment waits for it. */
  protected hasAcceptance(l: Ledger): boolean {
    return l.lines.some((x) => x.trigger === 'after-acceptance');
  }

  protected pay(line: LedgerLine): void {
    this.save(
      this.api.pay(line.id, { paidOn: dayText(this.paidOn[line.id]), voucher: this.voucher[line.id] ?? '' }),
      `已登记“${line.name}”的支付`,
      line.id,
    );
  }

  protected applyFor(line: LedgerLine): void {
    this.save(this.api.applyForPayment(line.id, { requested: this.amountOf(line) }), `已提交“${line.name}”的拨付申请`, line.id);
  }

  protected approve(line: LedgerLine): void {
    this.save(this.api.approvePayment(line.id, { approved: this.amountOf(line) }), `已核准“${line.name}”，转为可支付`, line.id);
  }

  /** The amount typed for a milestone, as typed: the API checks it is a positive amount to the 分. */
  private amountOf(line: LedgerLine): string {
    return (this.amounts[line.id] ?? '').trim();
  }

  /** A chosen document is uploaded at once (the ledger then lists it with the acceptance). */
  protected addDocument(acceptanceId: number, file: File, upload: FileUpload): void {
    const problem = fileProblem(file);
    if (problem) {
      upload.clear();
      this.saveError.set({ message: problem, errors: [] });
      return;
    }
    const request = upload.send((progress) => this.api.addAcceptanceDocument(this.contractId(), acceptanceId, file, progress));
    this.save(request.pipe(finalize(() => upload.clear())), `已上传验收材料“${file.name}”`);
  }

  protected downloadDocument(acceptanceId: number, document: AcceptanceDocumentView): void {
    this.api.acceptanceDocument(this.contractId(), acceptanceId, document).subscribe({
      next: (download) => saveBlob(download.blob, download.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected accept(): void {
    const { on, passed, note, claim } = this.acceptance;
    this.save(
      this.api.accept(this.contractId(), { on: dayText(on), passed, note: note || null, claim: passed ? null : claim || null }),
      passed ? '已登记验收通过' : '已登记验收未通过，相关付款暂缓支付',
      'acceptance',
    );
  }

  private save(request: ReturnType<ContractsApi['ledger']>, done: string, form: number | 'acceptance' | null = null): void {
    this.saveError.set(null);
    this.refused.set(form);
    this.notice.set('');
    this.busy.set(true);
    request.subscribe({
      next: (l) => {
        this.busy.set(false);
        this.ledger.set(l);
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
