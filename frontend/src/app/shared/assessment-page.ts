import { HttpErrorResponse } from '@angular/common/http';
import { computed, Directive, effect, inject, input, signal, untracked } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { AssessmentsApi } from '../core/assessments-api';
import type { AssessmentDetail, AssessmentFile, ItemEntry, ItemScore, SchemeItem } from '@domain/wire/assessments';
import type { FileDownload } from '../core/api-client';
import {
  errorsByIndex,
  FILE_ACCEPT,
  FILE_MAX_BYTES,
  itemValue,
  possiblePoints,
  provisionalScore,
  ratePercent,
  ruleText,
  scoreText,
  sizeText,
} from './assessment-entry';
import { saveBlob } from './download';
import { amountCapitals, groupDigits } from './money';

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
  protected readonly capitals = (amount: string | null | undefined) => (amount ? (amountCapitals(amount) ?? amount) : '—');

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
    for (const item of this.prefill(a)) {
      this.values[item.no] = itemValue(item, a.kind);
      this.notes[item.no] = item.note ?? '';
    }
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

  protected provisional(): string {
    return provisionalScore(this.kind(), this.items(), this.values);
  }

  protected evidenceOf(no: string): AssessmentFile[] {
    return this.assessment()?.files.filter((f) => f.kind === 'evidence' && f.itemNo === no) ?? [];
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
