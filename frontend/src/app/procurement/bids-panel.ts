import { DatePipe } from '@angular/common';
import { Component, computed, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { BidRow, NewBid, OpenedBid, PaperReceiptFields, ReceivedBids, SealedBid } from '@domain/wire/bids';
import type { LotView, TenderDetail } from '@domain/wire/tenders';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { pickedToIso } from '../shared/datetime';
import { saveBlob } from '../shared/download';
import { groupDigits } from '../shared/money';
import { BidFigures, bidFiguresForm, FIGURE_FIELDS, figuresOf } from '../shared/bid-figures';
import { BidReviewEditor } from './bid-review';
import { LabelPipe } from '../shared/label.pipe';
import { schemeFacts } from '../shared/rule-text';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';

const SHOWN_FIELDS = ['lot', 'bidder', 'submittedFromIp', ...FIGURE_FIELDS];
const RECEIPT_FIELDS = ['lot', 'bidder', 'receivedAt', 'receivedBy', 'sealedIntact', 'note'];

export function isSealed(bid: BidRow): bid is SealedBid {
  return bid.sealed === true || !('unitPrice' in bid);
}

/**
 * 投标: what was received before the opening (electronic envelopes and paper ones, never an amount) and,
 * for a paper tender, the receipt of each envelope; after opening the opened bids per lot with their
 * review, and for a paper tender the amounts read aloud from each envelope's opening sheet.
 */
@Component({
  selector: 'app-bids-panel',
  imports: [
    LabelPipe,
    ReactiveFormsModule,
    DatePipe,
    NzButtonModule,
    NzCheckboxModule,
    NzDatePickerModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzSelectModule,
    ErrorBox,
    BidReviewEditor,
    BidFigures,
    NzPopconfirmModule,
    FIELD_STATUS,
    NzAlertModule,
    NzCardModule,
    NzTagModule,
    NzTypographyModule,
    NzTableModule,
    NzFlexModule,
  ],
  templateUrl: './bids-panel.html',
  styles: `
    .full-width {
      width: 100%;
    }
    tr.review-row > td {
      background: #f8fafc;
    }
  `,
})
export class BidsPanel {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);

  readonly tender = input.required<TenderDetail>();
  readonly changed = output<void>();

  protected readonly bids = signal<BidRow[]>([]);
  protected readonly received = signal<ReceivedBids | null>(null);
  protected readonly loadError = signal('');
  protected readonly error = signal<ApiError | null>(null);
  protected readonly receiptError = signal<ApiError | null>(null);
  protected readonly notice = signal('');
  /** Why a removal was refused (the bidder answered its line meanwhile). */
  protected readonly removeError = signal('');
  protected readonly reviewing = signal<number | null>(null);
  protected readonly shownFields = SHOWN_FIELDS;
  protected readonly receiptFields = RECEIPT_FIELDS;
  protected readonly money = groupDigits;

  protected readonly lots = computed(() =>
    [...this.tender().lots].sort((a, b) => a.evaluationOrder - b.evaluationOrder || a.no.localeCompare(b.no, 'zh', { numeric: true })),
  );
  protected readonly sealed = computed(() => this.bids().filter(isSealed));
  protected readonly opened = computed(() => this.bids().filter((b): b is OpenedBid => !isSealed(b)));
  /** Opened bids grouped by lot, in evaluation order. */
  protected readonly openedByLot = computed(() => {
    const opened = this.opened();
    const sealed = this.sealed();
    return this.lots().map((lot) => ({
      lot,
      bids: opened.filter((b) => b.lot === lot.no),
      sealed: sealed.filter((b) => b.lot === lot.no),
    }));
  });
  /** The facts each lot's scheme reads, which its bids' review asks for (by lot no). */
  protected readonly lotFacts = computed(() => {
    const schemes = new Map(this.tender().schemes.map((s) => [s.code, s]));
    return new Map(this.tender().lots.map((lot) => [lot.no, schemeFacts(schemes.get(lot.scheme)?.criteria ?? [])]));
  });
  protected readonly paper = computed(() => this.tender().bidSubmission === 'paper');
  /** Paper envelopes are received while the tender is published (before the deadline). */
  protected readonly receivesPaper = computed(() => this.paper() && this.tender().status === 'published');
  /** A paper bid's amounts are entered once the tender is opened, before its review. */
  protected readonly acceptsAmounts = computed(() => this.paper() && this.tender().status === 'opened');
  /** The paper envelopes whose amounts are still to be entered, on lots that opened. */
  protected readonly awaitingAmounts = computed(() =>
    (this.received()?.paper ?? []).filter((r) => !r.amountsEntered && this.lotOf(r.lot)?.status === 'opened'),
  );

  protected readonly figures = bidFiguresForm(this.fb, this.destroyRef, (no) => this.lotOf(no));
  protected readonly form = this.fb.group({ bidder: '', submittedFromIp: '' });
  protected readonly selectedLot = signal<LotView | undefined>(undefined);
  protected readonly receipt = this.fb.group({
    lot: '',
    bidder: '',
    receivedAt: null as Date | null,
    receivedBy: '',
    sealedIntact: true,
    note: '',
  });

  constructor() {
    effect(() => {
      const id = this.tender().id;
      untracked(() => this.load(id));
    });
    this.figures.controls.lot.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((no) => this.selectedLot.set(this.lotOf(no)));
  }

  protected lotOf(no: string): LotView | undefined {
    return this.tender().lots.find((l) => l.no === no);
  }

  protected toggleReview(bid: OpenedBid): void {
    this.reviewing.update((id) => (id === bid.id ? null : bid.id));
  }

  protected downloadSheet(event: Event, lot: LotView): void {
    event.preventDefault();
    const tender = this.tender();
    this.loadError.set('');
    this.api.openingSheet(tender.id, lot.no, `${tender.code}-标包${lot.no}-开标一览表.xlsx`).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }

  /** A paper envelope handed in: who, which lot, when (now unless stated), by whom received, its seal. */
  protected saveReceipt(): void {
    const v = this.receipt.getRawValue();
    const body: PaperReceiptFields = {
      lot: v.lot,
      bidder: v.bidder,
      receivedAt: v.receivedAt ? pickedToIso(v.receivedAt) : new Date().toISOString(),
      receivedBy: v.receivedBy.trim(),
      sealedIntact: v.sealedIntact,
      note: v.note.trim() || null,
    };
    this.receiptError.set(null);
    this.notice.set('');
    this.api.receivePaper(this.tender().id, body).subscribe({
      next: (saved) => {
        this.notice.set(`已签收 ${saved.bidderName} 对标包 ${saved.lot} 的纸质投标文件`);
        this.receipt.patchValue({ bidder: '', note: '', receivedAt: null });
        this.load(this.tender().id);
        this.changed.emit();
      },
      error: (err: unknown) => this.receiptError.set(toApiError(err)),
    });
  }

  /** A paper bid's amounts as read aloud at the opening (唱标). */
  protected save(): void {
    const v = this.form.getRawValue();
    const lot = this.figures.controls.lot.value;
    const bid: NewBid = { lot, bidder: v.bidder, ...figuresOf(this.figures, this.lotOf(lot)) };
    if (v.submittedFromIp.trim()) bid.submittedFromIp = v.submittedFromIp.trim();
    this.error.set(null);
    this.notice.set('');
    this.api.addBid(this.tender().id, bid).subscribe({
      next: (saved) => {
        this.notice.set(`已录入 ${saved.bidderName} 对标包 ${saved.lot} 的开标报价`);
        this.form.patchValue({ bidder: '', submittedFromIp: '' });
        this.figures.controls.unitPrice.setValue('');
        this.load(this.tender().id);
        this.changed.emit();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  /** A paper bid's amounts entered wrongly: removed, to be entered again, until its bidder answers the line. */
  protected removeAmounts(bid: OpenedBid): void {
    this.removeError.set('');
    this.notice.set('');
    this.api.removePaperBid(this.tender().id, bid.id).subscribe({
      next: () => {
        this.notice.set(`已移除 ${bid.bidderName} 对标包 ${bid.lot} 的开标报价，请重新录入`);
        this.load(this.tender().id);
        this.changed.emit();
      },
      error: (err: unknown) => this.removeError.set(toApiError(err).message),
    });
  }

  protected reviewSaved(): void {
    this.load(this.tender().id);
  }

  private load(id: number): void {
    this.api.bids(id).subscribe({
      next: (bids) => {
        this.bids.set(bids);
        this.loadError.set('');
      },
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
    this.api.receivedBids(id).subscribe({
      next: (received) => this.received.set(received),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
