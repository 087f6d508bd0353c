import { DatePipe } from '@angular/common';
import { Component, computed, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { BidRow, NewBid, OpenedBid, SealedBid } from '@domain/wire/bids';
import type { LotView, TenderDetail } from '@domain/wire/tenders';
import { ErrorBox, FieldErrors } from '../shared/api-errors';
import { saveBlob } from '../shared/download';
import { amountCapitals, groupDigits, multiplyAmount, sumAmounts } from '../shared/money';
import { BidReviewEditor } from './bid-review';
import { LabelPipe } from '../shared/label.pipe';

const SHOWN_FIELDS = ['lot', 'bidder', 'unitPrice', 'serviceTotal', 'fixedComponents', 'total', 'totalCapitals', 'submittedFromIp'];

type ComponentRow = FormGroup<{ name: FormControl<string>; amount: FormControl<string> }>;

export function isSealed(bid: BidRow): bid is SealedBid {
  return bid.sealed === true || !('unitPrice' in bid);
}

/** 投标: sealed bids and the entry form before opening; after opening the opened bids per lot with their review. */
@Component({
  selector: 'app-bids-panel',
  imports: [LabelPipe, ReactiveFormsModule, DatePipe, FieldErrors, ErrorBox, BidReviewEditor],
  templateUrl: './bids-panel.html',
})
export class BidsPanel {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly destroyRef = inject(DestroyRef);

  readonly tender = input.required<TenderDetail>();
  readonly changed = output<void>();

  protected readonly bids = signal<BidRow[]>([]);
  protected readonly loadError = signal('');
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal('');
  protected readonly reviewing = signal<number | null>(null);
  protected readonly shownFields = SHOWN_FIELDS;
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
  /** Bids are recorded while the tender is published (before the deadline). */
  protected readonly acceptsBids = computed(() => this.tender().status === 'published');

  protected readonly form = this.fb.group({
    lot: '',
    bidder: '',
    unitPrice: '',
    serviceTotal: '',
    fixedComponents: this.fb.array<ComponentRow>([]),
    total: '',
    totalCapitals: '',
    submittedFromIp: '',
  });

  constructor() {
    effect(() => {
      const id = this.tender().id;
      untracked(() => this.load(id));
    });
    this.wirePrefill();
  }

  protected get components() {
    return this.form.controls.fixedComponents;
  }

  protected addComponent(): void {
    this.components.push(this.componentRow());
  }

  protected removeComponent(index: number): void {
    this.components.removeAt(index);
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

  protected save(): void {
    const v = this.form.getRawValue();
    const bid: NewBid = {
      lot: v.lot,
      bidder: v.bidder,
      unitPrice: v.unitPrice.trim(),
      serviceTotal: v.serviceTotal.trim(),
      fixedComponents: v.fixedComponents.map((c) => ({ name: c.name.trim(), amount: c.amount.trim() })),
      total: v.total.trim(),
      totalCapitals: v.totalCapitals.trim(),
    };
    if (v.submittedFromIp.trim()) bid.submittedFromIp = v.submittedFromIp.trim();
    this.error.set(null);
    this.notice.set('');
    this.api.addBid(this.tender().id, bid).subscribe({
      next: (saved) => {
        this.notice.set(`已提交 ${saved.bidder ?? bid.bidder} 对标包 ${saved.lot ?? bid.lot} 的投标（已密封）`);
        this.form.patchValue({ bidder: '', unitPrice: '', submittedFromIp: '' });
        this.load(this.tender().id);
        this.changed.emit();
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected reviewSaved(): void {
    this.load(this.tender().id);
  }

  /**
   * Prefills, each step overwriting the one after it but never the one before: the lot gives the
   * fixed components; the unit price gives the service total (U × base population); service total
   * and fixed components give the total; the total gives the capitals. Every field stays editable.
   */
  private wirePrefill(): void {
    const c = this.form.controls;
    c.lot.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((no) => {
      const lot = this.lotOf(no);
      this.components.clear({ emitEvent: false });
      lot?.fixedComponents.forEach((fc) => this.components.push(this.componentRow(fc.name, fc.amount), { emitEvent: false }));
      this.components.updateValueAndValidity();
      this.prefillServiceTotal();
    });
    c.unitPrice.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.prefillServiceTotal());
    c.serviceTotal.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.prefillTotal());
    this.components.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(() => this.prefillTotal());
    c.total.valueChanges
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((total) => c.totalCapitals.setValue(amountCapitals(total) ?? ''));
  }

  private prefillServiceTotal(): void {
    const lot = this.lotOf(this.form.controls.lot.value);
    const unit = this.form.controls.unitPrice.value;
    // a lump-sum or rate-priced lot has no base population to multiply by
    const total = lot?.basePopulation != null && unit.trim() ? multiplyAmount(unit, lot.basePopulation) : null;
    this.form.controls.serviceTotal.setValue(total ?? '');
  }

  private prefillTotal(): void {
    const service = this.form.controls.serviceTotal.value;
    const parts = [service, ...this.components.getRawValue().map((fc) => fc.amount)];
    const total = service.trim() ? sumAmounts(parts.filter((p) => p.trim() !== '')) : null;
    this.form.controls.total.setValue(total ?? '');
  }

  private componentRow(name = '', amount = ''): ComponentRow {
    return this.fb.group({ name, amount });
  }

  private load(id: number): void {
    this.api.bids(id).subscribe({
      next: (bids) => {
        this.bids.set(bids);
        this.loadError.set('');
      },
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
