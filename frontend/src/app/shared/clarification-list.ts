import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal, untracked } from '@angular/core';
import { label } from '@domain/labels';
import type { ClarifiedField } from '@domain/tenders/published-changes';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTableModule } from 'ng-zorro-antd/table';
import { toApiError } from '../core/api-error';
import type { ClarificationView } from '@domain/wire/tenders';
import { TendersApi } from '../core/tenders-api';

/** A changed value as bidders read it: times in Beijing time, anything else as it is. */
function shown(field: string, value: string | number | null): string {
  if (value === null) return '—';
  if ((field === 'bidDeadline' || field === 'openingTime') && typeof value === 'string') {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  }
  return String(value);
}

/**
 * 澄清/更正公告: every change of a published tender, numbered, with each field before and after — for
 * procurement on the tender page and for the insurers that bid on it. Nothing shows while there is none.
 */
@Component({
  selector: 'app-clarification-list',
  imports: [NzCardModule, NzAlertModule, DatePipe, NzTableModule],
  template: `
    @if (error()) {
      <nz-alert class="clarification-error" nzType="error" role="alert" [nzMessage]="error()" />
    }
    @if (notices().length) {
      <nz-card class="clarifications" nzTitle="澄清/更正公告" nzSize="small">
        <nz-table #table [nzData]="rows()" [nzShowPagination]="false" nzSize="small" [nzFrontPagination]="false">
          <thead>
            <tr>
              <th>公告</th>
              <th>发布时间</th>
              <th>变更事项</th>
              <th>原内容</th>
              <th>变更为</th>
            </tr>
          </thead>
          <tbody>
            @for (row of table.data; track $index) {
              <tr class="clarification" [attr.data-no]="row.no">
                <td>第{{ row.no }}号</td>
                <td>{{ row.publishedAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }}</td>
                <td>{{ row.field }}</td>
                <td>{{ row.before }}</td>
                <td class="changed-to">{{ row.after }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-card>
    }
  `,
})
export class ClarificationList {
  private readonly api = inject(TendersApi);
  readonly tenderId = input.required<number | string>();

  protected readonly notices = signal<ClarificationView[]>([]);
  protected readonly error = signal('');
  protected readonly rows = signal<{ no: number; publishedAt: string; field: string; before: string; after: string }[]>([]);

  constructor() {
    effect(() => {
      const id = this.tenderId();
      untracked(() => this.load(id));
    });
  }

  private load(id: number | string): void {
    this.api.clarifications(id).subscribe({
      next: (notices) => {
        this.notices.set(notices);
        this.rows.set(
          notices.flatMap((n) =>
            n.changes.map((c) => ({
              no: n.no,
              publishedAt: n.publishedAt,
              field: label('clarifiedField', c.field as ClarifiedField),
              before: shown(c.field, c.before),
              after: shown(c.field, c.after),
            })),
          ),
        );
      },
      error: (err: unknown) => this.error.set(`无法读取澄清/更正公告：${toApiError(err).message}`),
    });
  }
}
