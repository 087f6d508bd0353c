import { DecimalPipe } from '@angular/common';
import { Component, computed, effect, inject, input, output, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { Check } from '@domain/dossier/dossier.types';
import type { BidReviewChanges, OpenedBid } from '@domain/wire/bids';
import { saveBlob } from '../shared/download';
import type { FactKind } from '@domain/dossier/dossier.schema';
import { catalogueFact } from '@domain/evaluation/fact-catalogue';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { ErrorBox, messagesFor } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { factName } from '../shared/rule-text';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTypographyModule } from 'ng-zorro-antd/typography';

/** The checks offered when a bid has none yet (DOMAIN.md §4 Review). */
export const DEFAULT_QUALIFICATION = [
  '符合《政府采购法》第二十二条规定的条件',
  '截止时间未被列入失信被执行人、重大税收违法失信主体、政府采购严重违法失信行为记录名单',
  '具有保险业务经营许可（分支机构须有总公司授权）',
];
export const DEFAULT_COMPLIANCE = [
  '授权委托书',
  '诚信承诺书',
  '投标函',
  '开标一览表',
  '投标有效期满足要求',
  '签章与全称一致',
  '投标文件内容完整',
];

type CheckGroup = FormGroup<{ check: FormControl<string>; pass: FormControl<boolean>; note: FormControl<string> }>;

/** A fact the lot's scheme reads, as the bid review asks for it. */
export interface FactInput {
  fact: string;
  kind: FactKind;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Review of one opened bid: qualification and compliance checks, price correction, abnormal low price, facts. */
@Component({
  selector: 'app-bid-review',
  imports: [
    ReactiveFormsModule,
    DecimalPipe,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
    NzRadioModule,
    NzSwitchModule,
    ErrorBox,
    FIELD_STATUS,
    NzTypographyModule,
    NzFlexModule,
  ],
  templateUrl: './bid-review.html',
})
export class BidReviewEditor {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly tenderId = input.required<number>();
  readonly bid = input.required<OpenedBid>();
  /** The facts the lot's scheme reads: one input each (a count with its unit, or a yes/no). */
  readonly facts = input<FactInput[]>([]);
  readonly saved = output<void>();

  protected readonly error = signal<ApiError | null>(null);
  /** One control per fact the scheme reads (`facts`), by fact code. */
  protected readonly factsForm = this.fb.record<string | boolean>({});
  /** Per fact, what is wrong with what was typed. */
  protected readonly factErrors = signal<Record<string, string>>({});
  protected readonly notice = signal('');
  protected readonly saving = signal(false);

  protected readonly form = this.fb.group({
    qualification: this.fb.array<CheckGroup>([]),
    compliance: this.fb.array<CheckGroup>([]),
    priceCorrectionAccepted: false,
    abnormalLowRejected: false,
    /** '' while the panel has not decided on the proposed repeated-failure deduction. */
    repeatedFailureDecision: '' as '' | 'applied' | 'waived',
    repeatedFailureNote: '',
  });

  /** The two lists of checks, each shown the same way: passed or not, what was checked, a note. */
  protected readonly checkSections = [
    { kind: 'qualification', title: '资格审查', list: this.form.controls.qualification },
    { kind: 'compliance', title: '符合性审查', list: this.form.controls.compliance },
  ] as const;
  /** The fields shown at their inputs (the rest of an error goes to the error box). */
  protected readonly shownFields = computed(() => [
    'qualification',
    'compliance',
    'priceCorrectionAccepted',
    'abnormalLowRejected',
    'repeatedFailureDecision',
    'repeatedFailureNote',
    ...this.facts().map((f) => `facts.${f.fact}`),
  ]);

  constructor() {
    effect(() => this.reset(this.bid(), this.facts()));
  }

  protected checkId(kind: string, index: number): string {
    return `check-${this.bid().id}-${kind}-${index}`;
  }

  /** What is wrong with a fact: as typed (not a number), else as the API said. */
  protected factTip(fact: string): string {
    return this.factErrors()[fact] ?? messagesFor(this.error(), `facts.${fact}`).join('；');
  }

  protected factLabel(fact: string): string {
    const unit = catalogueFact(fact)?.unit;
    return factName(fact) + (unit ? `（${unit}）` : '');
  }

  protected factHint(fact: string): string {
    return catalogueFact(fact)?.hint ?? '评分事实目录外的事实';
  }

  protected hasCorrections(): boolean {
    return (this.bid().review?.corrections.length ?? 0) > 0 || this.bid().priceCorrectionAccepted !== null;
  }

  protected flaggedLow(): boolean {
    return (this.bid().review?.flags ?? []).includes('abnormal-low') || this.bid().abnormalLowRejected !== null;
  }

