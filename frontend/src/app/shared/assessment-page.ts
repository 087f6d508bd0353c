import { HttpErrorResponse } from '@angular/common/http';
import { computed, Directive, effect, inject, input, signal, untracked } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { AssessmentsApi } from '../core/assessments-api';
import type { AssessmentDetail, AssessmentFile, ItemEntry, ItemScore, SchemeItem } from '@domain/wire/assessments';
import type { EvidenceKind } from '@domain/assessments/assessment-codes';
import type { FileDownload } from '../core/api-client';
import {
  errorsByIndex,
  FILE_ACCEPT,
  FILE_MAX_BYTES,
  itemValue,
  itemValueProblem,
  possiblePoints,
  provisionalScore,
  ratePercent,
  ruleText,
  scoreText,
  sizeText,
} from './assessment-entry';
import { saveBlob } from './download';
import { itemPoints, RULE_INPUT, ruleInputFor } from '@domain/assessments';

/** What is entered on an item: its value (points or a deduction), or the input of its points rule. */
export type EntryInput = 'value' | 'met' | 'achieved' | 'cases';
type RuleEntry = Omit<ItemEntry, 'no' | 'note'>;

/** Item entry fields in Chinese, as the pages and the Excel import errors name them. */
export const FIELD_NAMES: Record<string, string> = {
  points: '得分',
  deduction: '扣分',
  no: '序号',
  note: '说明',
  met: '是否达到',
  achieved: '达到项数',
  cases: '发现例数',
};
import { groupDigits } from './money';

/**
 * What the bureau's page of one assessment and the insurer's share: the assessment loaded by the
 * route's id (again when it changes), the item values being edited, the formatters the templates use,
 * and the downloads of its files and report. Each page adds what its role may do.
 */
@Directive()
export abstract class AssessmentPage {
  protected readonly api = inject(AssessmentsApi);

  /** Route parameter. */
  readonly id = input.required<string | number>();

  protected readonly assessment = signal<AssessmentDetail | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly reportError = signal('');

  /** The value and note of each item as typed, by item number. */
  protected values: Record<string, string> = {};
  protected notes: Record<string, string> = {};
  /** Binary items: whether the condition is met, once decided (absent: not entered yet). */
  protected met: Record<string, boolean> = {};
  /** k-of-n and per-case items: the sub-items achieved or the cases found, as typed. */
  protected counts: Record<string, string> = {};

  protected readonly kind = computed(() => this.assessment()?.kind ?? 'points');
  protected readonly items = computed(() => this.assessment()?.scheme.items ?? []);
  protected readonly reportFiles = computed(() => this.assessment()?.files.filter((f) => f.kind === 'report') ?? []);

  protected readonly money = groupDigits;
  protected readonly score = scoreText;
  protected readonly size = sizeText;
  protected readonly rate = ratePercent;
  protected readonly ruleText = ruleText;
  protected readonly fileAccept = FILE_ACCEPT;
  protected readonly fileMaxBytes = FILE_MAX_BYTES;

  constructor() {
    effect(() => {
      this.id();
      untracked(() => this.load());
    });
  }

