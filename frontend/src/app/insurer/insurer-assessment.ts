import { DatePipe } from '@angular/common';
import { Component, computed, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../core/api-error';
import type { AssessmentDetail, ItemEntry, ItemScore, SchemeItem } from '@domain/wire/assessments';
import { chinaToday, fileProblem, itemValue } from '../shared/assessment-entry';
import { AssessmentPage } from '../shared/assessment-page';
import { FileUpload } from '../shared/file-upload';
import { LabelPipe } from '../shared/label.pipe';

/**
 * One of the insurer's assessments (/insurer/assessments/:id): the deadlines; while open, the annual
 * operation report and self-assessment; once published, the result with each item's score and note,
 * objections within the period and the bureau's answers, and the report PDF. Before publication the
 * API shows nothing of the bureau's scoring, only the insurer's own submission.
 */
@Component({
  selector: 'app-insurer-assessment',
  imports: [LabelPipe, DatePipe, FormsModule, RouterLink, FileUpload],
  templateUrl: './insurer-assessment.html',
  styles: `
    .self-items input.self-score,
    .self-items input.self-count {
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
export class InsurerAssessment extends AssessmentPage {
  protected readonly submitError = signal<ApiError | null>(null);
  protected readonly itemErrors = signal<Partial<Record<string, string[]>>>({});
  protected readonly objectionError = signal<ApiError | null>(null);

  protected summary = '';
  protected objectionText = '';
  /** The item objected to; empty for the result as a whole. */
  protected objectionItem = '';
  /** The chosen report file (at most one), sent with the self-assessment. */
  protected reportChoice: File[] = [];

  protected readonly open = computed(() => ['open', 'submitted'].includes(this.assessment()?.status ?? ''));
  protected readonly published = computed(() => ['published', 'final'].includes(this.assessment()?.status ?? ''));
  /** Objections are taken while the result is published, up to and including the deadline (China time). */
  protected readonly objectionOpen = computed(() => {
    const a = this.assessment();
    const deadline = a?.deadlines.objectionDeadline;
    return a?.status === 'published' && !!deadline && chinaToday() <= deadline;
  });

  /** The note's heading: the explanation and evidence of a points item, the reason of a deduction. */
  protected readonly noteLabel = computed(() => (this.kind() === 'points' ? '说明及佐证' : '扣分原因'));

  /** What is wrong with the item's self-assessment as typed (empty is fine until it is submitted). */
  protected problem(item: SchemeItem): string | null {
    return this.entryProblem(item);
  }

  /** A deduction the insurer gives itself comes with its reason (the item's note), for the bureau to check. */
  protected reasonProblem(item: SchemeItem): string | null {
    if (this.kind() !== 'deduction' || (this.notes[item.no] ?? '').trim()) return null;
    const deduction = (this.values[item.no] ?? '').toString().trim();
    return deduction && !this.entryProblem(item) && Number(deduction) > 0 ? '有扣分的须说明扣分原因' : null;
  }

  protected bureauValue(no: string): string {
    return itemValue(
      this.assessment()?.items?.find((i) => i.no === no),
      this.kind(),
    );
  }

  protected bureauNote(no: string): string {
    return this.assessment()?.items?.find((i) => i.no === no)?.note ?? '';
  }

  protected chooseReport(file: File): void {
    const problem = fileProblem(file);
    this.submitError.set(problem ? { message: problem, errors: [] } : null);
  }

  /** The report file and every item's self-score in one multipart request. */
  protected submit(upload: FileUpload): void {
    const a = this.assessment();
    if (!a) return;
    this.notice.set('');
    this.submitError.set(null);
    this.itemErrors.set({});
    const problems: Record<string, string[]> = {};
    const items: ItemEntry[] = [];
    for (const item of a.scheme.items) {
      const entry = this.entryOf(item);
      const note = (this.notes[item.no] ?? '').trim();
      const problem = this.entryProblem(item) ?? (entry ? this.reasonProblem(item) : `须填写${this.fieldName(item)}`);
      if (problem) problems[item.no] = [problem];
      else if (entry) items.push({ no: item.no, ...entry, ...(note && { note }) });
    }
    const file = this.reportChoice[0];
    const fileIssue = file ? fileProblem(file) : '须上传年度运行报告';
    if (Object.keys(problems).length || fileIssue) {
      this.itemErrors.set(problems);
      this.submitError.set({ message: fileIssue ?? '自评须逐项填写，请按提示修改', errors: [] });
      return;
    }
    const request = upload.send((progress) => this.api.submitSelfAssessment(a.id, file, items, this.summary, progress));
    this.sendItems(request, items, '已提交年度运行报告和自评', (error, byItem) => {
      this.submitError.set(error);
      this.itemErrors.set(byItem);
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
    this.api.object(a.id, text, this.objectionItem || null).subscribe({
      next: (objection) => {
        this.busy.set(false);
        this.objectionText = '';
        this.objectionItem = '';
        this.assessment.update((current) => (current ? { ...current, objections: [...current.objections, objection] } : current));
        this.notice.set('异议已提交，等待医保局答复');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.objectionError.set(toApiError(err));
      },
    });
  }

  protected override prefill(a: AssessmentDetail): ItemScore[] {
    return a.selfAssessment?.items ?? [];
  }

  protected override show(a: AssessmentDetail): void {
    super.show(a);
    this.summary = a.selfAssessment?.summary ?? '';
  }
}
