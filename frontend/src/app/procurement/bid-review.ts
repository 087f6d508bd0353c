import { DecimalPipe } from '@angular/common';
import { Component, effect, inject, input, output, signal } from '@angular/core';
import { FormArray, FormControl, FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { HttpErrorResponse } from '@angular/common/http';
import { toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { Check } from '@domain/dossier/dossier.types';
import type { BidReviewChanges, OpenedBid } from '@domain/wire/bids';
import { saveBlob } from '../shared/download';

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

/** Review of one opened bid: qualification and compliance checks, price correction, abnormal low price, facts. */
@Component({
  selector: 'app-bid-review',
  imports: [ReactiveFormsModule, DecimalPipe],
  templateUrl: './bid-review.html',
})
export class BidReviewEditor {
  private readonly api = inject(TendersApi);
  private readonly fb = inject(NonNullableFormBuilder);

  readonly tenderId = input.required<number>();
  readonly bid = input.required<OpenedBid>();
  readonly saved = output<void>();

  protected readonly error = signal('');
  protected readonly factsError = signal('');
  protected readonly notice = signal('');
  protected readonly saving = signal(false);

  protected readonly form = this.fb.group({
    qualification: this.fb.array<CheckGroup>([]),
    compliance: this.fb.array<CheckGroup>([]),
    priceCorrectionAccepted: false,
    abnormalLowRejected: false,
    facts: '',
    /** '' while the panel has not decided on the proposed repeated-failure deduction. */
    repeatedFailureDecision: '' as '' | 'applied' | 'waived',
    repeatedFailureNote: '',
  });

  constructor() {
    effect(() => this.reset(this.bid()));
  }

  protected get qualification(): FormArray<CheckGroup> {
    return this.form.controls.qualification;
  }

  protected get compliance(): FormArray<CheckGroup> {
    return this.form.controls.compliance;
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

  protected removeCheck(list: FormArray<CheckGroup>, index: number): void {
    list.removeAt(index);
  }

  /** Downloads a document of the bid (opened: procurement and the declared panel may). */
  protected downloadDocument(document: OpenedBid['documents'][number]): void {
    this.api.bidDocument(this.tenderId(), this.bid().id, document.id, document.fileName).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
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
    if (v.facts.trim()) {
      try {
        const facts: unknown = JSON.parse(v.facts);
        if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) throw new Error();
        changes.facts = facts as Record<string, number | boolean>;
      } catch {
        this.factsError.set('事实数据须为 JSON 对象，如 {"aRatings": 4, "ningboExperience": true}');
        return;
      }
    }
    this.factsError.set('');
    this.error.set('');
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
        const details = apiError.errors.map((e) => `${e.path}：${e.message}`).join('；');
        this.error.set(details ? `${apiError.message}（${details}）` : apiError.message);
        // Someone else saved this bid meanwhile: show their version (the message stays).
        if (err instanceof HttpErrorResponse && err.status === 409) {
          this.error.set(`${apiError.message}（已重新加载最新数据，请核对后再保存）`);
          this.saved.emit();
        }
      },
    });
  }

  private checks(rows: { check: string; pass: boolean; note: string }[]): Check[] {
    return rows
      .filter((row) => row.check.trim() !== '')
      .map((row) =>
        row.note.trim() ? { check: row.check.trim(), pass: row.pass, note: row.note.trim() } : { check: row.check.trim(), pass: row.pass },
      );
  }

  private reset(bid: OpenedBid): void {
    this.fill(this.qualification, bid.qualification, DEFAULT_QUALIFICATION);
    this.fill(this.compliance, bid.compliance, DEFAULT_COMPLIANCE);
    this.form.patchValue({
      priceCorrectionAccepted: bid.priceCorrectionAccepted === true,
      abnormalLowRejected: bid.abnormalLowRejected === true,
      repeatedFailureDecision: bid.repeatedFailureDecision ?? '',
      repeatedFailureNote: bid.repeatedFailureNote ?? '',
      facts: bid.facts && Object.keys(bid.facts).length ? JSON.stringify(bid.facts, null, 1) : '',
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
