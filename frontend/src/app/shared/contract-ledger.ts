import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { finalize } from 'rxjs';
import { NzTimelineModule } from 'ng-zorro-antd/timeline';
import type { AcceptanceDocumentView, ContractLedger as Ledger, LedgerLine } from '@domain/wire/ledger';
import { FILE_ACCEPT, FILE_MAX_BYTES, fileProblem } from './assessment-entry';
import { FileUpload } from './file-upload';
import { saveBlob } from './download';
import { LedgerChart } from './ledger-chart';
import { LEDGER_COLUMNS } from '@domain/contracts/ledger';
import { ApiError, toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import { ErrorBox, FieldErrors } from './api-errors';
import { LabelPipe } from './label.pipe';
import { groupDigits } from './money';

/** The timeline dot of each status: paid green, payable blue, withheld red, pending grey. */
const COLOR = { paid: 'green', payable: 'blue', withheld: 'red', pending: 'gray' } as const;

/**
 * A contract's payment ledger (DOMAIN.md §6.1) as a timeline, one item per payment with its status,
 * due date, amounts and, once paid, the day and voucher; the totals below. With `manage` (the bureau)
 * each payable payment takes its payment record, an application its approval, and the acceptance
 * (验收) is recorded here; with `apply` (the contract's insurer) a quarter's payment is applied for.
 */
@Component({
  selector: 'app-contract-ledger',
  imports: [NzTimelineModule, FormsModule, LabelPipe, ErrorBox, FieldErrors, LedgerChart, FileUpload],
  template: `
    @if (error()) {
      <p class="alert" role="alert">{{ error() }}</p>
    }
    @if (notice()) {
      <p class="notice" role="status">{{ notice() }}</p>
    }
    <app-error-box [error]="saveError()" [shown]="['on', 'requested', 'approved', 'paidOn', 'voucher']" />
    @if (ledger(); as l) {
      <app-ledger-chart [ledger]="l" />
      <nz-timeline class="ledger-timeline">
        @for (line of l.lines; track line.id) {
          <nz-timeline-item [nzColor]="color(line)">
            <div class="ledger-line" [attr.data-seq]="line.seq" [attr.data-status]="line.status">
              <p>
                <strong>{{ line.seq }}. {{ line.name }}</strong>
                <span class="badge" [class.ok]="line.status === 'paid'" [class.bad]="line.status === 'withheld'">{{
                  line.status | label: 'milestoneStatus'
                }}</span>
                @if (line.isOverdue) {
                  <span class="badge bad overdue">逾期</span>
                }
              </p>
              <p class="muted">
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
                @if (apply()) {
                  <div class="apply-form inline-form">
                    <label class="field">
                      申请金额（元，按上季度支出）
                      <input type="number" min="0.01" step="0.01" class="apply-amount" [(ngModel)]="amounts[line.id]" />
                      <app-field-errors [error]="errorOf(line)" field="requested" />
                    </label>
                    <button type="button" class="primary apply" [disabled]="busy()" (click)="applyFor(line)">申请拨付</button>
                  </div>
                } @else if (manage() && line.requested !== null) {
                  <div class="approve-form inline-form">
                    <label class="field">
                      核准金额（元）
                      <input type="number" min="0.01" step="0.01" class="approve-amount" [(ngModel)]="amounts[line.id]" />
                      <app-field-errors [error]="errorOf(line)" field="approved" />
                    </label>
                    <button type="button" class="primary approve" [disabled]="busy()" (click)="approve(line)">核准拨付</button>
                  </div>
                }
              }
              @if (manage() && line.status === 'payable') {
                <div class="pay-form inline-form">
                  <label class="field">
                    支付日期
                    <input type="date" class="pay-date" [(ngModel)]="paidOn[line.id]" />
                    <app-field-errors [error]="errorOf(line)" field="paidOn" />
                  </label>
                  <label class="field">
                    凭证号
                    <input class="pay-voucher" [(ngModel)]="voucher[line.id]" maxlength="64" />
                    <app-field-errors [error]="errorOf(line)" field="voucher" />
                  </label>
                  <button type="button" class="primary pay" [disabled]="busy()" (click)="pay(line)">登记支付</button>
                </div>
              }
            </div>
          </nz-timeline-item>
        }
      </nz-timeline>

      <table class="ledger-totals compact">
        <thead>
          <tr>
            @for (c of columns; track c) {
              <th class="num">{{ c | label: 'ledgerColumn' }}</th>
            }
          </tr>
        </thead>
        <tbody>
          <tr>
            @for (c of columns; track c) {
              <td class="num" [attr.data-column]="c">{{ money(l.totals[c]) }}</td>
            }
          </tr>
        </tbody>
      </table>

      @if (l.acceptances.length) {
        <h3>验收记录</h3>
        <ul class="acceptances">
          @for (a of l.acceptances; track a.id) {
            <li class="acceptance" [attr.data-acceptance]="a.id">
              {{ a.on }} {{ a.passed ? '验收通过' : '验收未通过' }}{{ a.note ? '：' + a.note : ''
              }}{{ a.claim ? '；索赔：' + a.claim : '' }}
              @for (d of a.documents; track d.id) {
                <button type="button" class="link acceptance-document" (click)="downloadDocument(a.id, d)">{{ d.fileName }}</button>
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
        <div class="acceptance-form inline-form">
          <label class="field">
            验收日期
            <input type="date" id="acceptance-on" [(ngModel)]="acceptance.on" />
            <app-field-errors [error]="saveError()" field="on" />
          </label>
          <label class="field">
            结论
            <select id="acceptance-passed" [(ngModel)]="acceptance.passed">
              <option [ngValue]="true">通过</option>
              <option [ngValue]="false">不通过</option>
            </select>
          </label>
          <label class="field">
            说明
            <input id="acceptance-note" [(ngModel)]="acceptance.note" maxlength="2000" />
          </label>
          @if (!acceptance.passed) {
            <label class="field">
              索赔
              <input id="acceptance-claim" [(ngModel)]="acceptance.claim" maxlength="2000" />
            </label>
          }
          <button type="button" id="record-acceptance" [disabled]="busy() || !acceptance.on" (click)="accept()">登记验收</button>
        </div>
      }
    } @else if (!error()) {
      <p class="muted">加载中…</p>
    }
  `,
  styles: `
    .inline-form {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 8px;
      margin-top: 6px;
    }
    .withheld-reason {
      color: #a8071a;
    }
    .ledger-line p {
      margin: 2px 0;
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
  /** The milestone whose payment, application or approval was refused: its inputs show the field errors. */
  private readonly refusedLine = signal<number | null>(null);
  protected readonly busy = signal(false);
  protected readonly columns = LEDGER_COLUMNS;
  protected readonly money = groupDigits;
  protected readonly fileAccept = FILE_ACCEPT;
  protected readonly fileMaxBytes = FILE_MAX_BYTES;

  protected paidOn: Record<number, string> = {};
  protected voucher: Record<number, string> = {};
  /** The amount entered per milestone: applied for (insurer) or approved (bureau). */
  protected amounts: Record<number, number | null> = {};
  protected acceptance = { on: '', passed: true, note: '', claim: '' };

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

  protected errorOf(line: LedgerLine): ApiError | null {
    return this.refusedLine() === line.id ? this.saveError() : null;
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
      this.api.pay(line.id, { paidOn: this.paidOn[line.id] ?? '', voucher: this.voucher[line.id] ?? '' }),
      `已登记“${line.name}”的支付`,
      line,
    );
  }

  protected applyFor(line: LedgerLine): void {
    this.save(
      this.api.applyForPayment(line.id, { requested: String(this.amounts[line.id] ?? '') }),
      `已提交“${line.name}”的拨付申请`,
      line,
    );
  }

  protected approve(line: LedgerLine): void {
    this.save(
      this.api.approvePayment(line.id, { approved: String(this.amounts[line.id] ?? '') }),
      `已核准“${line.name}”，转为可支付`,
      line,
    );
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
      this.api.accept(this.contractId(), { on, passed, note: note || null, claim: passed ? null : claim || null }),
      passed ? '已登记验收通过' : '已登记验收未通过，相关付款暂缓支付',
    );
  }

  private save(request: ReturnType<ContractsApi['ledger']>, done: string, line?: LedgerLine): void {
    this.saveError.set(null);
    this.refusedLine.set(line?.id ?? null);
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
