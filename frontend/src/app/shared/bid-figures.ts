import { Component, computed, DestroyRef, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { ElectronicBid } from '@domain/wire/bids';
import type { LotView } from '@domain/wire/tenders';
import { ApiError } from '../core/api-error';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { FIELD_STATUS } from './field-status';
import { amountCapitals, multiplyAmount, sumAmounts } from './money';

type ComponentRow = FormGroup<{ name: FormControl<string>; amount: FormControl<string> }>;

function componentRow(fb: NonNullableFormBuilder, name = '', amount = ''): ComponentRow {
  return fb.group({ name, amount });
}

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
    lotOf(no)?.fixedComponents.forEach((fc) => c.fixedComponents.push(componentRow(fb, fc.name, fc.amount), { emitEvent: false }));
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

/** Each figures form on a page gets its own ids (the insurer's page has one per lot). */
let instances = 0;

/** The inputs of a bid's figures, for the lot the form is set to, each with its API field error under it. */
@Component({
  selector: 'app-bid-figures',
  imports: [NzTypographyModule, ReactiveFormsModule, NzButtonModule, NzFormModule, NzGridModule, NzInputModule, FIELD_STATUS],
  template: `
    <div nz-row [nzGutter]="16" [formGroup]="form()">
      @for (f of fields(); track f.control) {
        <div nz-col nzXs="24" [nzSm]="f.wide ? 24 : 12" [nzXl]="f.wide ? 16 : 8">
          <nz-form-item>
            <nz-form-label [nzFor]="id + '-' + f.id" nzRequired>{{ f.label }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="error() | fieldStatus: f.control" [nzErrorTip]="error() | fieldTip: f.control">
              <input
                nz-input
                [class]="'bid-' + f.id"
                [id]="id + '-' + f.id"
                [attr.inputmode]="f.wide ? null : 'decimal'"
                [formControlName]="f.control"
                autocomplete="off"
                [attr.placeholder]="f.placeholder ?? null"
              />
            </nz-form-control>
          </nz-form-item>
        </div>
      }
    </div>
    <h3>固定报价部分</h3>
    <nz-form-item [formGroup]="form()">
      <nz-form-control
        formArrayName="fixedComponents"
        [nzValidateStatus]="error() | fieldStatus: 'fixedComponents'"
        [nzErrorTip]="error() | fieldTip: 'fixedComponents'"
      >
        @for (row of components().controls; track row; let i = $index) {
          <div nz-row [nzGutter]="8" class="bid-component" [formGroupName]="i">
            <div nz-col nzXs="24" nzSm="12" nzXl="8">
              <input nz-input class="component-name" formControlName="name" placeholder="名称" aria-label="固定报价名称" />
            </div>
            <div nz-col nzXs="16" nzSm="8" nzXl="6">
              <input
                nz-input
                class="component-amount"
                formControlName="amount"
                inputmode="decimal"
                placeholder="金额（元）"
                aria-label="固定报价金额"
              />
            </div>
            <div nz-col>
              <button nz-button nzDanger type="button" class="remove-component" (click)="components().removeAt(i)">删除</button>
            </div>
          </div>
        } @empty {
          <p nz-typography nzType="secondary">本标包无固定报价</p>
        }
        <button nz-button nzType="dashed" class="add-component" type="button" (click)="addComponent()">添加固定报价</button>
      </nz-form-control>
    </nz-form-item>
  `,
})
export class BidFigures {
  private readonly fb = inject(NonNullableFormBuilder);
  readonly form = input.required<BidFiguresForm>();
  /** The lot the figures are for (none chosen yet: shown as per capita, the common case). */
  readonly lot = input<LotView | undefined>();
  readonly error = input<ApiError | null>(null);

  /** The prefix of this form's input ids. */
  protected readonly id = `bid-figures-${++instances}`;
  /** How the lot is priced: per capita (a base population), a lump sum, or a rate. */
  protected readonly pricing = computed(() => pricingOf(this.lot()));
  /** The figures the lot's pricing asks for, in the order a bidder states them. */
  protected readonly fields = computed(() => figureFields(this.pricing()));
  protected readonly components = computed(() => this.form().controls.fixedComponents);

  /** A component the bid states beyond its lot's (recorded as the bid says: the review finds it invalid). */
  protected addComponent(): void {
    this.components().push(componentRow(this.fb));
  }
}

interface FigureField {
  control: Exclude<keyof BidFiguresForm['controls'], 'lot' | 'fixedComponents'>;
  /** The suffix of its input's id and class (`bid-<id>`). */
  id: string;
  label: string;
  placeholder?: string;
  /** Text, not a figure: a wider input without the decimal keyboard. */
  wide?: boolean;
}

function figureFields(pricing: ReturnType<typeof pricingOf>): FigureField[] {
  const capitals: FigureField = { control: 'totalCapitals', id: 'capitals', label: '投标总价（大写）', wide: true };
  if (pricing === 'rate')
    return [
      { control: 'rate', id: 'rate', label: '经营费用及利润率', placeholder: '如 0.035' },
      { control: 'deficitShare', id: 'deficit-share', label: '政策性亏损分担比例' },
      capitals,
    ];
  const perCapita = pricing === 'unit-price';
  return [
    ...(perCapita ? [{ control: 'unitPrice', id: 'unit-price', label: '单价（元/人/年）' } as const] : []),
    { control: 'serviceTotal', id: 'service-total', label: `服务费总额${perCapita ? '（单价 × 基准人数）' : ''}` },
    { control: 'total', id: 'total', label: '投标总价（小写，元）' },
    capitals,
  ];
}

export function pricingOf(lot: LotView | undefined): 'unit-price' | 'lump-sum' | 'rate' {
  if (lot?.pricing === 'rate') return 'rate';
  return lot && lot.basePopulation == null ? 'lump-sum' : 'unit-price';
}
