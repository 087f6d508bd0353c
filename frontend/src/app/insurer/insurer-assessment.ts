import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../core/api-error';
import { AssessmentDetail as Assessment, AssessmentFile, AssessmentsApi, ItemInput, SchemeItem } from '../core/assessments-api';
import { dispositionName, pdfOf, toApiErrorAsync } from '../core/contracts-api';
import {
  ASSESSMENT_STATUS,
  chinaToday,
  errorsByIndex,
  FILE_ACCEPT,
  fileProblem,
  itemValue,
  itemValueProblem,
  possiblePoints,
  provisionalScore,
  ratePercent,
  ruleText,
  SCHEME_KIND,
  scoreText,
  sizeText,
} from '../shared/assessment-labels';
import { formatCapitals } from '../shared/capitals';
import { saveBlob } from '../shared/download';
import { labelOf } from '../shared/labels';
import { groupDigits } from '../shared/money';

/**
 * One of the insurer's assessments (/insurer/assessments/:id): the deadlines; while open, the annual
 * operation report and self-assessment; once published, the result with each item's score and note,
 * objections within the period and the bureau's answers, and the report PDF. Before publication the
 * API shows nothing of the bureau's scoring, only the insurer's own submission.
 */
@Component({
  selector: 'app-insurer-assessment',
  imports: [DatePipe, FormsModule, RouterLink],
  templateUrl: './insurer-assessment.html',
  styles: `
    .self-items input.self-score {
      width: 80px;
    }
    .self-items input.self-note {
      width: 240px;
    }
    .self-items td,
    .result-items td {
      vertical-align: top;
    }
    .self-items .muted.rule {
      display: block;
      font-size: 12px;
    }
    .wide-field {
      flex: 1 1 100%;
    }
    textarea {
      width: 100%;
      min-height: 70px;
    }
    .sha {
      font-family: monospace;
      font-size: 12px;
    }
    .outcome {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 24px;
      align-items: baseline;
    }
    .outcome .big {
      font-size: 24px;
      font-weight: 600;
    }
    .objection {
      padding: 12px;
      margin-bottom: 12px;
      border: 1px solid var(--border);
      border-radius: 4px;
    }
  `,
})
export class InsurerAssessment {
  private readonly api = inject(AssessmentsApi);

  /** Route parameter. */
  readonly id = input.required<string | number>();

  protected readonly assessment = signal<Assessment | null>(null);
  protected readonly error = signal('');
  protected readonly notice = signal('');
  protected readonly busy = signal(false);
  protected readonly submitError = signal<ApiError | null>(null);
  protected readonly itemErrors = signal<Partial<Record<string, string[]>>>({});
  protected readonly objectionError = signal<ApiError | null>(null);
  protected readonly reportError = signal('');

  protected values: Record<string, string> = {};
  protected notes: Record<string, string> = {};
  protected summary = '';
  protected objectionText = '';
  private reportFile: File | null = null;
  protected readonly reportFileName = signal('');

  protected readonly kind = computed(() => this.assessment()?.kind ?? 'points');
  protected readonly items = computed(() => this.assessment()?.scheme.items ?? []);
  protected readonly open = computed(() => ['open', 'submitted'].includes(this.assessment()?.status ?? ''));
  protected readonly published = computed(() => ['published', 'final'].includes(this.assessment()?.status ?? ''));
  protected readonly reportFiles = computed(() => this.assessment()?.files.filter((f) => f.kind === 'report') ?? []);
  /** Objections are taken while the result is published, up to and including the deadline (China time). */
  protected readonly objectionOpen = computed(() => {
    const a = this.assessment();
    const deadline = a?.deadlines.objectionDeadline;
    return a?.status === 'published' && !!deadline && chinaToday() <= deadline;
  });

  protected readonly money = groupDigits;
  protected readonly score = scoreText;
  protected readonly size = sizeText;
  protected readonly rate = ratePercent;
  protected readonly ruleText = ruleText;
  protected readonly fileAccept = FILE_ACCEPT;
  protected readonly statusLabel = (s: string) => labelOf(ASSESSMENT_STATUS, s);
  protected readonly kindLabel = (k: string) => labelOf(SCHEME_KIND, k);
  protected readonly capitals = (amount: string | null | undefined) => (amount ? (formatCapitals(amount) ?? amount) : '—');

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

  protected problem(item: SchemeItem): string | null {
    return itemValueProblem(this.kind(), item, this.values[item.no]);
  }

  protected allowed(item: SchemeItem): string {
    const possible = possiblePoints(item);
    return possible ? `可选：${possible.join('、')}` : `0–${item.max}`;
  }

