import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { labelOptions } from '@domain/labels';
import type { HolidayKind } from '@domain/calendar/working-days';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { ApiError, toApiError } from '../core/api-error';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { LabelPipe } from '../shared/label.pipe';
import { HolidayDay, HolidaysApi } from './holidays-api';

/**
 * 节假日与调休 (/admin/holidays): the holiday table that every period in working days is counted from —
 * the challenge period of a tender, the objection period of an assessment, the bids' validity warning.
 * The admin enters each year's State Council schedule; every change is audited.
 */
@Component({
  selector: 'app-holidays',
  imports: [
    FormsModule,
    NzTableModule,
    NzButtonModule,
    NzInputModule,
    NzPopconfirmModule,
    NzSelectModule,
    NzAlertModule,
    NzTagModule,
    NzCardModule,
    NzFlexModule,
    NzFormModule,
    NzGridModule,
    NzSpaceModule,
    NzTypographyModule,
    LabelPipe,
    FIELD_STATUS,
    ErrorBox,
  ],
  template: `
    <nz-flex nzJustify="space-between" nzAlign="center" nzWrap="wrap" nzGap="small">
      <h1>节假日与调休</h1>
      <nz-space nzAlign="center">
        <span *nzSpaceItem id="holiday-year-label">年度</span>
        <nz-select
          *nzSpaceItem
          id="holiday-year"
          aria-labelledby="holiday-year-label"
          [ngModel]="year()"
          (ngModelChange)="show($event)"
          nzSize="small"
        >
          @for (y of years; track y) {
            <nz-option [nzValue]="y" [nzLabel]="y + ' 年'" />
          }
        </nz-select>
      </nz-space>
    </nz-flex>
    <p nz-typography nzType="secondary">
      工作日按周一至周五计算，扣除法定节假日（放假），加上调休上班的周末。质疑期、考核异议期和投标有效期提醒均按此表计算。
    </p>
    @if (pageError()) {
      <nz-alert nzType="error" [nzMessage]="pageError()" role="alert" />
    }
    @if (notice()) {
      <nz-alert nzType="success" [nzMessage]="notice()" role="status" />
    }

    <div nz-flex nzVertical nzGap="middle">
      <nz-card nzTitle="添加" nzSize="small">
        <form nz-form nzLayout="vertical" (ngSubmit)="add()">
          <div nz-row [nzGutter]="16">
            <nz-form-item nz-col nzXs="24" nzSm="8">
              <nz-form-label nzFor="holiday-date">日期</nz-form-label>
              <nz-form-control [nzValidateStatus]="addError() | fieldStatus: 'date'" [nzErrorTip]="addError() | fieldTip: 'date'">
                <input nz-input id="holiday-date" name="date" type="date" [(ngModel)]="date" />
              </nz-form-control>
            </nz-form-item>
            <nz-form-item nz-col nzXs="24" nzSm="8">
              <nz-form-label nzFor="holiday-kind">类型</nz-form-label>
              <nz-form-control>
                <nz-select nzId="holiday-kind" name="kind" [(ngModel)]="kind">
                  @for (option of kinds; track option.value) {
                    <nz-option [nzValue]="option.value" [nzLabel]="option.label" />
                  }
                </nz-select>
              </nz-form-control>
            </nz-form-item>
            <nz-form-item nz-col nzXs="24" nzSm="8">
              <nz-form-label nzFor="holiday-name">节日</nz-form-label>
              <nz-form-control [nzValidateStatus]="addError() | fieldStatus: 'name'" [nzErrorTip]="addError() | fieldTip: 'name'">
                <input nz-input id="holiday-name" name="name" [(ngModel)]="name" placeholder="如：春节" />
              </nz-form-control>
            </nz-form-item>
          </div>
          <app-error-box [error]="addError()" [shown]="['date', 'name']" />
          <button nz-button nzType="primary" id="add-holiday" type="submit" [disabled]="busy()">添加</button>
        </form>
      </nz-card>

      <nz-table #table id="holiday-table" [nzData]="days()" [nzShowPagination]="false" [nzFrontPagination]="false" nzSize="small">
        <thead>
          <tr>
            <th>日期</th>
            <th>类型</th>
            <th>节日</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          @for (day of table.data; track day.date) {
            <tr class="holiday-row" [attr.data-date]="day.date">
              <td>{{ day.date }}（{{ weekday(day.date) }}）</td>
              <td>
                <nz-tag [nzColor]="day.kind === 'holiday' ? 'red' : 'blue'">{{ day.kind | label: 'holidayKind' }}</nz-tag>
              </td>
              <td>{{ day.name }}</td>
              <td>
                <button
                  nz-button
                  nzSize="small"
                  nzDanger
                  type="button"
                  class="remove-holiday"
                  [disabled]="busy()"
                  nz-popconfirm
                  [nzPopconfirmTitle]="'删除 ' + day.date + '（' + day.name + '）？按工作日计算的期限将随之改变。'"
                  (nzOnConfirm)="remove(day)"
                >
                  删除
                </button>
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </div>
    @if (!days().length) {
      <p nz-typography nzType="secondary">{{ year() }} 年尚无节假日安排，请按国务院办公厅通知录入。</p>
    }
  `,
})
export class Holidays {
  private readonly api = inject(HolidaysApi);
  private readonly thisYear = new Date().getFullYear();

  protected readonly years = [this.thisYear - 1, this.thisYear, this.thisYear + 1];
  protected readonly kinds = labelOptions('holidayKind');
  protected readonly year = signal(this.thisYear);
  protected readonly days = signal<HolidayDay[]>([]);
  protected readonly pageError = signal('');
  protected readonly notice = signal('');
  protected readonly addError = signal<ApiError | null>(null);
  protected readonly busy = signal(false);

  protected date = '';
  protected kind: HolidayKind = 'holiday';
  protected name = '';

  constructor() {
    this.load();
  }

  protected show(year: number): void {
    this.year.set(year);
    this.load();
  }

  protected weekday(date: string): string {
    return `周${'日一二三四五六'[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
  }

  protected add(): void {
    const day = { date: this.date, kind: this.kind, name: this.name.trim() };
    this.addError.set(null);
    this.busy.set(true);
    this.api.add(day).subscribe({
      next: (added) => {
        this.busy.set(false);
        this.notice.set(`已添加 ${added.date}`);
        this.date = '';
        if (added.date.startsWith(String(this.year()))) this.load();
        else this.show(Number(added.date.slice(0, 4)));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.addError.set(toApiError(err));
      },
    });
  }

  /** Asked first (nz-popconfirm): the deadlines counted in working days change with the table. */
  protected remove(day: HolidayDay): void {
    this.busy.set(true);
    this.api.remove(day.date).subscribe({
      next: () => {
        this.busy.set(false);
        this.notice.set(`已删除 ${day.date}`);
        this.load();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.pageError.set(toApiError(err).message);
      },
    });
  }

  private load(): void {
    this.pageError.set('');
    this.api.list(this.year()).subscribe({
      next: (days) => this.days.set(days),
      error: (err: unknown) => this.pageError.set(toApiError(err).message),
    });
  }
}
