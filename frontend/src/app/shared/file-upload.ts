import { afterRenderEffect, booleanAttribute, Component, computed, ElementRef, inject, input, model, output, signal } from '@angular/core';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { finalize, type Observable } from 'rxjs';
import type { UploadProgress } from '../core/api-client';
import { sizeText } from './assessment-entry';

/** How each accepted type is named to users. */
const TYPE_NAMES: Record<string, string> = {
  '.pdf': 'PDF',
  '.jpg': 'JPG',
  '.jpeg': 'JPG',
  '.png': 'PNG',
  '.xlsx': 'Excel（.xlsx）',
  '.docx': 'Word（.docx）',
  '.json': 'JSON',
  'application/json': 'JSON',
};

/** The accepted types (an `accept` attribute) and the size limit in Chinese: "可上传 PDF、JPG，单个不超过10MB". */
export function acceptText(accept: string, maxBytes: number | null = null): string {
  const names = [
    ...new Set(
      accept
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean)
        .map((t) => TYPE_NAMES[t] ?? t.replace(/^\./, '').toUpperCase()),
    ),
  ];
  const mb = 1024 * 1024;
  const limit = maxBytes ? `单个不超过${maxBytes % mb === 0 ? `${maxBytes / mb}MB` : sizeText(maxBytes)}` : '';
  if (!names.length) return limit && `文件${limit}`;
  return `可上传 ${names.join('、')}${limit ? '，' + limit : ''}`;
}

/**
 * The one file picker of the UI, on nz-upload (its file input stays hidden, so the browser's own English
 * "Choose File" never shows): a Chinese button, the accepted types, the chosen files with name and size
 * and a 移除 button until they are sent, and the progress of the upload that `send` runs. The page decides
 * what is uploaded where and when: it binds `files` (sent with a form) or reacts to `chosen` (sent at once).
 * `inputId` names the hidden input (tests and `label for`), `label` is its accessible name.
 */
@Component({
  selector: 'app-file-upload',
  imports: [NzTypographyModule, NzUploadModule, NzButtonModule, NzIconModule, NzProgressModule],
  template: `
    <nz-upload
      [nzId]="inputId()"
      [nzAccept]="accept()"
      [nzMultiple]="multiple()"
      [nzDisabled]="disabled() || percent() !== null"
      [nzShowUploadList]="false"
      [nzBeforeUpload]="take"
    >
      <button nz-button type="button" class="choose-file" [nzSize]="size()" [title]="hint()" [disabled]="disabled() || percent() !== null">
        <nz-icon nzType="upload" />{{ buttonText() }}
      </button>
    </nz-upload>
    @if (showHint() && hint()) {
      <span nz-typography nzType="secondary" class="upload-hint">{{ hint() }}</span>
    }
    @if (files().length) {
      <ul class="chosen-files">
        @for (f of files(); track $index) {
          <li class="chosen-file">
            <nz-icon nzType="paper-clip" />
            <span class="file-name">{{ f.name }}</span>
            <span nz-typography nzType="secondary" class="file-size">（{{ sizeOf(f) }}）</span>
            @if (percent() === null) {
              <button
                nz-button
                nzType="link"
                nzSize="small"
                type="button"
                class="remove-file"
                [attr.aria-label]="'移除 ' + f.name"
                (click)="remove($index)"
              >
                移除
              </button>
            }
          </li>
        }
      </ul>
    }
    @if (percent() !== null) {
      <div class="upload-progress" role="status">
        <nz-progress [nzPercent]="percent()!" nzSize="small" />
        <span nz-typography nzType="secondary">{{ percent()! < 100 ? '正在上传 ' + percent() + '%' : '上传完成，正在处理…' }}</span>
      </div>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
    }
    .chosen-files {
      flex-basis: 100%;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .upload-progress {
      flex-basis: 100%;
      max-width: 320px;
    }
  `,
})
export class FileUpload {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** The accessible name of the picker (the hidden input and the button say what the file is for). */
  readonly label = input.required<string>();
  readonly inputId = input<string>();
  readonly accept = input('');
  readonly maxBytes = input<number | null>(null);
  readonly multiple = input(false, { transform: booleanAttribute });
  readonly disabled = input(false, { transform: booleanAttribute });
  readonly buttonText = input('选择文件');
  readonly size = input<'default' | 'small'>('default');
  /** Whether the accepted types are written beside the button (else only in its title, as in a table row). */
  readonly showHint = input(true, { transform: booleanAttribute });
  /** The chosen files, removable until sent. */
  readonly files = model<File[]>([]);
  /** The files of one choice, when they are chosen. */
  readonly chosen = output<File[]>();

  /** The upload's progress in percent while `send` runs, else null. */
  protected readonly percent = signal<number | null>(null);
  protected readonly sizeOf = (f: File) => sizeText(f.size);
  protected readonly hint = computed(() => acceptText(this.accept(), this.maxBytes()));
  /** The files of the choice under way: nz-upload hands them over one by one. */
  private batch: File[] = [];

  constructor() {
    afterRenderEffect(() => {
      const label = this.label();
      const button = this.host.nativeElement.querySelector('.choose-file');
      this.host.nativeElement.querySelector('input[type=file]')?.setAttribute('aria-label', label);
      button?.setAttribute('aria-label', `${label}：${this.buttonText()}`);
    });
  }

  /** nz-upload's hook for each chosen file: the file is kept here, never posted by nz-upload itself. */
  protected readonly take = (file: NzUploadFile, choice: NzUploadFile[]): boolean => {
    const chosen = file as unknown as File;
    this.batch.push(chosen);
    if (this.batch.length === choice.length) {
      const batch = this.batch;
      this.batch = [];
      this.files.set(this.multiple() ? [...this.files(), ...batch] : batch.slice(0, 1));
      this.chosen.emit(batch);
    }
    return false;
  };

  protected remove(index: number): void {
    this.files.set(this.files().filter((_, i) => i !== index));
  }

  /** Forgets the chosen files (after they were sent, or when the page refuses them). */
  clear(): void {
    this.files.set([]);
  }

  /** Runs an upload, showing its progress until it ends. */
  send<T>(request: (progress: UploadProgress) => Observable<T>): Observable<T> {
    this.percent.set(0);
    return request((p) => this.percent.set(p)).pipe(finalize(() => this.percent.set(null)));
  }
}
