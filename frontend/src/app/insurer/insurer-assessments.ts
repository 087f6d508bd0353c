import { Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AssessmentsApi } from '../core/assessments-api';
import { ratePercent, scoreText } from '../shared/assessment-entry';
import { groupDigits } from '../shared/money';
import { NzTableModule } from 'ng-zorro-antd/table';
import type { AssessmentListQuery, AssessmentSummary } from '@domain/wire/assessments';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { StatusTag } from '../shared/status-tag';

/** 我的考核 (/insurer/assessments): the organisation's assessments (the API filters them), results once published. */
@Component({
  selector: 'app-insurer-assessments',
  imports: [StatusTag, RouterLink, NzTableModule, ServerTableBinding, NzAlertModule, NzTagModule, NzTypographyModule],
  template: `
    <h1>我的考核</h1>
    <p nz-typography nzType="secondary">
      合同年度结束后1个月内提交年度运行报告和自评；考核结果公布后可查看逐项得分，并在异议期内提出异议。
    </p>
    @if (list.error()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="list.error()" role="alert" />
    }
    <nz-table class="my-assessments" nzSize="small" [appServerTable]="list" [nzShowTotal]="totalText" [nzNoResult]="empty">
      <thead>
        <tr>
          <th nzColumnKey="tenderCode" [nzSortFn]="true">招标项目</th>
          <th nzColumnKey="lotNo" [nzSortFn]="true">标包</th>
          <th nzColumnKey="year" [nzSortFn]="true" class="num">年度</th>
          <th nzColumnKey="status" [nzFilters]="statusFilters" [nzFilterMultiple]="false" [nzFilterFn]="true">状态</th>
          <th>报告及自评截止</th>
          <th class="num">得分</th>
          <th>等级/结论</th>
          <th class="num">奖励/扣减（元）</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        @for (a of list.rows(); track a.id) {
          <tr class="my-assessment" [attr.data-assessment]="a.id" [attr.data-status]="a.status">
            <td>
              <div>{{ a.tenderName }}</div>
              <div nz-typography nzType="secondary">{{ a.tenderCode }}</div>
            </td>
            <td>标包{{ a.lotNo }} {{ a.lotName }}</td>
            <td class="num">{{ a.year }}</td>
            <td>
              <app-status-tag kind="assessmentStatus" [status]="a.status" />
            </td>
            <td>{{ a.deadlines.reportDue }}</td>
            @if (a.result; as r) {
              <td class="num score">{{ score(r.score) }}</td>
              <td>
                <nz-tag [nzColor]="r.passed ? 'success' : 'error'">{{ r.grade ?? (r.passed ? '达标' : '不达标') }}</nz-tag>
              </td>
              <td class="num">
                @if (a.kind === 'deduction') {
                  奖励 {{ money(r.rewardAmount) }} <span nz-typography nzType="secondary">（{{ rate(r.rewardRate) }}）</span>
                } @else if (!r.passed) {
                  扣减 {{ money(r.deductionAmount) }}
                } @else {
                  全额支付
                }
              </td>
            } @else {
              <td class="num">—</td>
              <td><span nz-typography nzType="secondary">待公布</span></td>
              <td class="num">—</td>
            }
            <td>
              <a class="assessment-link" [routerLink]="['/insurer/assessments', a.id]">{{ a.status === 'open' ? '提交自评' : '查看' }}</a>
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    <ng-template #totalText let-total>共 {{ total }} 项考核</ng-template>
    <ng-template #empty><span nz-typography nzType="secondary">本单位暂无考核</span></ng-template>
  `,
})
export class InsurerAssessments {
  private readonly api = inject(AssessmentsApi);
  /** The organisation's assessments (the API filters them), a page at a time, sorted and filtered on the server. */
  protected readonly list = new ServerTable<AssessmentSummary, AssessmentListQuery>((query) => this.api.page(query));
  protected readonly statusFilters = labelFilters('assessmentStatus');
  protected readonly money = groupDigits;
  protected readonly score = scoreText;
  protected readonly rate = ratePercent;

  constructor() {
    this.list.load();
  }
}
