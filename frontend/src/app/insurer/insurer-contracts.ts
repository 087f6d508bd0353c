import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import type { ContractListQuery, ContractSummary } from '@domain/wire/contracts';
import { NzTableModule } from 'ng-zorro-antd/table';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';
import { saveBlob } from '../shared/download';
import { groupDigits } from '../shared/money';
import { ContractLedger } from '../shared/contract-ledger';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { StatusTag } from '../shared/status-tag';

/**
 * 我的合同 (/insurer/contracts): the organisation's contracts (the API filters them) with their PDFs,
 * and a signed contract's payment ledger, where it applies for its quarterly (on-application) payments.
 */
@Component({
  selector: 'app-insurer-contracts',
  imports: [StatusTag, RouterLink, NzTableModule, ServerTableBinding, ContractLedger, NzAlertModule, NzCardModule, NzTypographyModule],
  template: `
    <h1>我的合同</h1>
    @if (error() || list.error()) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="error() || list.error()" role="alert" />
    }
    <nz-table class="my-contracts" nzSize="small" [appServerTable]="list" [nzShowTotal]="totalText" [nzNoResult]="empty">
      <thead>
        <tr>
          <th nzColumnKey="tenderCode" [nzSortFn]="true">招标项目</th>
          <th nzColumnKey="lotNo" [nzSortFn]="true">标包</th>
          <th nzColumnKey="year" [nzSortFn]="true" class="num">年度</th>
          <th>甲方</th>
          <th class="num">合同金额（元）</th>
          <th nzColumnKey="status" [nzFilters]="statusFilters" [nzFilterMultiple]="false" [nzFilterFn]="true">状态</th>
          <th>下载</th>
        </tr>
      </thead>
      <tbody>
        @for (c of list.rows(); track c.id) {
          <tr class="my-contract" [attr.data-contract]="c.id">
            <td>
              <div>{{ c.tenderName }}</div>
              <div nz-typography nzType="secondary">{{ c.tenderCode }}</div>
            </td>
            <td>标包{{ c.lotNo }} {{ c.lotName }}</td>
            <td class="num">{{ c.year }}</td>
            <td>{{ c.purchaser }}</td>
            <td class="num">{{ money(c.contractAmount) }}</td>
            <td>
              <app-status-tag kind="contractStatus" [status]="c.status" />
            </td>
            <td>
              <a class="download-contract" href="" (click)="$event.preventDefault(); downloadContract(c)">合同PDF</a>
              ·
              <a class="download-award-notice" href="" (click)="$event.preventDefault(); downloadNotice(c)">中标通知书</a>
              @if (c.status !== 'draft') {
                ·
                <a class="show-ledger" href="" (click)="$event.preventDefault(); ledgerOf.set(c)">付款台账</a>
              }
              @if (c.kind === 'premium') {
                ·
                <a class="settlement-link" [routerLink]="['/insurer/contracts', c.id, 'settlement']">年度清算</a>
              }
            </td>
          </tr>
        }
      </tbody>
    </nz-table>
    <ng-template #totalText let-total>共 {{ total }} 份合同</ng-template>
    <ng-template #empty><span nz-typography nzType="secondary">本单位暂无合同</span></ng-template>
    @if (ledgerOf(); as c) {
      <nz-card
        class="ledger section-gap"
        nzSize="small"
        [nzTitle]="'付款台账：' + c.tenderName + ' 标包' + c.lotNo + ' ' + c.year + '年度'"
      >
        <app-contract-ledger [contractId]="c.id" [apply]="c.status === 'signed'" />
      </nz-card>
    }
  `,
})
export class InsurerContracts {
  private readonly api = inject(ContractsApi);
  /** The organisation's contracts (the API filters them), a page at a time, sorted and filtered on the server. */
  protected readonly list = new ServerTable<ContractSummary, ContractListQuery>((query) => this.api.page(query));
  protected readonly statusFilters = labelFilters('contractStatus');
  protected readonly error = signal('');
  protected readonly money = groupDigits;
  /** The contract whose ledger is shown. */
  protected readonly ledgerOf = signal<ContractSummary | null>(null);

  constructor() {
    this.list.load();
  }

  protected downloadContract(c: ContractSummary): void {
    this.error.set('');
    this.api.downloadPdf(c.id, `合同-${c.tenderCode}-${c.lotNo}-${c.year}.pdf`).subscribe({
      next: (pdf) => saveBlob(pdf.blob, pdf.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }

  protected downloadNotice(c: ContractSummary): void {
    this.error.set('');
    this.api.downloadAwardNotice(c.tenderId, c.lotNo, `中标通知书-${c.tenderCode}-${c.lotNo}.pdf`).subscribe({
      next: (pdf) => saveBlob(pdf.blob, pdf.fileName),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
