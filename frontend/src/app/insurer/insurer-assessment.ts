import { DatePipe } from '@angular/common';
import { Component, computed, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ApiError, FieldError, toApiError } from '../core/api-error';
import type { AssessmentDetail, ItemEntry, ItemScore, SchemeItem } from '@domain/wire/assessments';
import { ErrorBox, pathMatches } from '../shared/api-errors';
import { chinaToday, fileProblem, itemValue } from '../shared/assessment-entry';
import { AssessmentPage } from '../shared/assessment-page';
import { FIELD_STATUS } from '../shared/field-status';
import { FileUpload } from '../shared/file-upload';
import { ItemEvidence } from '../shared/item-evidence';
import { LabelPipe } from '../shared/label.pipe';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { StatusTag } from '../shared/status-tag';
import { AssessmentOutcome } from '../shared/assessment-outcome';

/**
 * One of the insurer's assessments (/insurer/assessments/:id): the deadlines; while open, the annual
 * operation report and self-assessment with each item's evidence (佐证材料); once published, the result
 * with each item's score and note, objections within the period and the bureau's answers, and the report
 * PDF. Before publication the API shows nothing of the bureau's scoring, only the insurer's own submission.
 * Field errors, the page's own checks and the API's, show under their inputs by the request's paths
 * (`items[2].deduction`: every item is sent, in the scheme's order).
 */
@Component({
  selector: 'app-insurer-assessment',
  imports: [
    AssessmentOutcome,
    StatusTag,
    LabelPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    FileUpload,
    ItemEvidence,
    ErrorBox,
    FIELD_STATUS,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzCardModule,
    NzDescriptionsModule,
    NzFlexModule,
    NzTableModule,
    NzTagModule,
    NzTypographyModule,
  ],
  templateUrl: './insurer-assessment.html',
  styles: `
    .self-items td,
    .result-items td {
      vertical-align: top;
    }
    .self-items nz-form-item {
      margin-bottom: 0;
    }
    .self-items .self-score,
    .self-items .self-count {
      width: 100px;
    }
    .self-items .self-met {
      min-width: 150px;
    }
    .self-items .self-note {
      min-width: 200px;
    }
    .self-items .rule,
    .self-items .item-result {
      display: block;
      font-size: 12px;
    }
  `,
})
export class InsurerAssessment extends AssessmentPage {
  /** The self-assessment's refusal: the page's own checks or the API's, each field's under its input. */
  protected readonly submitError = signal<ApiError | null>(null);
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
  /** The request paths shown under an input; the error box lists the rest. */
  protected readonly shownFields = computed(() => [
    'file',
    'summary',
    ...this.items().flatMap((item, i) => [this.valuePath(item, i), this.notePath(i)]),
  ]);

  /** The note's heading: the explanation and evidence of a points item, the reason of a deduction. */
  protected readonly noteLabel = computed(() => (this.kind() === 'points' ? '说明及佐证' : '扣分原因'));

  /** Where the API reports the item's entry: `items[i].deduction`, `items[i].met`, … */
  protected valuePath(item: SchemeItem, index: number): string {
    const input = this.inputOf(item);
    return `items[${index}].${input === 'value' ? (this.kind() === 'points' ? 'points' : 'deduction') : input}`;
  }

  protected notePath(index: number): string {
    return `items[${index}].note`;
  }

  /** An item changed: what was said of it at the last submission no longer holds. */
  protected edited(index: number): void {
    const at = `items[${index}]`;
    this.submitError.update((e) => e && { ...e, errors: e.errors.filter((x) => !pathMatches(x.path, at)) });
  }

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
    this.submitError.set(problem ? { message: problem, errors: [{ path: 'file', message: problem }] } : null);
  }

  /** The report file and every item's self-score in one multipart request, checked first as the API checks it. */
  protected submit(upload: FileUpload): void {
    const a = this.assessment();
    if (!a) return;
    this.notice.set('');
    this.submitError.set(null);
    const problems: FieldError[] = [];
    const items: ItemEntry[] = [];
    a.scheme.items.forEach((item, i) => {
      const entry = this.entryOf(item);
      const note = (this.notes[item.no] ?? '').trim();
      const problem = this.entryProblem(item) ?? (entry ? null : `须填写${this.fieldName(item)}`);
      const reason = problem ? null : this.reasonProblem(item);
      if (problem) problems.push({ path: this.valuePath(item, i), message: problem });
      if (reason) problems.push({ path: this.notePath(i), message: reason });
      if (entry) items.push({ no: item.no, ...entry, ...(note && { note }) });
    });
    const file = this.reportChoice[0];
    const fileIssue = file ? fileProblem(file) : '须上传年度运行报告';
    if (fileIssue) problems.push({ path: 'file', message: fileIssue });
    if (problems.length) {
      this.submitError.set({ message: fileIssue && problems.length === 1 ? fileIssue : '自评须逐项填写，请按提示修改', errors: problems });
      return;
    }
    const request = upload.send((progress) => this.api.submitSelfAssessment(a.id, file, items, this.summary, progress));
    this.sendItems(request, items, '已提交年度运行报告和自评', (error) => this.submitError.set(error));
  }

  protected raiseObjection(): void {
    const a = this.assessment();
    const text = this.objectionText.trim();
    if (!a) return;
    this.objectionError.set(null);
    this.notice.set('');
    if (!text) {
      this.objectionError.set({ message: '须填写异议内容及理由', errors: [{ path: 'text', message: '须填写异议内容及理由' }] });
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
