import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import { FileUpload } from '../shared/file-upload';
import type { ImportProgress } from '@domain/dossier/import-progress';
import { catchError, EMPTY, finalize, Subscription, switchMap, timer } from 'rxjs';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { NzPageHeaderModule } from 'ng-zorro-antd/page-header';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzFormModule } from 'ng-zorro-antd/form';

/** Reads a chosen file as text (FileReader works in every browser and in jsdom). */
export function readFileText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'utf-8');
  });
}

/** 导入档案: upload a tender dossier (JSON); all or nothing, a bad one lists every offending path. */
@Component({
  selector: 'app-import-dossier',
  imports: [RouterLink, FileUpload, NzTypographyModule, NzAlertModule, NzCardModule, NzFlexModule, NzPageHeaderModule, NzFormModule],
  template: `
    <div nz-flex nzVertical nzGap="middle">
      <nz-page-header><h1 nz-page-header-title>导入档案</h1></nz-page-header>
      <nz-card nzSize="small">
        <p nz-typography nzType="secondary">
          选择招标项目档案（JSON 格式：项目、标包、评分表、投标人、投标、审查结果、专家评分及考核数据）。
          选择文件后立即上传；档案整体导入，任何一处有误则不导入任何内容。
        </p>
        <div nz-form nzLayout="vertical">
          <nz-form-item>
            <nz-form-label>档案文件</nz-form-label>
            <nz-form-control>
              <app-file-upload
                #picker
                inputId="dossier-file"
                label="档案文件"
                buttonText="选择档案并导入"
                accept=".json,application/json"
                [disabled]="uploading()"
                (chosen)="upload($event[0], picker)"
              />
            </nz-form-control>
          </nz-form-item>
        </div>
        @if (uploading() && uploaded()) {
          <nz-alert class="upload-status" nzType="info" nzShowIcon [nzMessage]="serverStatus()" role="status" />
        }
      </nz-card>

      @if (tenderId(); as id) {
        <nz-alert class="import-success" nzType="success" nzShowIcon [nzMessage]="imported" role="status" />
        <ng-template #imported>
          导入成功：
          <a id="imported-tender" [routerLink]="['/procurement/tenders', id]">查看招标项目</a>
        </ng-template>
      }

      @if (error(); as err) {
        <nz-alert
          class="import-errors"
          nzType="error"
          nzShowIcon
          [nzMessage]="err.message + (err.errors.length ? '（共 ' + err.errors.length + ' 处）' : '')"
          [nzDescription]="err.errors.length ? errorList : null"
          role="alert"
        />
        <ng-template #errorList>
          <ul>
            @for (item of err.errors; track $index) {
              <li>{{ item.path }}: {{ item.message }}</li>
            }
          </ul>
        </ng-template>
      }
    </div>
  `,
})
export class ImportDossier {
  private readonly api = inject(TendersApi);

  protected readonly uploading = signal(false);
  /** The whole file is sent: the server validates and writes it. */
  protected readonly uploaded = signal(false);
  protected readonly tenderId = signal<number | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  /** What the server reports while it validates and writes (polled once the upload is complete). */
  protected readonly server = signal<ImportProgress | null>(null);
  /** The server validates first, so that is what the page says until its progress tells otherwise. */
  protected readonly serverStatus = computed(() => {
    const p = this.server();
    if (p?.phase === 'writing') return `正在写入 ${p.written.toLocaleString()} / ${p.total.toLocaleString()} 条`;
    if (p?.phase === 'evaluating') return '校验通过，正在评审计算（合同依据）…';
    if (p?.toCheck) return `正在校验档案… ${Math.floor((100 * p.checked) / p.toCheck)}%`;
    return '正在校验档案…';
  });

  /** Choosing a file uploads it at once; the file is forgotten once the import is answered, so it can be chosen again. */
  protected async upload(file: File, upload: FileUpload): Promise<void> {
    this.error.set(null);
    this.tenderId.set(null);
    let text: string;
    try {
      text = await readFileText(file);
      JSON.parse(text);
    } catch {
      upload.clear();
      this.error.set({ message: `文件 ${file.name} 不是有效的 JSON`, errors: [] });
      return;
    }
    this.uploading.set(true);
    this.uploaded.set(false);
    this.server.set(null);
    const importId = crypto.randomUUID();
    // Once the upload is complete the server validates and writes; its progress is polled until the answer comes.
    let polling: Subscription | undefined;
    const sent = (percent: number) => {
      if (percent < 100 || polling) return;
      this.uploaded.set(true);
      polling = timer(300, 500)
        .pipe(switchMap(() => this.api.importProgress(importId).pipe(catchError(() => EMPTY))))
        .subscribe((p) => this.server.set(p));
    };
    upload
      .send((progress) =>
        this.api.importDossier(text, importId, (percent) => {
          progress(percent);
          sent(percent);
        }),
      )
      .pipe(
        finalize(() => {
          polling?.unsubscribe();
          this.uploading.set(false);
          upload.clear();
        }),
      )
      .subscribe({
        next: (imported) => this.tenderId.set(imported.tenderId),
        error: (err: unknown) => this.error.set(toApiError(err)),
      });
  }
}
