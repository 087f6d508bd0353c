import { DatePipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { labelOptions } from '@domain/labels';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTabsModule } from 'ng-zorro-antd/tabs';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { toApiError } from '../core/api-error';
import { ServerTable, ServerTableBinding } from '../core/server-table';
import { saveBlob } from '../shared/download';
import { LabelPipe } from '../shared/label.pipe';
import {
  AuditApi,
  type AuditEntry,
  type AuditListQuery,
  type AuditVerification,
  type LogFilter,
  type LogKind,
  type SecurityEvent,
  type SecurityEventListQuery,
} from './audit-api';

/**
 * 日志审计 (/audit): the audit administrator's page — the audit record and the security log, each
 * filtered by time range, user and action or kind, exported to Excel as filtered; and the audit
 * chain's verification.
 */
@Component({
  selector: 'app-audit-logs',
  imports: [
    NzTypographyModule,
    NzAlertModule,
    DatePipe,
    FormsModule,
    LabelPipe,
    NzButtonModule,
    NzInputModule,
    NzSelectModule,
    NzTableModule,
    ServerTableBinding,
    NzTabsModule,
  ],
  template: `
    <h1>日志审计</h1>
    @if (error() || shown().error()) {
      <nz-alert nzType="error" role="alert" [nzMessage]="error() || shown().error()" />
    }
    <form class="log-filters" (ngSubmit)="shown().search()">
      <label>从 <input nz-input type="datetime-local" name="from" [(ngModel)]="from" /></label>
      <label>至 <input nz-input type="datetime-local" name="to" [(ngModel)]="to" /></label>
      <label>用户 <input nz-input id="filter-user" name="user" [(ngModel)]="user" /></label>
      @if (log() === 'audit') {
        <label for="filter-action">操作</label>
        <nz-select
          id="filter-action"
          name="action"
          [(ngModel)]="action"
          nzAllowClear
          nzShowSearch
          nzPlaceHolder="全部"
          style="width: 14rem"
        >
          @for (o of actions; track o.value) {
            <nz-option [nzValue]="o.value" [nzLabel]="o.label" />
          }
        </nz-select>
      } @else {
        <label for="filter-kind">事件类型</label>
        <nz-select id="filter-kind" name="kind" [(ngModel)]="kind" nzAllowClear nzPlaceHolder="全部" style="width: 10rem">
          @for (o of kinds; track o.value) {
            <nz-option [nzValue]="o.value" [nzLabel]="o.label" />
          }
        </nz-select>
      }
      <button nz-button nzType="primary" id="search-logs" type="submit">查询</button>
      <button nz-button id="export-logs" type="button" (click)="export()">导出 Excel</button>
    </form>

    <nz-tabs [nzSelectedIndex]="log() === 'audit' ? 0 : 1" (nzSelectedIndexChange)="show($event === 0 ? 'audit' : 'security')">
      <nz-tab nzTitle="审计记录">
        <p class="chain">
          <button nz-button id="verify-chain" type="button" (click)="verify()">验证审计链</button>
          @if (verification(); as v) {
            @if (v.breaks.length) {
              <span nz-typography nzType="danger" role="alert" id="chain-result">审计链有 {{ v.breaks.length }} 处问题：</span>
              @for (b of v.breaks; track $index) {
                <span class="chain-break">#{{ b.id }} {{ b.problem | label: 'auditProblem' }}</span>
              }
            } @else {
              <span role="status" id="chain-result">审计链完整：共 {{ v.entries }} 条，末条 #{{ v.head?.id }}</span>
            }
          }
        </p>
        <nz-table class="audit-entries" nzSize="small" [appServerTable]="audit" [nzShowTotal]="totalText">
          <thead>
            <tr>
              <th nzColumnKey="id" [nzSortFn]="true">序号</th>
              <th>时间</th>
              <th nzColumnKey="actorName" [nzSortFn]="true">操作人</th>
              <th nzColumnKey="action" [nzSortFn]="true">操作</th>
              <th nzColumnKey="entityType" [nzSortFn]="true">对象</th>
              <th>对象编号</th>
            </tr>
          </thead>
          <tbody>
            @for (e of audit.rows(); track e.id) {
              <tr class="audit-entry">
                <td>{{ e.id }}</td>
                <td>{{ e.at | date: 'yyyy-MM-dd HH:mm:ss' }}</td>
                <td>{{ e.actorName ?? '系统' }}</td>
                <td>{{ $any(e.action) | label: 'auditAction' }}</td>
                <td>{{ $any(e.entityType) | label: 'auditEntity' }}</td>
                <td>{{ e.entityId }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-tab>
      <nz-tab nzTitle="安全事件">
        <nz-table class="security-events" nzSize="small" [appServerTable]="security" [nzShowTotal]="totalText">
          <thead>
            <tr>
              <th nzColumnKey="id" [nzSortFn]="true">时间</th>
              <th nzColumnKey="kind" [nzSortFn]="true">事件类型</th>
              <th nzColumnKey="username" [nzSortFn]="true">用户</th>
              <th>角色</th>
              <th>请求</th>
              <th nzColumnKey="status" [nzSortFn]="true">应答状态</th>
              <th>IP 地址</th>
              <th>客户端</th>
            </tr>
          </thead>
          <tbody>
            @for (e of security.rows(); track e.id) {
              <tr class="security-event">
                <td>{{ e.at | date: 'yyyy-MM-dd HH:mm:ss' }}</td>
                <td>{{ e.kind | label: 'securityEvent' }}</td>
                <td>{{ e.username ?? '未登录' }}</td>
                <td>{{ $any(e.role) | label: 'role' }}</td>
                <td>{{ e.method }} {{ e.path }}</td>
                <td>{{ e.status }}</td>
                <td>{{ e.ip }}</td>
                <td>{{ e.userAgent }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-tab>
    </nz-tabs>
    <ng-template #totalText let-total>共 {{ total }} 条</ng-template>
  `,
  styles: `
    .log-filters {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin-bottom: 1rem;
    }
    .log-filters input {
      width: auto;
    }
    .chain-break {
      margin-left: 0.5rem;
    }
  `,
})
export class AuditLogs {
  private readonly api = inject(AuditApi);
  protected readonly actions = labelOptions('auditAction');
  protected readonly kinds = labelOptions('securityEvent');
  protected readonly log = signal<LogKind>('audit');
  /** Each log a page at a time, sorted and filtered on the server. */
  protected readonly audit = new ServerTable<AuditEntry, AuditListQuery>(
    (query) => this.api.entries(query),
    () => ({ ...this.filter(), kind: undefined }),
  );
  protected readonly security = new ServerTable<SecurityEvent, SecurityEventListQuery>(
    (query) => this.api.securityEvents(query),
    () => ({ ...this.filter(), action: undefined }),
  );
  protected readonly shown = computed(() => (this.log() === 'audit' ? this.audit : this.security));
  protected readonly verification = signal<AuditVerification | null>(null);
  /** Verification and export. */
  protected readonly error = signal('');
  protected from = '';
  protected to = '';
  protected user = '';
  protected action: string | null = null;
  protected kind: LogFilter['kind'] | null = null;

  constructor() {
    this.audit.load();
  }

  private filter(): LogFilter {
    const instant = (local: string) => (local ? new Date(local).toISOString() : undefined);
    return {
      from: instant(this.from),
      to: instant(this.to),
      user: this.user.trim() || undefined,
      action: this.action ?? undefined,
      kind: this.kind ?? undefined,
    };
  }

  protected show(log: LogKind): void {
    if (log === this.log()) return;
    this.log.set(log);
    this.error.set('');
    this.shown().search();
  }

  protected verify(): void {
    this.error.set('');
    this.api.verify().subscribe({
      next: (v) => this.verification.set(v),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected export(): void {
    this.error.set('');
    this.api.export(this.log(), this.filter()).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
