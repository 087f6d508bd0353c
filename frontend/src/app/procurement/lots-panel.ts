import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { LotFields, LotView, TenderDetail } from '@domain/wire/tenders';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { groupDigits } from '../shared/money';
import { LabelPipe } from '../shared/label.pipe';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzDividerModule } from 'ng-zorro-antd/divider';

const SHOWN_FIELDS = [
  'no',
  'name',
  'regions',
  'basePopulation',
  'maxUnitPrice',
  'maxBudget',
  'fixedComponents',
  'evaluationOrder',
  'scheme',
  'rewardBudget',
  'minStaff',
];

/** "慈溪, 余姚" / "奉化、宁海、象山" → ["慈溪", "余姚"] … */
export function splitRegions(text: string): string[] {
  return text
    .split(/[,，、;；\s]+/)
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/** 标包: the tender's lots and the form to add (or edit) one. */
@Component({
  selector: 'app-lots-panel',
  imports: [
    LabelPipe,
    ReactiveFormsModule,
    NzButtonModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzSelectModule,
    ErrorBox,
    FIELD_STATUS,
    NzAlertModule,
    NzCardModule,
    NzTypographyModule,
    NzTableModule,
    NzFlexModule,
    NzDividerModule,
  ],
  templateUrl: './lots-panel.html',
})
export class LotsPanel {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly tender = input.required<TenderDetail>();
  readonly changed = output<void>();

  protected readonly lots = computed(() =>
    [...this.tender().lots].sort((a, b) => a.evaluationOrder - b.evaluationOrder || a.no.localeCompare(b.no, 'zh', { numeric: true })),
  );
  protected readonly error = signal<ApiError | null>(null);
  protected readonly notice = signal('');
  protected readonly editing = signal<LotView | null>(null);
  protected readonly shownFields = SHOWN_FIELDS;
  protected readonly money = groupDigits;

  protected readonly form = this.fb.group({
    no: '',
    name: '',
    regions: '',
    basePopulation: '',
    maxUnitPrice: '',
    maxBudget: '',
    fixedComponents: this.fb.array([this.componentRow()]),
    evaluationOrder: '',
    scheme: '',
    rewardBudget: '',
    minStaff: '',
  });

  constructor() {
    // Suggest the next lot number, order and the first scheme whenever the tender changes.
    effect(() => {
      const tender = this.tender();
      untracked(() => {
        if (!this.editing()) this.prefill(tender);
      });
    });
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

  protected edit(lot: LotView): void {
    this.editing.set(lot);
    this.error.set(null);
    this.notice.set('');
    this.components.clear();
    lot.fixedComponents.forEach((c) => this.components.push(this.componentRow(c.name, c.amount)));
    this.form.patchValue({
      no: lot.no,
      name: lot.name,
      regions: lot.regions.join('、'),
      basePopulation: lot.basePopulation == null ? '' : String(lot.basePopulation),
      maxUnitPrice: lot.maxUnitPrice ?? '',
      maxBudget: lot.maxBudget ?? '',
      evaluationOrder: String(lot.evaluationOrder),
      scheme: lot.scheme,
      rewardBudget: lot.rewardBudget ?? '',
      minStaff: lot.minStaff === undefined || lot.minStaff === null ? '' : String(lot.minStaff),
    });
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.error.set(null);
    this.prefill(this.tender());
  }

  protected save(): void {
    const tender = this.tender();
    const editing = this.editing();
    const lot = this.toRequest();
    this.error.set(null);
    this.notice.set('');
    const request = editing
      ? this.api.updateLot(tender.id, editing.id, { ...lot, version: editing.version })
      : this.api.addLot(tender.id, lot);
    request.subscribe({
      next: () => {
        this.notice.set(editing ? `已保存标包 ${lot.no}` : `已添加标包 ${lot.no}`);
        this.editing.set(null);
        this.changed.emit();
      },
      error: (err: unknown) => {
        this.error.set(toApiError(err));
        // A stale version: reload the lots so the clerk edits the current one.
        if (err instanceof HttpErrorResponse && err.status === 409) {
          this.editing.set(null);
          this.changed.emit();
        }
      },
    });
  }

  private toRequest(): LotFields {
    const v = this.form.getRawValue();
    const lot: LotFields = {
      no: v.no.trim(),
      name: v.name.trim(),
      regions: splitRegions(v.regions),
      basePopulation: Number(v.basePopulation),
      maxUnitPrice: v.maxUnitPrice.trim(),
      maxBudget: v.maxBudget.trim(),
      fixedComponents: v.fixedComponents
        .filter((c) => c.name.trim() !== '' || c.amount.trim() !== '')
        .map((c) => ({ name: c.name.trim(), amount: c.amount.trim() })),
      evaluationOrder: Number(v.evaluationOrder),
      scheme: v.scheme,
    };
    if (v.rewardBudget.trim()) lot.rewardBudget = v.rewardBudget.trim();
    if (String(v.minStaff).trim()) lot.minStaff = Number(v.minStaff);
    return lot;
  }

  private prefill(tender: TenderDetail): void {
    const next = tender.lots.length + 1;
    this.components.clear();
    this.components.push(this.componentRow());
    this.form.reset({
      no: String(next),
      evaluationOrder: String(Math.max(0, ...tender.lots.map((l) => l.evaluationOrder)) + 1),
      scheme: tender.schemes[0]?.code ?? '',
    });
  }

  private componentRow(name = '', amount = '') {
    return this.fb.group({ name, amount });
  }
}
