import { Component, computed, DestroyRef, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { ElectronicBid } from '@domain/wire/bids';
import type { LotView } from '@domain/wire/tenders';
import { ApiError } from '../core/api-error';
import { FieldErrors } from './api-errors';
import { amountCapitals, multiplyAmount, sumAmounts } from './money';

type ComponentRow = FormGroup<{ name: FormControl<string>; amount: FormControl<string> }>;

/** A bid's figures as a form: the lot they are for, and the figures its pricing needs. */
export type BidFiguresForm = FormGroup<{
  lot: FormControl<string>;
  unitPrice: FormControl<string>;
  serviceTotal: FormControl<string>;
  fixedComponents: FormArray<ComponentRow>;
  total: FormControl<string>;
  rate: FormControl<string>;
  deficitShare: FormControl<string>;
  totalCapitals: FormControl<string>;
}>;

/** The fields the figures show next to their inputs (the rest of an error goes to the error box). */
export const FIGURE_FIELDS = ['unitPrice', 'serviceTotal', 'fixedComponents', 'total', 'rate', 'deficitShare', 'totalCapitals'];

/**
 * A bid's figures with their prefills, each step overwriting the ones after it but never the one
 * before: the lot gives the fixed components; the unit price gives the service total (U × base
 * population); service total and fixed components give the total; the total gives the capitals (大写).
 * Every field stays editable: the bidder's own figures are what count.
 */
export function bidFiguresForm(
  fb: NonNullableFormBuilder,
  destroyRef: DestroyRef,
  lotOf: (no: string) => LotView | undefined,
): BidFiguresForm {
  const row = (name = '', amount = ''): ComponentRow => fb.group({ name, amount });
  const form: BidFiguresForm = fb.group({
    lot: '',
    unitPrice: '',
    serviceTotal: '',
    fixedComponents: fb.array<ComponentRow>([]),
    total: '',
    rate: '',
    deficitShare: '',
    totalCapitals: '',
  });
  const c = form.controls;
  const prefillServiceTotal = () => {
    const lot = lotOf(c.lot.value);
    const unit = c.unitPrice.value;
    // a lump-sum or rate-priced lot has no base population to multiply by
    if (lot?.basePopulation == null) return;
    c.serviceTotal.setValue((unit.trim() && multiplyAmount(unit, lot.basePopulation)) || '');
  };
  const prefillTotal = () => {
    const service = c.serviceTotal.value;
    const parts = [service, ...c.fixedComponents.getRawValue().map((fc) => fc.amount)];
    c.total.setValue((service.trim() && sumAmounts(parts.filter((p) => p.trim() !== ''))) || '');
  };
  c.lot.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((no) => {
    c.fixedComponents.clear({ emitEvent: false });
    lotOf(no)?.fixedComponents.forEach((fc) => c.fixedComponents.push(row(fc.name, fc.amount), { emitEvent: false }));
    c.fixedComponents.updateValueAndValidity();
    prefillServiceTotal();
  });
  c.unitPrice.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(prefillServiceTotal);
  c.serviceTotal.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(prefillTotal);
  c.fixedComponents.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(prefillTotal);
  c.total.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe((total) => c.totalCapitals.setValue(amountCapitals(total) ?? ''));
  return form;
}

/** The figures as sent: only those the lot's pricing has (a per-capita lot no rate, a rate-priced lot no amounts). */
export function figuresOf(form: BidFiguresForm, lot: LotView | undefined): ElectronicBid {
  const v = form.getRawValue();
  const figures: ElectronicBid = {
    fixedComponents: v.fixedComponents.map((fc) => ({ name: fc.name.trim(), amount: fc.amount.trim() })),
    totalCapitals: v.totalCapitals.trim(),
  };
  const pricing = pricingOf(lot);
  if (pricing === 'rate') return { ...figures, rate: v.rate.trim(), deficitShare: v.deficitShare.trim() };
  if (pricing === 'unit-price') figures.unitPrice = v.unitPrice.trim();
  return { ...figures, serviceTotal: v.serviceTotal.trim(), total: v.total.trim() };
}

/** The inputs of a bid's figures, for the lot the form is set to. */
@Component({
  selector: 'app-bid-figures',
  imports: [ReactiveFormsModule, FieldErrors],
  template: `
    <div class="form-grid" [formGroup]="form()">
      @if (pricing() === 'rate') {
        <label>
          经营费用及利润率
          <input class="bid-rate" inputmode="decimal" formControlName="rate" autocomplete="off" placeholder="如 0.035" />
          <app-field-errors [error]="error()" field="rate" />
        </label>
        <label>
          政策性亏损分担比例
          <input class="bid-deficit-share" inputmode="decimal" formControlName="deficitShare" autocomplete="off" />
          <app-field-errors [error]="error()" field="deficitShare" />
        </label>
      } @else {
        @if (pricing() === 'unit-price') {
          <label>
            单价（元/人/年）
            <input class="bid-unit-price" inputmode="decimal" formControlName="unitPrice" autocomplete="off" />
            <app-field-errors [error]="error()" field="unitPrice" />
          </label>
        }
        <label>
          服务费总额{{ pricing() === 'unit-price' ? '（单价 × 基准人数）' : '' }}
          <input class="bid-service-total" inputmode="decimal" formControlName="serviceTotal" autocomplete="off" />
          <app-field-errors [error]="error()" field="serviceTotal" />
        </label>
        <label>
          投标总价（小写，元）
          <input class="bid-total" inputmode="decimal" formControlName="total" autocomplete="off" />
          <app-field-errors [error]="error()" field="total" />
        </label>
      }
      <label>
        投标总价（大写）
        <input class="bid-capitals wide" formControlName="totalCapitals" autocomplete="off" />
        <app-field-errors [error]="error()" field="totalCapitals" />
      </label>
    </div>
    <fieldset [formGroup]="form()">
      <legend>固定报价部分</legend>
      <div class="rows" formArrayName="fixedComponents">
        @for (row of form().controls.fixedComponents.controls; track row; let i = $index) {
          <div class="row bid-component" [formGroupName]="i">
            <input class="component-name" formControlName="name" placeholder="名称" aria-label="固定报价名称" />
            <input
              class="component-amount"
              formControlName="amount"
              inputmode="decimal"
              placeholder="金额（元）"
              aria-label="固定报价金额"
            />
          </div>
        } @empty {
          <span class="muted">本标包无固定报价</span>
        }
      </div>
      <app-field-errors [error]="error()" field="fixedComponents" />
    </fieldset>
  `,
})
export class BidFigures {
  readonly form = input.required<BidFiguresForm>();
  /** The lot the figures are for (none chosen yet: shown as per capita, the common case). */
  readonly lot = input<LotView | undefined>();
  readonly error = input<ApiError | null>(null);

  /** How the lot is priced: per capita (a base population), a lump sum, or a rate. */
  protected readonly pricing = computed(() => pricingOf(this.lot()));
}

export function pricingOf(lot: LotView | undefined): 'unit-price' | 'lump-sum' | 'rate' {
  if (lot?.pricing === 'rate') return 'rate';
  return lot && lot.basePopulation == null ? 'lump-sum' : 'unit-price';
}
