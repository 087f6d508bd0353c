import { HttpEventType } from '@angular/common/http';
import { Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ApiError, toApiError } from '../core/api-error';
import { TendersApi } from '../core/tenders-api';
import type { ImportProgress } from '@domain/dossier/import-progress';
import { catchError, EMPTY, Subscription, switchMap, timer } from 'rxjs';

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
  imports: [RouterLink],
  template: `
    <h1>导入档案</h1>
    <section class="panel">
      <p class="muted">
        选择招标项目档案（JSON 格式：项目、标包、评分表、投标人、投标、审查结果、专家评分及考核数据）。
        选择文件后立即上传；档案整体导入，任何一处有误则不导入任何内容。
      </p>
      <div class="form-grid">
        <label>
          档案文件
          <input id="dossier-file" type="file" accept=".json,application/json" [disabled]="uploading()" (change)="choose($event)" />
        </label>
      </div>

      @if (file(); as f) {
        <p class="muted chosen-file">{{ f.name }}（{{ f.size }} 字节）</p>
      }
      @if (uploading() || progress() > 0) {
        <p class="upload-status">
          <progress id="upload-progress" max="100" [value]="progress()"></progress>
          {{ uploading() ? (progress() < 100 ? '正在上传 ' + progress() + '%' : serverStatus()) : '上传完成' }}
        </p>
      }
    </section>

    @if (tenderId(); as id) {
      <p class="notice import-success" role="status">
        导入成功：
        <a id="imported-tender" [routerLink]="['/procurement/tenders', id]">查看招标项目</a>
      </p>
    }

    @if (error(); as err) {
      <div class="alert import-errors" role="alert">
        {{ err.message }}
        @if (err.errors.length) {
          （共 {{ err.errors.length }} 处）
          <ul>
            @for (item of err.errors; track $index) {
              <li>{{ item.path }}: {{ item.message }}</li>
            }
          </ul>
        }
      </div>
    }
  `,
})
export class ImportDossier {
  private readonly api = inject(TendersApi);

  protected readonly file = signal<File | null>(null);
  protected readonly uploading = signal(false);
  protected readonly progress = signal(0);
  protected readonly tenderId = signal<number | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  /** What the server reports while it validates and writes (polled once the upload is complete). */
  protected readonly server = signal<ImportProgress | null>(null);
  /** The server validates first, so that is what the page says until its progress tells otherwise. */
  protected readonly serverStatus = computed(() => {
    const p = this.server();
    if (p?.phase === 'writing') return `正在写入 ${p.written.toLocaleString()} / ${p.total.toLocaleString()} 条`;
    if (p?.phase === 'evaluating') return '校验通过，正在评审计算（合同依据）…';
    return '正在校验档案…';
  });

  /** Choosing a file uploads it at once; the input is cleared so the same file can be chosen again. */
  protected async choose(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.file.set(file);
    this.progress.set(0);
    if (file) await this.upload(file);
    input.value = '';
  }

  protected async upload(file: File): Promise<void> {
    this.error.set(null);
    this.tenderId.set(null);
    let text: string;
    try {
      text = await readFileText(file);
      JSON.parse(text);
    } catch {
      this.error.set({ message: `文件 ${file.name} 不是有效的 JSON`, errors: [] });
      return;
    }
    this.uploading.set(true);
    this.progress.set(0);
    this.server.set(null);
    const importId = crypto.randomUUID();
    // Once the upload is complete the server validates and writes; its progress is polled until the answer comes.
    let polling: Subscription | undefined;
    const stopPolling = () => polling?.unsubscribe();
    this.api.importDossier(text, importId).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 50);
          if (event.total && event.loaded >= event.total && !polling) {
            polling = timer(300, 500)
              .pipe(switchMap(() => this.api.importProgress(importId).pipe(catchError(() => EMPTY))))
              .subscribe((p) => this.server.set(p));
          }
        } else if (event.type === HttpEventType.Response) {
          stopPolling();
          this.progress.set(100);
          this.uploading.set(false);
          this.tenderId.set(event.body?.tenderId ?? null);
        }
      },
      error: (err: unknown) => {
        stopPolling();
        this.uploading.set(false);
        this.progress.set(0);
        this.error.set(toApiError(err));
      },
    });
  }
}