  protected addCheck(list: FormArray<CheckGroup>): void {
    list.push(this.checkRow({ check: '', pass: true }));
  }

  /** Downloads a document of the bid (opened: procurement and the declared panel may). */
  protected downloadDocument(document: OpenedBid['documents'][number]): void {
    this.api.bidDocument(this.tenderId(), this.bid().id, document.id, document.fileName).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }

  protected save(): void {
    const bid = this.bid();
    const v = this.form.getRawValue();
    const changes: BidReviewChanges = {
      version: bid.version,
      qualification: this.checks(v.qualification),
      compliance: this.checks(v.compliance),
    };
    if (this.hasCorrections()) changes.priceCorrectionAccepted = v.priceCorrectionAccepted;
    if (this.flaggedLow()) changes.abnormalLowRejected = v.abnormalLowRejected;
    if (bid.proposedDeduction && v.repeatedFailureDecision) {
      changes.repeatedFailureDecision = v.repeatedFailureDecision;
      changes.repeatedFailureNote = v.repeatedFailureNote.trim();
    }
    const facts = this.factValues(this.factsForm.getRawValue());
    if (!facts) return;
    if (facts !== 'unchanged') changes.facts = facts;
    this.error.set(null);
    this.notice.set('');
    this.saving.set(true);
    this.api.reviewBid(this.tenderId(), bid.id, changes).subscribe({
      next: () => {
        this.saving.set(false);
        this.notice.set('已保存审查结果，有效性已按最新审查重新判断');
        this.saved.emit();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const apiError = toApiError(err);
        // Someone else saved this bid meanwhile: show their version (the message stays).
        if (err instanceof HttpErrorResponse && err.status === 409) {
          this.error.set({ ...apiError, message: `${apiError.message}（已重新加载最新数据，请核对后再保存）` });
          this.saved.emit();
        } else {
          this.error.set(apiError);
        }
      },
    });
  }

  /**
   * The facts to save: the scheme's facts as entered (a blank number is left out: missing counts as 0),
   * and the bid's other facts kept as they are. Null when a number is not one (shown at its input).
   */
  private factValues(entered: Record<string, string | boolean>): Record<string, number | boolean> | 'unchanged' | null {
    const errors: Record<string, string> = {};
    const facts: Record<string, number | boolean> = {};
    const asked = new Set(this.facts().map((f) => f.fact));
    for (const [fact, value] of Object.entries(this.bid().facts ?? {})) if (!asked.has(fact)) facts[fact] = value;
    for (const [fact, value] of Object.entries(entered)) {
      if (typeof value === 'boolean') facts[fact] = value;
      else if (DECIMAL.test(value.trim())) facts[fact] = Number(value.trim());
      else if (value.trim() !== '') errors[fact] = '须为数字，如 3 或 210.5';
    }
    this.factErrors.set(errors);
    if (Object.keys(errors).length) return null;
    return asked.size === 0 ? 'unchanged' : facts;
  }

  private checks(rows: { check: string; pass: boolean; note: string }[]): Check[] {
    return rows
      .filter((row) => row.check.trim() !== '')
      .map((row) =>
        row.note.trim() ? { check: row.check.trim(), pass: row.pass, note: row.note.trim() } : { check: row.check.trim(), pass: row.pass },
      );
  }

  private reset(bid: OpenedBid, asked: FactInput[]): void {
    const facts = this.factsForm;
    for (const name of Object.keys(facts.controls)) facts.removeControl(name);
    for (const { fact, kind } of asked) {
      const value = bid.facts?.[fact];
      facts.addControl(
        fact,
        this.fb.control<string | boolean>(kind === 'boolean' ? value === true : typeof value === 'number' ? String(value) : ''),
      );
    }
    this.factErrors.set({});
    this.fill(this.form.controls.qualification, bid.qualification, DEFAULT_QUALIFICATION);
    this.fill(this.form.controls.compliance, bid.compliance, DEFAULT_COMPLIANCE);
    this.form.patchValue({
      priceCorrectionAccepted: bid.priceCorrectionAccepted === true,
      abnormalLowRejected: bid.abnormalLowRejected === true,
      repeatedFailureDecision: bid.repeatedFailureDecision ?? '',
      repeatedFailureNote: bid.repeatedFailureNote ?? '',
    });
  }

  private fill(list: FormArray<CheckGroup>, checks: Check[] | null | undefined, defaults: string[]): void {
    list.clear();
    const rows = checks?.length ? checks : defaults.map((check) => ({ check, pass: true }));
    rows.forEach((row) => list.push(this.checkRow(row)));
  }

  private checkRow(check: Check): CheckGroup {
    return this.fb.group({ check: check.check, pass: check.pass, note: check.note ?? '' });
  }
}