  load(): void {
    this.error.set('');
    this.api.get(this.id()).subscribe({
      next: (a) => this.show(a),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  /** The item values the page starts from: the bureau's scores, or the insurer's self-assessment. */
  protected abstract prefill(a: AssessmentDetail): ItemScore[];

  protected show(a: AssessmentDetail): void {
    this.assessment.set(a);
    this.values = {};
    this.notes = {};
    this.met = {};
    this.counts = {};
    for (const recorded of this.prefill(a)) {
      this.values[recorded.no] = itemValue(recorded, a.kind);
      this.notes[recorded.no] = recorded.note ?? '';
      // Rule items show the input recorded with their points, or the input that gives the points entered.
      const item = a.scheme.items.find((i) => i.no === recorded.no);
      if (!item || recorded.points === undefined) continue;
      const input = this.inputOf(item);
      if (input === 'value') continue;
      const given = recorded[input] ?? (ruleInputFor(item, recorded.points) as Partial<Record<EntryInput, boolean | number>>)[input];
      if (input === 'met') this.met[item.no] = given === true;
      else if (given !== undefined) this.counts[item.no] = String(given);
    }
  }

  /** What the item takes: on a points scheme the input its rule needs (DOSSIER.md ITEM_RULE), else the deduction. */
  protected inputOf(item: SchemeItem): EntryInput {
    if (this.kind() !== 'points') return 'value';
    const input = RULE_INPUT[item.rule?.kind ?? 'judgement'];
    return input === 'points' ? 'value' : input;
  }

  /** The API's field the item's entry is sent in: its rule's input, else its points or deduction. */
  protected entryField(item: SchemeItem): 'points' | 'deduction' | Exclude<EntryInput, 'value'> {
    const input = this.inputOf(item);
    return input === 'value' ? (this.kind() === 'points' ? 'points' : 'deduction') : input;
  }

  protected fieldName(item: SchemeItem): string {
    return FIELD_NAMES[this.entryField(item)];
  }

  /** A k-of-n item's number of sub-items, else null. */
  protected subItems(item: SchemeItem): number | null {
    return item.rule?.kind === 'k-of-n' ? item.rule.n : null;
  }

  /** What is wrong with the item's entry as typed, or null (empty is fine: not entered yet). */
  protected entryProblem(item: SchemeItem): string | null {
    const input = this.inputOf(item);
    if (input === 'met') return null;
    if (input === 'value') return itemValueProblem(this.kind(), item, this.values[item.no]);
    const text = (this.counts[item.no] ?? '').toString().trim();
    if (!text) return null;
    if (!/^\d+$/.test(text)) return '须为0或正整数';
    const n = this.subItems(item);
    return n !== null && Number(text) > n ? `不能超过子指标数${n}` : null;
  }

  /** The item's entry as the API takes it, or null when nothing (valid) is entered. */
  protected entryOf(item: SchemeItem): RuleEntry | null {
    if (this.entryProblem(item)) return null;
    const input = this.inputOf(item);
    if (input === 'met') return item.no in this.met ? { met: this.met[item.no] } : null;
    if (input === 'value') {
      const value = (this.values[item.no] ?? '').toString().trim();
      return value ? { [this.kind() === 'points' ? 'points' : 'deduction']: value } : null;
    }
    const text = (this.counts[item.no] ?? '').toString().trim();
    return text ? { [input]: Number(text) } : null;
  }

  /** The points the entry gives, by the same rule the server scores with; '' when nothing is entered. */
  protected pointsOf(item: SchemeItem): string {
    const entry = this.entryOf(item);
    const points = entry && itemPoints(item, entry);
    return points === undefined || points === null ? '' : points.toString();
  }

  protected setMet(item: SchemeItem, met: boolean): void {
    this.met = { ...this.met, [item.no]: met };
  }

  /**
   * Sends item values (the bureau's scores, the insurer's self-assessment): on success shows the
   * updated assessment and `done`; on failure hands over the error with each item's messages by item
   * number, and reloads when someone else changed the assessment meanwhile (409).
   */
  protected sendItems(
    request: Observable<AssessmentDetail>,
    items: ItemEntry[],
    done: string,
    failed: (error: ApiError, byItem: Record<string, string[]>) => void,
  ): void {
    this.busy.set(true);
    request.subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.show(updated);
        this.notice.set(done);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const error = toApiError(err);
        const byItem: Record<string, string[]> = {};
        for (const [index, messages] of errorsByIndex(error.errors, 'items')) {
          const no = items[index]?.no;
          if (no) byItem[no] = messages;
        }
        failed(error, byItem);
        if (err instanceof HttpErrorResponse && err.status === 409) this.load();
      },
    });
  }

  protected selfValue(no: string): string {
    return itemValue(
      this.assessment()?.selfAssessment?.items.find((i) => i.no === no),
      this.kind(),
    );
  }

  protected allowed(item: SchemeItem): string {
    const possible = possiblePoints(item);
    return possible ? `可选：${possible.join('、')}` : `0–${item.max}`;
  }

  /** The score the entries give, before saving (the server's figure is the one that counts). */
  protected provisional(): string {
    if (this.kind() !== 'points') return provisionalScore(this.kind(), this.items(), this.values);
    return provisionalScore('points', this.items(), Object.fromEntries(this.items().map((i) => [i.no, this.pointsOf(i)])));
  }

  /** The item's evidence of `kind` (the bureau's unless said). */
  protected evidenceOf(no: string, kind: EvidenceKind = 'evidence'): AssessmentFile[] {
    return this.assessment()?.files.filter((f) => f.kind === kind && f.itemNo === no) ?? [];
  }

  /** An item's evidence stored (app-item-evidence): listed with the assessment's files. */
  protected evidenceUploaded(stored: AssessmentFile): void {
    this.assessment.update((current) => (current ? { ...current, files: [...current.files, stored] } : current));
    this.notice.set(`已上传第${stored.itemNo}项佐证材料 ${stored.fileName}（SHA-256 ${stored.sha256.slice(0, 12)}…）`);
  }

  protected downloadFile(file: AssessmentFile): void {
    const a = this.assessment();
    if (!a) return;
    this.api.file(a.id, file.id, file.fileName).subscribe({
      next: (download) => saveBlob(download.blob, download.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected downloadReport(): void {
    const a = this.assessment();
    if (!a) return;
    this.reportError.set('');
    this.api.downloadReport(a.id, `考核报告-${a.tenderCode}-${a.lotNo}-${a.year}.pdf`).subscribe({
      next: (pdf) => {
        this.reportDownloaded(pdf);
        saveBlob(pdf.blob, pdf.fileName);
      },
      error: (err: unknown) => this.reportError.set(toApiError(err).message),
    });
  }

  /** Called with each downloaded report; the bureau's page tells which version it was. */
  protected reportDownloaded(_pdf: FileDownload): void {}
}
