import { Component, inject, input, output, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { EvidenceKind } from '@domain/assessments/assessment-codes';
import type { AssessmentFile } from '@domain/wire/assessments';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { toApiError } from '../core/api-error';
import { AssessmentsApi } from '../core/assessments-api';
import { FILE_ACCEPT, FILE_MAX_BYTES, fileProblem } from './assessment-entry';
import { FileUpload } from './file-upload';

/**
 * An assessment item's evidence (佐证材料) of one kind: its files, each to download, and while `open`
 * one more file chosen, described and uploaded with its progress. The bureau's evidence on its
 * assessment page, the insurer's beside its self-assessment.
 */
@Component({
  selector: 'app-item-evidence',
  imports: [NzTypographyModule, FormsModule, NzButtonModule, NzFormModule, NzInputModule, FileUpload],
  template: `
    <ul class="evidence-list">
      @for (f of files(); track f.id) {
        <li class="evidence-file-entry">
          <a href="" (click)="$event.preventDefault(); download.emit(f)">{{ f.fileName }}</a>
          <span class="sha" [title]="f.sha256"> {{ f.sha256.slice(0, 8) }}…</span>
          @if (f.description) {
            <span nz-typography nzType="secondary">（{{ f.description }}）</span>
          }
        </li>
      }
    </ul>
    @if (open()) {
      <nz-form-control [nzValidateStatus]="error() ? 'error' : ''" [nzErrorTip]="error()">
        <app-file-upload
          class="evidence-file"
          [attr.data-item]="itemNo()"
          [inputId]="kind() + '-file-' + itemNo()"
          [label]="'第' + itemNo() + '项佐证材料文件'"
          size="small"
          showHint="false"
          [accept]="accept"
          [maxBytes]="maxBytes"
          [files]="pending()"
          (filesChange)="pending.set($event)"
          (chosen)="error.set(fileProblem($event[0]) ?? '')"
        />
        @if (pending().length) {
          <input
            nz-input
            nzSize="small"
            class="evidence-desc"
            [attr.data-item]="itemNo()"
            [attr.aria-label]="'第' + itemNo() + '项材料说明'"
            autocomplete="off"
            maxlength="500"
            placeholder="材料说明（可选）"
            [(ngModel)]="description"
          />
          <button
            nz-button
            nzSize="small"
            type="button"
            class="upload-evidence"
            [attr.data-item]="itemNo()"
            [disabled]="busy() || !!error()"
            (click)="send()"
          >
            上传
          </button>
        }
      </nz-form-control>
    }
  `,
})
export class ItemEvidence {
  private readonly api = inject(AssessmentsApi);
  readonly assessmentId = input.required<number>();
  readonly kind = input.required<EvidenceKind>();
  readonly itemNo = input.required<string>();
  /** The item's files of this kind. */
  readonly files = input.required<AssessmentFile[]>();
  /** Whether more may be added (the page knows its own rule). */
  readonly open = input(true);
  readonly uploaded = output<AssessmentFile>();
  readonly download = output<AssessmentFile>();

  protected readonly accept = FILE_ACCEPT;
  protected readonly maxBytes = FILE_MAX_BYTES;
  protected readonly fileProblem = fileProblem;
  /** The file chosen (at most one) until it is uploaded. */
  protected readonly pending = signal<File[]>([]);
  /** What is wrong with the file chosen or sent ('' : nothing). */
  protected readonly error = signal('');
  protected readonly busy = signal(false);
  protected description = '';
  private readonly upload = viewChild(FileUpload);

  protected send(): void {
    const [file] = this.pending();
    const upload = this.upload();
    if (!file || !upload) return;
    const problem = fileProblem(file);
    if (problem) return this.error.set(problem);
    this.busy.set(true);
    upload
      .send((progress) => this.api.addEvidence(this.assessmentId(), this.kind(), this.itemNo(), file, this.description, progress))
      .subscribe({
        next: (stored) => {
          this.busy.set(false);
          upload.clear();
          this.pending.set([]);
          this.description = '';
          this.error.set('');
          this.uploaded.emit(stored);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          const e = toApiError(err);
          this.error.set([e.message, ...e.errors.map((x) => x.message)].join('：'));
        },
      });
  }
}
