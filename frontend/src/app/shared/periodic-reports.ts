import { Component, computed, inject, signal } from '@angular/core';
import { label } from '@domain/labels';
import type { PeriodicReportView } from '@domain/wire/reports';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { finalize } from 'rxjs';
import { toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import { loadList } from '../core/load-list';
import { ReportsApi } from '../core/reports-api';
import { FILE_ACCEPT, FILE_MAX_BYTES } from './assessment-entry';
import { FileUpload } from './file-upload';
import { saveBlob } from './download';
import { LabelPipe } from './label.pipe';

/** The reports of one contract, as the page groups them. */
interface ContractReports {
  contractId: number;
  title: string;
  insurer: string;
  reports: PeriodicReportView[];
}

const TAG_COLOURS: Record<PeriodicReportView['status'], string> = {
  awaited: 'default',
  overdue: 'red',
  submitted: 'blue',
  received: 'green',
};

/**
 * 定期报告 (/insurer/reports, /bureau/reports): the periodic reports the contracts ask for (DOMAIN.md §8),
 * contract by contract, with due day and status. The insurer uploads a report's file (again, until it is
 * received); the bureau downloads and receives it, and sees what is overdue or came in late.
 */
@Component({
  selector: 'app-periodic-reports',
  imports: [NzTypographyModule, NzCardModule, NzTableModule, NzTagModule, NzButtonModule, NzAlertModule, LabelPipe, FileUpload],
  template: `
    <h1>定期报告</h1>
    <p nz-typography nzType="secondary">
      按合同约定报送的月度报表、半年和年度运行分析报告（如河南：次月5日前报送月报表，遇法定节假日顺延；7月15日前报送半年分析，次年1月20日前报送年度分析）。逾期仍可报送，系统标注为逾期报送。
    </p>
    @if (error()) {
      <nz-alert nzType="error" [nzMessage]="error()" role="alert" />
    }
    @if (notice()) {
      <nz-alert nzType="success" [nzMessage]="notice()" role="status" />
    }
    @for (group of groups(); track group.contractId) {
      <nz-card class="contract-reports" [attr.data-contract]="group.contractId" [nzTitle]="group.title" nzSize="small">
        <p nz-typography nzType="secondary">{{ group.insurer }}</p>
        <nz-table #table [nzData]="group.reports" [nzShowPagination]="false" [nzFrontPagination]="false" nzSize="small">
          <thead>
            <tr>
              <th>报告</th>
              <th>报告期</th>
              <th>截止日期</th>
              <th>状态</th>
              <th>报送</th>
              <th>签收</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (r of table.data; track r.kind + r.period) {
              <tr class="report-row" [attr.data-period]="r.period" [attr.data-status]="r.status">
                <td>{{ r.kind | label: 'reportKind' }}</td>
                <td>{{ r.kind + ':' + r.period | label: 'reportPeriod' }}</td>
                <td class="nowrap">{{ r.dueDate }}</td>
                <td>
                  <nz-tag class="report-status" [nzColor]="colours[r.status]">{{ r.status | label: 'reportStatus' }}</nz-tag>
                  @if (r.status === 'overdue') {
                    <nz-tag class="days-overdue" nzColor="red">逾期{{ r.daysOverdue }}天</nz-tag>
                  }
                  @if (r.late) {
                    <nz-tag class="late" nzColor="orange">逾期报送</nz-tag>
                  }
                </td>
                <td>
                  @if (r.id !== null && r.fileName === null) {
                    <span class="report-imported">随档案导入，无报告文件</span>
                    <div nz-typography nzType="secondary">{{ r.submittedOn }} 报送</div>
                  } @else if (r.id !== null) {
                    <a class="report-file" href="" (click)="$event.preventDefault(); download(r)">{{ r.fileName }}</a>
                    <div nz-typography nzType="secondary">{{ r.submittedOn }} {{ r.submittedBy }}</div>
                  } @else {
                    <span nz-typography nzType="secondary">—</span>
                  }
                </td>
                <td>
                  @if (r.receivedOn) {
                    <span class="received">{{ r.receivedOn }} {{ r.receivedBy }}</span>
                  } @else {
                    <span nz-typography nzType="secondary">—</span>
                  }
                </td>
                <td>
                  @if (insurer() && !r.receivedOn && r.contractStatus === 'signed') {
                    <app-file-upload
                      #upload
                      class="upload-report report-input"
                      [label]="(r.kind + ':' + r.period | label: 'reportPeriod') + ' 报告文件'"
                      [buttonText]="r.id === null ? '上传报送' : '重新上传'"
                      size="small"
                      showHint="false"
                      [accept]="fileAccept"
                      [maxBytes]="fileMaxBytes"
                      [disabled]="busy()"
                      (chosen)="submit(r, $event[0], upload)"
                    />
                  }
                  @if (!insurer() && r.id !== null && !r.receivedOn) {
                    <button
                      nz-button
                      nzType="primary"
                      nzSize="small"
                      type="button"
                      class="receive-report"
                      [disabled]="busy()"
                      (click)="receive(r)"
                    >
                      签收
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-card>
    } @empty {
      <p nz-typography nzType="secondary">{{ loading() ? '加载中…' : '暂无需报送定期报告的合同' }}</p>
    }
  `,
})
export class PeriodicReports {
  private readonly api = inject(ReportsApi);
  private readonly auth = inject(AuthService);
  protected readonly insurer = computed(() => this.auth.user()?.role === 'insurer');
  private readonly list = loadList(this.api.list());
  protected readonly reports = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly busy = signal(false);
  protected readonly notice = signal('');
  protected readonly fileAccept = FILE_ACCEPT;
  protected readonly fileMaxBytes = FILE_MAX_BYTES;
  protected readonly colours = TAG_COLOURS;
  protected readonly groups = computed(() => groupByContract(this.reports()));

  /** A chosen file is submitted at once. */
  protected submit(r: PeriodicReportView, file: File, upload: FileUpload): void {
    const request = upload.send((progress) => this.api.submit(r.contractId, r.kind, r.period, file, progress));
    this.act(request.pipe(finalize(() => upload.clear())), (saved) =>
      saved.late ? `已报送（截止${saved.dueDate}，逾期报送）` : `已报送 ${saved.fileName}`,
    );
  }

  protected receive(r: PeriodicReportView): void {
    this.act(
      this.api.receive(r.id!),
      (saved) => `已签收 ${saved.tenderCode} 标包${saved.lotNo} ${label('reportPeriod', `${saved.kind}:${saved.period}`)}`,
    );
  }

  protected download(r: PeriodicReportView): void {
    this.error.set('');
    this.api.file(r.id!, r.fileName!).subscribe({
      next: (f) => saveBlob(f.blob, f.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  private act(request: ReturnType<ReportsApi['receive']>, done: (r: PeriodicReportView) => string): void {
    this.error.set('');
    this.notice.set('');
    this.busy.set(true);
    request.subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.notice.set(done(saved));
        this.reports.update((all) =>
          all.map((x) => (x.contractId === saved.contractId && x.kind === saved.kind && x.period === saved.period ? saved : x)),
        );
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }
}

/** The reports contract by contract, in the order the API lists them. */
export function groupByContract(reports: PeriodicReportView[]): ContractReports[] {
  const groups: ContractReports[] = [];
  for (const r of reports) {
    let group = groups.find((g) => g.contractId === r.contractId);
    if (!group) {
      group = { contractId: r.contractId, title: `${r.tenderCode} 标包${r.lotNo} ${r.year}年度合同`, insurer: r.insurer, reports: [] };
      groups.push(group);
    }
    group.reports.push(r);
  }
  return groups;
}
