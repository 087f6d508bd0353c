import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { ApiClient } from '../core/api-client';
import { toApiError } from '../core/api-error';
import type { BackupStatus as BackupStatusView } from '@domain/wire/backup';

/** The administrator's view of backups: the schedule and the last result (README, "Backup and recovery"). */
@Component({
  selector: 'app-backup-status',
  imports: [NzTypographyModule, NzCardModule, NzAlertModule, DatePipe, DecimalPipe],
  template: `
    <nz-card nzTitle="数据备份" nzSize="small">
      @if (error()) {
        <nz-alert nzType="error" role="alert" [nzMessage]="error()" />
      } @else if (status(); as s) {
        <p id="backup-schedule">
          @if (s.schedule; as plan) {
            定时备份：{{ plan.cron }}（北京时间）→ {{ plan.dir }}，保留最近 {{ plan.keep }} 份
          } @else {
            未设置定时备份（BACKUP_DIR）
          }
        </p>
        @if (s.runs[0]; as last) {
          <p id="backup-last" nz-typography [nzType]="last.outcome?.ok === false ? 'danger' : undefined" role="status">
            最近一次：{{ last.startedAt | date: 'yyyy-MM-dd HH:mm:ss' }}
            @if (!last.outcome) {
              — 进行中
            } @else if (last.outcome.ok) {
              — 成功，{{ last.outcome.file }}（{{ last.outcome.bytes / 1048576 | number: '1.1-1' }} MB，{{ last.outcome.seconds }}
              秒）
            } @else {
              — 失败：{{ last.outcome.error }}
            }
          </p>
        } @else {
          <p id="backup-last">尚无备份记录</p>
        }
      }
    </nz-card>
  `,
})
export class BackupStatus {
  private readonly api = inject(ApiClient);
  protected readonly status = signal<BackupStatusView | null>(null);
  protected readonly error = signal('');

  constructor() {
    this.api.get<BackupStatusView>('/backups').subscribe({
      next: (s) => this.status.set(s),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