  protected provisional(): string {
    return provisionalScore(this.kind(), this.items(), this.values);
  }

  protected bureauValue(no: string): string {
    return itemValue(this.assessment()?.items?.find((i) => i.no === no), this.kind());
  }

  protected bureauNote(no: string): string {
    return this.assessment()?.items?.find((i) => i.no === no)?.note ?? '';
  }

  protected selfValue(no: string): string {
    return itemValue(this.assessment()?.selfAssessment?.items.find((i) => i.no === no), this.kind());
  }

  protected evidenceOf(no: string): AssessmentFile[] {
    return this.assessment()?.files.filter((f) => f.kind === 'evidence' && f.itemNo === no) ?? [];
  }

  protected chooseReport(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.reportFile = file;
    this.reportFileName.set(file?.name ?? '');
    this.submitError.set(file && fileProblem(file) ? { message: fileProblem(file)!, errors: [] } : null);
  }

  /** The report file and every item's self-score in one multipart request. */
  protected submit(): void {
    const a = this.assessment();
    if (!a) return;
    this.notice.set('');
    this.submitError.set(null);
    this.itemErrors.set({});
    const field = a.kind === 'points' ? 'points' : 'deduction';
    const problems: Record<string, string[]> = {};
    const items: ItemInput[] = [];
    for (const item of a.scheme.items) {
      const value = (this.values[item.no] ?? '').toString().trim();
      const note = (this.notes[item.no] ?? '').trim();
      const problem = value ? itemValueProblem(a.kind, item, value) : `须填写自评${a.kind === 'points' ? '得分' : '扣分'}`;
      if (problem) problems[item.no] = [problem];
      else items.push({ no: item.no, [field]: value, ...(note && { note }) });
    }
    const file = this.reportFile;
    const fileIssue = file ? fileProblem(file) : '须上传年度运行报告';
    if (Object.keys(problems).length || fileIssue) {
      this.itemErrors.set(problems);
      this.submitError.set({ message: fileIssue ?? '自评须逐项填写，请按提示修改', errors: [] });
      return;
    }
    this.busy.set(true);
    this.api.submitSelfAssessment(a.id, file!, items, this.summary).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.show(updated);
        this.notice.set('已提交年度运行报告和自评');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        const e = toApiError(err);
        this.submitError.set(e);
        const byItem: Record<string, string[]> = {};
        for (const [index, messages] of errorsByIndex(e.errors, 'items')) {
          const no = items[index]?.no;
          if (no) byItem[no] = messages;
        }
        this.itemErrors.set(byItem);
        if (err instanceof HttpErrorResponse && err.status === 409) this.load();
      },
    });
  }

  protected raiseObjection(): void {
    const a = this.assessment();
    const text = this.objectionText.trim();
    if (!a) return;
    this.objectionError.set(null);
    this.notice.set('');
    if (!text) {
      this.objectionError.set({ message: '须填写异议内容及理由', errors: [] });
      return;
    }
    this.busy.set(true);
    this.api.object(a.id, text).subscribe({
      next: (objection) => {
        this.busy.set(false);
        this.objectionText = '';
        this.assessment.update((current) => (current ? { ...current, objections: [...current.objections, objection] } : current));
        this.notice.set('异议已提交，等待医保局答复');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.objectionError.set(toApiError(err));
      },
    });
  }

  protected downloadFile(file: AssessmentFile): void {
    const a = this.assessment();
    if (!a) return;
    this.api.file(a.id, file.id).subscribe({
      next: (response) => saveBlob(response.body ?? new Blob(), dispositionName(response.headers.get('Content-Disposition'), file.fileName)),
      error: async (err: unknown) => this.error.set((await toApiErrorAsync(err)).message),
    });
  }

  protected downloadReport(): void {
    const a = this.assessment();
    if (!a) return;
    this.reportError.set('');
    this.api.downloadReport(a.id).subscribe({
      next: (response) => {
        const pdf = pdfOf(response, `考核报告-${a.tenderCode}-${a.lotNo}-${a.year}.pdf`);
        saveBlob(pdf.blob, pdf.fileName);
      },
      error: async (err: unknown) => this.reportError.set((await toApiErrorAsync(err)).message),
    });
  }

  private show(a: Assessment): void {
    this.assessment.set(a);
    this.values = {};
    this.notes = {};
    for (const s of a.selfAssessment?.items ?? []) {
      this.values[s.no] = itemValue(s, a.kind);
      this.notes[s.no] = s.note ?? '';
    }
    this.summary = a.selfAssessment?.summary ?? '';
  }
}
