import { DatePipe } from '@angular/common';
import { Component, computed, DestroyRef, effect, inject, input, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import type { EnvelopeReceipt } from '@domain/wire/bids';
import type { LotView, TenderDetail } from '@domain/wire/tenders';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import { ErrorBox } from '../shared/api-errors';
import { FileUpload } from '../shared/file-upload';
import { BidFigures, bidFiguresForm, type BidFiguresForm, FIGURE_FIELDS, figuresOf } from '../shared/bid-figures';
import { LabelPipe } from '../shared/label.pipe';

interface LotBid {
  lot: LotView;
  figures: BidFiguresForm;
  documents: File[];
}

/**
 * 电子投标: the insurer's own bids on a published tender, one form per lot — the figures its pricing
 * needs, the capitals prefilled from them, the documents — submitted, replaced or withdrawn until the
 * deadline. Each is sealed on arrival; the page shows the receipt (the sealed envelope's hash and the
 * server's time), which can be printed. Nobody, the bidder included, sees the figures before the opening.
 */
@Component({
  selector: 'app-insurer-bid',
  imports: [
    DatePipe,
    LabelPipe,
    BidFigures,
    ErrorBox,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDescriptionsModule,
    NzFlexModule,
    NzFormModule,
    NzPopconfirmModule,
    NzTypographyModule,
    FileUpload,
  ],
  template: `
    @if (tender(); as t) {
      <h1>电子投标：{{ t.name }}</h1>
      <p nz-typography nzType="secondary">
        {{ t.code }} · 投标截止时间 {{ t.bidDeadline | date: 'yyyy-MM-dd HH:mm' : '+0800' }} · 开标时间
        {{ t.openingTime | date: 'yyyy-MM-dd HH:mm' : '+0800' }}
      </p>
      <div nz-flex nzVertical nzGap="middle">
        @if (notice()) {
          <nz-alert nzType="success" nzShowIcon [nzMessage]="notice()" role="status" />
        }
        @if (loadError()) {
          <nz-alert nzType="error" nzShowIcon [nzMessage]="loadError()" role="alert" />
        }
        @if (receipt(); as r) {
          <nz-card class="bid-receipt" nzSize="small" nzTitle="投标回执" role="region" aria-label="投标回执">
            <nz-descriptions nzBordered nzSize="small" [nzColumn]="1">
              <nz-descriptions-item nzTitle="投标人">{{ r.bidderName }}</nz-descriptions-item>
              <nz-descriptions-item nzTitle="标包">{{ r.lot }}</nz-descriptions-item>
              <nz-descriptions-item nzTitle="状态">
                <span class="receipt-status">{{ r.status | label: 'envelopeStatus' }}</span>
              </nz-descriptions-item>
              <nz-descriptions-item nzTitle="服务器接收时间">
                <span class="receipt-time">{{ r.submittedAt | date: 'yyyy-MM-dd HH:mm:ss' : '+0800' }}</span>
              </nz-descriptions-item>
              <nz-descriptions-item nzTitle="密封投标文件哈希（SHA-256）">
                <span class="receipt-hash">{{ r.hash }}</span>
              </nz-descriptions-item>
            </nz-descriptions>
            <p nz-typography nzType="secondary">投标文件已加密密封，开标前任何人（包括采购中心）均无法查看报价。</p>
            <button nz-button type="button" id="print-receipt" (click)="print()">打印回执</button>
          </nz-card>
        }
        @for (entry of lotBids(); track entry.lot.no) {
          <nz-card class="lot-bid" nzSize="small" [nzTitle]="'标包 ' + entry.lot.no + ' ' + entry.lot.name" [attr.data-lot]="entry.lot.no">
            @if (current(entry.lot.no); as c) {
              <p class="current-bid">
                已递交（{{ c.status | label: 'envelopeStatus' }}），{{ c.submittedAt | date: 'yyyy-MM-dd HH:mm:ss' : '+0800' }}，哈希
                <code>{{ c.hash }}</code>
              </p>
            } @else {
              <p nz-typography nzType="secondary">尚未递交投标。</p>
            }
            @if (open()) {
              <!-- Submitted by its button, once confirmed; Enter in a field submits nothing unasked. -->
              <form nz-form nzLayout="vertical" (submit)="$event.preventDefault()">
                <app-bid-figures [form]="entry.figures" [lot]="entry.lot" [error]="errorFor(entry.lot.no)" />
                <nz-form-item>
                  <nz-form-label [nzFor]="'bid-documents-' + entry.lot.no">投标文件（PDF、Word、Excel、图片）</nz-form-label>
                  <nz-form-control>
                    <app-file-upload
                      #upload
                      class="bid-documents"
                      [inputId]="'bid-documents-' + entry.lot.no"
                      label="投标文件"
                      multiple
                      [(files)]="entry.documents"
                    />
                  </nz-form-control>
                </nz-form-item>
                <app-error-box [error]="errorFor(entry.lot.no)" [shown]="shownFields" />
                <div nz-flex nzGap="small">
                  <button
                    nz-button
                    nzType="primary"
                    class="submit-bid"
                    type="button"
                    nz-popconfirm
                    [nzPopconfirmTitle]="submitQuestion(entry.lot.no)"
                    (nzOnConfirm)="submit(entry, upload)"
                  >
                    {{ current(entry.lot.no) ? '修改（替换）投标' : '递交投标' }}
                  </button>
                  @if (current(entry.lot.no)) {
                    <button
                      nz-button
                      nzDanger
                      class="withdraw-bid"
                      type="button"
                      nz-popconfirm
                      [nzPopconfirmTitle]="'确认撤回标包' + entry.lot.no + '的投标？'"
                      (nzOnConfirm)="withdraw(entry.lot)"
                    >
                      撤回投标
                    </button>
                  }
                </div>
              </form>
            } @else {
              <p nz-typography nzType="secondary">投标已截止。</p>
            }
            @if (history(entry.lot.no).length > 1) {
              <details>
                <summary>递交记录</summary>
                <ul>
                  @for (h of history(entry.lot.no); track h.id) {
                    <li>
                      {{ h.submittedAt | date: 'yyyy-MM-dd HH:mm:ss' : '+0800' }} {{ h.status | label: 'envelopeStatus' }} {{ h.hash }}
                    </li>
                  }
                </ul>
              </details>
            }
          </nz-card>
        }
      </div>
    }
  `,
})
export class InsurerBid {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);

  /** The route's tender id. */
  readonly id = input.required<string>();

  protected readonly tender = signal<TenderDetail | null>(null);
  protected readonly receipts = signal<EnvelopeReceipt[]>([]);
  protected readonly receipt = signal<EnvelopeReceipt | null>(null);
  protected readonly notice = signal('');
  protected readonly loadError = signal('');
  protected readonly errors = signal<Record<string, ApiError | null>>({});
  protected readonly shownFields = FIGURE_FIELDS;
  protected readonly lotBids = signal<LotBid[]>([]);
  /** Bids are taken while the tender is published and its deadline has not passed. */
  protected readonly open = computed(() => {
    const t = this.tender();
    return t?.status === 'published' && Date.parse(t.bidDeadline) > Date.now();
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected current(lot: string): EnvelopeReceipt | undefined {
    return this.receipts().find((r) => r.lot === lot && r.status === 'sealed');
  }

  protected history(lot: string): EnvelopeReceipt[] {
    return this.receipts().filter((r) => r.lot === lot);
  }

  protected errorFor(lot: string): ApiError | null {
    return this.errors()[lot] ?? null;
  }

  /** What submitting asks first (nz-popconfirm): a replacement voids the bid submitted before. */
  protected submitQuestion(lotNo: string): string {
    return this.current(lotNo)
      ? `确认以新的投标替换标包${lotNo}已递交的投标？原投标将作废（保留记录）。`
      : `确认递交标包${lotNo}的投标？投标将加密密封，开标前任何人均无法查看。`;
  }

  /** Once confirmed (submitQuestion). */
  protected submit(entry: LotBid, upload: FileUpload): void {
    const replacing = this.current(entry.lot.no);
    this.errors.update((e) => ({ ...e, [entry.lot.no]: null }));
    const bid = figuresOf(entry.figures, entry.lot);
    upload
      .send((progress) => this.api.submitBid(Number(this.id()), entry.lot.no, bid, entry.documents, progress))
      .subscribe({
        next: (receipt) => this.received(receipt, replacing ? '投标已替换' : '投标已递交'),
        error: (err: unknown) => this.errors.update((e) => ({ ...e, [entry.lot.no]: toApiError(err) })),
      });
  }

  /** Once confirmed (nz-popconfirm). */
  protected withdraw(lot: LotView): void {
    this.api.withdrawBid(Number(this.id()), lot.no).subscribe({
      next: (receipt) => this.received(receipt, '投标已撤回'),
      error: (err: unknown) => this.errors.update((e) => ({ ...e, [lot.no]: toApiError(err) })),
    });
  }

  protected print(): void {
    window.print();
  }

  private received(receipt: EnvelopeReceipt, notice: string): void {
    this.receipt.set(receipt);
    this.notice.set(notice);
    this.loadReceipts();
  }

  private load(id: string): void {
    this.api.get(id).subscribe({
      next: (tender) => {
        this.tender.set(tender);
        const lotOf = (no: string) => tender.lots.find((l) => l.no === no);
        this.lotBids.set(
          tender.lots.map((lot) => {
            const figures = bidFiguresForm(this.fb, this.destroyRef, lotOf);
            figures.controls.lot.setValue(lot.no);
            return { lot, figures, documents: [] };
          }),
        );
        this.loadReceipts();
      },
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }

  private loadReceipts(): void {
    this.api.ownReceipts(Number(this.id())).subscribe({
      next: (receipts) => this.receipts.set(receipts),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
