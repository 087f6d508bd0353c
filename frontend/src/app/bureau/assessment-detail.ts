import { DatePipe } from '@angular/common';
import { Component, computed, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { HttpErrorResponse } from '@angular/common/http';
import { ApiError, FieldError, toApiError } from '../core/api-error';
import { AssessmentsApi } from '../core/assessments-api';
import type { AssessmentDetail, ItemEntry, ItemScore, ObjectionView, SchemeItem } from '@domain/wire/assessments';
import type { FileDownload } from '../core/api-client';
import { chinaToday, deductionCapped, itemValueProblem } from '../shared/assessment-entry';
import { AssessmentPage, FIELD_NAMES } from '../shared/assessment-page';
import { saveBlob } from '../shared/download';
import { normaliseAmount } from '../shared/money';
import { FileUpload } from '../shared/file-upload';
import { ItemEvidence } from '../shared/item-evidence';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { LabelPipe } from '../shared/label.pipe';
import { errorLabel, label } from '@domain/labels';
import { MILESTONE_STATUSES, type MilestoneStatus } from '@domain/lifecycles';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { StatusTag } from '../shared/status-tag';
import { AssessmentOutcome } from '../shared/assessment-outcome';

interface Revision {
  no: string;
  value: string;
  note: string;
}

interface AnswerForm {
  text: string;
  revisions: Revision[];
  error: ApiError | null;
}

const isMilestoneStatus = (status: string): status is MilestoneStatus => (MILESTONE_STATUSES as readonly string[]).includes(status);

/**
 * One assessment (/bureau/assessments/:id): deadlines, every scheme item with the insurer's
 * self-assessment beside the bureau's score, note and evidence; the outcome; Excel template and import;
 * publishing, answering objections, finalising; the report PDF. The API's field errors show under the
 * input they name: `items[2].deduction` is the third item of the last save, `revisedItems[0].points` the
 * first revision of an answer.
 */
@Component({
  selector: 'app-bureau-assessment-detail',
  imports: [
    AssessmentOutcome,
    StatusTag,
    LabelPipe,
    DatePipe,
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCheckboxModule,
    NzFormModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzTypographyModule,
    FileUpload,
    ItemEvidence,
    ErrorBox,
    FIELD_STATUS,
    NzCardModule,
    NzDescriptionsModule,
    NzFlexModule,
    NzGridModule,
    NzTableModule,
    NzTagModule,
  ],
  templateUrl: './assessment-detail.html',
  styles: `
    .section-title {
      margin-top: 20px;
    }
    .items input.item-score {
      width: 80px;
    }
    .items input.item-count {
      width: 56px;
    }
    .items .rule-input,
    .items .item-result {
      display: block;
      white-space: nowrap;
    }
    .items input.item-note {
      width: 200px;
    }
    .items td {
      vertical-align: top;
    }
    .items .item-name [nz-typography] {
      display: block;
      font-size: 12px;
    }
    .items tr.invalid td {
      background: #fdf2f1;
    }
    .revision nz-select {
      width: 240px;
    }
  `,
})
export class BureauAssessmentDetail extends AssessmentPage {
  protected readonly saveError = signal<ApiError | null>(null);
  /** Problems found before sending, by item number. */
  protected readonly clientErrors = signal<Record<string, string>>({});
  /** The item numbers of the last save, in the order sent: the API's field errors name an item by that place. */
  private readonly sentNos = signal<string[]>([]);
  protected readonly importErrors = signal<FieldError[]>([]);
  protected readonly importMessage = signal('');
  protected readonly reportInfo = signal('');
  protected operatingCost = '';
  protected answers: Record<number, AnswerForm> = {};

  protected readonly editable = computed(() => ['open', 'submitted'].includes(this.assessment()?.status ?? ''));
  protected readonly hasReport = computed(() => ['published', 'final'].includes(this.assessment()?.status ?? ''));
  /** The reward milestone's status in Chinese (the answer carries it as a plain string). */
  protected milestoneStatus(status: string): string {
    return isMilestoneStatus(status) ? label('milestoneStatus', status) : status;
  }

  protected readonly unanswered = computed(() => this.assessment()?.objections.filter((o) => !o.answeredAt) ?? []);

  /**
   * The evaluator's notes on the result, each a code of the error catalogue said in Chinese by the label
   * table; the missing operating cost is already among the reasons shown.
   */
  protected readonly resultErrors = computed(() =>
    (this.assessment()?.result?.errors ?? []).filter((e) => e.code !== 'operatingCostMissing').map((e) => errorLabel(e)),
  );

  /** Why the result cannot be published yet, or null. */
  protected readonly publishBlock = computed(() => {
    const a = this.assessment();
    if (!a?.result) return null;
    const reasons: string[] = [];
    if (a.result.unscored.length) reasons.push(`未评分的考核项：第${a.result.unscored.join('、')}项`);
    if (a.kind === 'points' && a.operatingCost === null) reasons.push('须录入运营成本（含盈利）');
    reasons.push(...this.resultErrors());
    return reasons.length ? reasons.join('；') : null;
  });

  /** Why the result cannot be finalised yet, or null. */
  protected readonly finaliseBlock = computed(() => {
    const a = this.assessment();
    if (!a || a.status !== 'published') return null;
    const deadline = a.deadlines.objectionDeadline;
    if (deadline && chinaToday() <= deadline) return `异议期至${deadline}（含当日），期满后方可定稿`;
    if (this.unanswered().length) return `尚有${this.unanswered().length}条异议未答复，答复后方可定稿`;
    return null;
  });

  /**
   * The fields whose API errors show under their input: the operating cost, and each saved item's entry
   * and note. The error box lists the rest.
   */
  protected readonly shownErrors = computed(() => [
    'operatingCost',
    ...this.sentNos().flatMap((no, index) => {
      const item = this.items().find((i) => i.no === no);
      return item ? [`items[${index}].${this.entryField(item)}`, `items[${index}].note`] : [];
    }),
  ]);

  /** Where the last save's field errors put the item: `items[2]` (`items[-1]`, which no error names, when it was not sent). */
  protected sentPath(no: string): string {
    return `items[${this.sentNos().indexOf(no)}]`;
  }

  /** The field a revision in an objection's answer sets. */
  protected revisedField(): 'points' | 'deduction' {
    return this.kind() === 'points' ? 'points' : 'deduction';
  }

  /** The answer's fields whose API errors show under their input: the text and each revision's item, value and note. */
  protected answerShown(form: AnswerForm): string[] {
    return ['text', ...form.revisions.flatMap((_, i) => ['no', this.revisedField(), 'note'].map((f) => `revisedItems[${i}].${f}`))];
  }

  protected selfNote(no: string): string {
    return this.assessment()?.selfAssessment?.items.find((i) => i.no === no)?.note ?? '';
  }

  protected problem(item: SchemeItem): string | null {
    return this.entryProblem(item) ?? this.clientErrors()[item.no] ?? null;
  }

  protected capped(item: SchemeItem): boolean {
    return this.kind() === 'deduction' && deductionCapped(item, this.values[item.no]);
  }

  /** Saves the entered item scores (those with a value) and the operating cost, after checking them here. */
  protected save(): void {
    const a = this.assessment();
    if (!a) return;
    this.notice.set('');
    this.saveError.set(null);
    const problems: Record<string, string> = {};
    const items: ItemEntry[] = [];
    for (const item of a.scheme.items) {
      const entry = this.entryOf(item);
      const note = (this.notes[item.no] ?? '').trim();
      const problem = this.entryProblem(item);
      if (problem) problems[item.no] = problem;
      else if (!entry && note) problems[item.no] = `录入说明的同时须录入${this.fieldName(item)}`;
      else if (entry) items.push({ no: item.no, ...entry, ...(note && { note }) });
    }
    let operatingCost: string | undefined;
    if (a.kind === 'points' && this.operatingCost.trim()) {
      const normalised = normaliseAmount(this.operatingCost);
      if (normalised === null) problems['operatingCost'] = '运营成本须为金额（元，最多两位小数）';
      else operatingCost = normalised;
    }
    this.clientErrors.set(problems);
    if (Object.keys(problems).length) {
      this.saveError.set({ message: '部分录入有误，请按提示修改后再保存', errors: [] });
      return;
    }
    if (!items.length && operatingCost === undefined) {
      this.saveError.set({ message: '尚未录入任何考核项', errors: [] });
      return;
    }
    this.sentNos.set(items.map((i) => i.no));
    this.sendItems(this.api.score(a.id, items, operatingCost), items, '已保存评分，考核结果已重新计算', (error) =>
      this.saveError.set(error),
    );
  }

  protected downloadTemplate(): void {
    const a = this.assessment();
    if (!a) return;
    this.api.template(a.id, `考核评分表-${a.id}.xlsx`).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  /** Imports the filled-in template: all rows or none; a 400 lists the rows at fault. */
  protected importItems(file: File, upload: FileUpload): void {
    const a = this.assessment();
    if (!a) return;
    this.importErrors.set([]);
    this.importMessage.set('');
    this.notice.set('');
    if (!/\.xlsx$/i.test(file.name)) {
      this.importMessage.set('须为Excel（.xlsx）文件');
      upload.clear();
      return;
    }
    this.busy.set(true);
    upload
      .send((progress) => this.api.importItems(a.id, file, progress))
      .subscribe({
        next: (updated) => {
          this.busy.set(false);
          upload.clear();
          this.show(updated);
          this.notice.set(`已从 ${file.name} 导入评分，考核结果已重新计算`);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          upload.clear();
          const e = toApiError(err);
          this.importMessage.set(e.message);
          this.importErrors.set(e.errors);
        },
      });
  }

  /** `rows[5].points` → 第5行 得分. */
  protected rowLabel(path: string): string {
    const match = /^rows\[(\d+)\](?:\.(\w+))?/.exec(path);
    if (!match) return path;
    return `第${match[1]}行${match[2] ? ' ' + (FIELD_NAMES[match[2]] ?? match[2]) : ''}`;
  }

  /** Asked first (nz-popconfirm): published scores can no longer be edited directly. */
  protected publish(): void {
    const a = this.assessment();
    if (!a) return;
    this.act(this.api.publish(a.id), '考核结果已公布，异议期开始');
  }

  /** Asked first (nz-popconfirm): a final assessment is locked and settles the contract. */
  protected finalise(): void {
    const a = this.assessment();
    if (!a) return;
    this.act(this.api.finalise(a.id), '考核结果已定稿');
  }

  protected answerForm(o: ObjectionView): AnswerForm {
    return (this.answers[o.id] ??= { text: '', revisions: [], error: null });
  }

  protected addRevision(o: ObjectionView): void {
    this.answerForm(o).revisions.push({ no: this.items()[0]?.no ?? '', value: '', note: '' });
  }

  protected removeRevision(o: ObjectionView, index: number): void {
    this.answerForm(o).revisions.splice(index, 1);
  }

  protected itemName(no: string): string {
    return this.items().find((i) => i.no === no)?.name ?? '';
  }

  protected answer(o: ObjectionView): void {
    const a = this.assessment();
    if (!a) return;
    const form = this.answerForm(o);
    form.error = null;
    const text = form.text.trim();
    const field = this.revisedField();
    const problems: FieldError[] = text ? [] : [{ path: 'text', message: '须填写答复' }];
    const revised: ItemEntry[] = [];
    form.revisions.forEach((r, i) => {
      const item = this.items().find((x) => x.no === r.no);
      const value = r.value.toString().trim();
      if (!item) problems.push({ path: `revisedItems[${i}].no`, message: '须选择考核项' });
      const problem = item && (value ? itemValueProblem(a.kind, item, value) : '须录入修改后的分值');
      if (problem) problems.push({ path: `revisedItems[${i}].${field}`, message: problem });
      revised.push({ no: r.no, [field]: value, ...(r.note.trim() && { note: r.note.trim() }) });
    });
    if (problems.length) {
      form.error = { message: '答复有误，请按提示修改', errors: problems };
      return;
    }
    this.busy.set(true);
    this.api.answer(a.id, o.id, text, revised).subscribe({
      next: (updated) => {
        this.busy.set(false);
        delete this.answers[o.id];
        this.show(updated);
        this.notice.set(revised.length ? '已答复异议并修改评分' : '已答复异议');
      },
      error: (err: unknown) => {
        this.busy.set(false);
        form.error = toApiError(err);
      },
    });
  }

  protected generateReport(): void {
    const a = this.assessment();
    if (!a) return;
    this.reportError.set('');
    this.reportInfo.set('');
    this.busy.set(true);
    this.api.generateReport(a.id, `考核报告-${a.tenderCode}-${a.lotNo}-${a.year}.pdf`).subscribe({
      next: (doc) => {
        this.busy.set(false);
        this.reportInfo.set(`已生成考核报告第${doc.version}版（SHA-256 ${doc.sha256.slice(0, 12)}…）`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.reportError.set(toApiError(err).message);
      },
    });
  }

  private act(request: ReturnType<AssessmentsApi['publish']>, done: string): void {
    this.notice.set('');
    this.saveError.set(null);
    this.busy.set(true);
    request.subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.show(updated);
        this.notice.set(done);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.saveError.set(toApiError(err));
        if (err instanceof HttpErrorResponse && err.status === 409) this.load();
      },
    });
  }

  protected override prefill(a: AssessmentDetail): ItemScore[] {
    return a.items ?? [];
  }

  protected override show(a: AssessmentDetail): void {
    super.show(a);
    this.operatingCost = a.operatingCost ?? '';
    this.clientErrors.set({});
  }

  protected override reportDownloaded(pdf: FileDownload): void {
    if (pdf.version) this.reportInfo.set(`已下载考核报告第${pdf.version}版${pdf.sha256 ? `（SHA-256 ${pdf.sha256.slice(0, 12)}…）` : ''}`);
  }
}
