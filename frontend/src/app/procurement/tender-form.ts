import { labelOptions } from '@domain/labels';
import { Component, effect, inject, input, signal } from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import type { Organization } from '@domain/wire/users';
import { Router, RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { TieBreaker } from '@domain/dossier/dossier.types';
import type { TenderFields } from '@domain/wire/tenders';
import { ErrorBox } from '../shared/api-errors';
import { isoToPicked, pickedToIso } from '../shared/datetime';
import { FIELD_STATUS } from '../shared/field-status';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDividerModule } from 'ng-zorro-antd/divider';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';

/** The form's own fields; the rest of the request is derived in `toRequest`. */
const SHOWN_FIELDS = [
  'code',
  'name',
  'purchaser',
  'agency',
  'bidDeadline',
  'openingTime',
  'bidValidityDays',
  'contractYears',
  'firstContractYear',
  'minQualifiedBidders',
  'priceWeight',
  'priceBasis',
  'smeDeduction',
  'abnormalLowRatio',
  'outlierRatio',
  'trimExtremes',
  'scoreDecimals',
  'awardRule',
  'tieBreakers',
  'oneBranchPerGroup',
  'publishScores',
  'consortiaAllowed',
  'contractKind',
  'challengeDays',
  'repeatedFailureDeduction',
  'bidSubmission',
  'openingConfirmMinutes',
];

/** A field of the form: its control, element id and label. */
interface FormField {
  control: keyof TenderFields;
  id: string;
  label: string;
}

/** A select of the form, over coded options with their labels. */
interface ChoiceField extends FormField {
  options: { value: string; label: string }[];
}

/** Create a tender (/procurement/tenders/new) or edit a draft one (/procurement/tenders/:id/edit). */
@Component({
  selector: 'app-tender-form',
  imports: [
    ReactiveFormsModule,
    FormsModule,
    NzButtonModule,
    NzCheckboxModule,
    NzDatePickerModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    RouterLink,
    ErrorBox,
    FIELD_STATUS,
    NzCardModule,
    NzFlexModule,
    NzPageHeaderModule,
    NzDividerModule,
  ],
  templateUrl: './tender-form.html',
  styles: '.full-width { width: 100%; }',
})
export class TenderForm {
  private readonly api = inject(TendersApi);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter: set when editing. */
  readonly id = input<string>();

  protected readonly error = signal<ApiError | null>(null);
  protected readonly saving = signal(false);
  protected readonly shownFields = SHOWN_FIELDS;
  /** The buyer organisations: picking one writes its name as the purchaser, which links the tender to it. */
  protected readonly buyers = signal<Organization[]>([]);
  private version = 0;

  protected readonly form = this.fb.group({
    code: '',
    name: '',
    purchaser: '',
    agency: '',
    bidDeadline: null as Date | null,
    openingTime: null as Date | null,
    bidValidityDays: 90,
    contractYears: 3,
    firstContractYear: new Date().getFullYear() + 1,
    minQualifiedBidders: 3,
    priceWeight: '10',
    priceBasis: 'service' as TenderFields['priceBasis'],
    smeDeduction: '0.20',
    abnormalLowRatio: '0.50',
    outlierRatio: '0.30',
    trimExtremes: false,
    scoreDecimals: 2,
    awardRule: 'sequential-exclusive' as TenderFields['awardRule'],
    tieByPrice: true,
    tieByCategory: '',
    tieByDraw: true,
    oneBranchPerGroup: false,
    publishScores: false,
    consortiaAllowed: false,
    contractKind: 'per-capita' as TenderFields['contractKind'],
    challengeDays: 7,
    /** Empty: the tender proposes no repeated-failure deduction. */
    repeatedFailureDeduction: '',
    bidSubmission: 'electronic' as NonNullable<TenderFields['bidSubmission']>,
    openingConfirmMinutes: 30,
  });
  protected readonly priceBases = labelOptions('priceBasis');
  /** The tender's times, one date-time picker each (Beijing time). */
  protected readonly times: FormField[] = [
    { control: 'bidDeadline', id: 'tender-deadline', label: '投标截止时间（北京时间）' },
    { control: 'openingTime', id: 'tender-opening', label: '开标时间（北京时间）' },
  ];
  /** The rules chosen from a list, one select each. */
  protected readonly choices: ChoiceField[] = [
    { control: 'awardRule', id: 'tender-award-rule', label: '多标包授予规则', options: labelOptions('awardRule') },
    { control: 'contractKind', id: 'tender-contract-kind', label: '合同类型', options: labelOptions('contractKind') },
    { control: 'bidSubmission', id: 'tender-bid-submission', label: '投标方式', options: labelOptions('bidSubmission') },
  ];
  /** The yes-or-no rules, one checkbox each. */
  protected readonly switches: FormField[] = [
    { control: 'trimExtremes', id: 'tender-trim', label: '专家不少于5人时去掉最高和最低总分' },
    { control: 'oneBranchPerGroup', id: 'tender-one-branch', label: '同一集团仅限一家分支机构投标' },
    { control: 'consortiaAllowed', id: 'tender-consortia', label: '接受联合体投标' },
    { control: 'publishScores', id: 'tender-publish-scores', label: '定标后在开放数据（OCDS）中公开各投标人的分项得分' },
  ];

  constructor() {
    this.api.buyers().subscribe({ next: (buyers) => this.buyers.set(buyers), error: (err: unknown) => this.error.set(toApiError(err)) });
    effect(() => {
      const id = this.id();
      if (id) this.load(id);
    });
  }

  protected pickBuyer(name: string | null): void {
    if (name) this.form.controls.purchaser.setValue(name);
  }

  /** The buyer organisation the purchaser's name matches exactly (as the server links it), if any. */
  protected buyerOf(purchaser: string): Organization | undefined {
    return this.buyers().find((b) => b.name === purchaser.trim());
  }

  protected save(): void {
    const id = this.id();
    const body = this.toRequest();
    this.error.set(null);
    this.saving.set(true);
    const request = id ? this.api.update(Number(id), { ...body, version: this.version }) : this.api.create(body);
    request.subscribe({
      next: (tender) => {
        this.saving.set(false);
        void this.router.navigate(['/procurement/tenders', tender.id ?? id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.error.set(toApiError(err));
      },
    });
  }

  private toRequest(): TenderFields {
    const { tieByPrice, tieByCategory, tieByDraw, bidDeadline, openingTime, repeatedFailureDeduction, ...fields } = this.form.getRawValue();
    const tieBreakers: TieBreaker[] = [];
    if (tieByPrice) tieBreakers.push('price');
    if (tieByCategory.trim()) tieBreakers.push({ category: tieByCategory.trim() });
    if (tieByDraw) tieBreakers.push('draw');
    return {
      ...fields,
      code: fields.code.trim(),
      name: fields.name.trim(),
      purchaser: fields.purchaser.trim(),
      agency: fields.agency.trim(),
      bidDeadline: pickedToIso(bidDeadline),
      openingTime: pickedToIso(openingTime),
      bidValidityDays: Number(fields.bidValidityDays),
      challengeDays: Number(fields.challengeDays),
      openingConfirmMinutes: Number(fields.openingConfirmMinutes),
      contractYears: Number(fields.contractYears),
      firstContractYear: Number(fields.firstContractYear),
      minQualifiedBidders: Number(fields.minQualifiedBidders),
      scoreDecimals: Number(fields.scoreDecimals),
      priceWeight: String(fields.priceWeight).trim(),
      smeDeduction: String(fields.smeDeduction).trim(),
      abnormalLowRatio: String(fields.abnormalLowRatio).trim(),
      outlierRatio: String(fields.outlierRatio).trim(),
      tieBreakers,
      // null clears it on an edit: the tender then proposes no deduction
      repeatedFailureDeduction: String(repeatedFailureDeduction).trim() || null,
    };
  }

  private load(id: string): void {
    this.api.get(id).subscribe({
      next: (tender) => {
        this.version = tender.version;
        const category = tender.tieBreakers.find((t): t is { category: string } => typeof t === 'object');
        this.form.patchValue({
          ...tender,
          priceWeight: String(tender.priceWeight),
          smeDeduction: String(tender.smeDeduction),
          abnormalLowRatio: String(tender.abnormalLowRatio),
          outlierRatio: String(tender.outlierRatio),
          repeatedFailureDeduction: tender.repeatedFailureDeduction ?? '',
          bidDeadline: isoToPicked(tender.bidDeadline),
          openingTime: isoToPicked(tender.openingTime),
          tieByPrice: tender.tieBreakers.includes('price'),
          tieByCategory: category?.category ?? '',
          tieByDraw: tender.tieBreakers.includes('draw'),
        });
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
