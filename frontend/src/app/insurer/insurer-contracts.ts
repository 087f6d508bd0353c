import { Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import type { ContractSummary } from '@domain/wire/contracts';
import { saveBlob } from '../shared/download';
import { groupDigits } from '../shared/money';
import { loadList } from '../core/load-list';
import { LabelPipe } from '../shared/label.pipe';
import { ContractLedger } from '../shared/contract-ledger';

/**
 * 我的合同 (/insurer/contracts): the organisation's contracts (the API filters them) with their PDFs,
 * and a signed contract's payment ledger, where it applies for its quarterly (on-application) payments.
 */
@Component({
  selector: 'app-insurer-contracts',
  imports: [LabelPipe, RouterLink, ContractLedger],
  template: `
    <h1>我的合同</h1>
    @if (error()) {
      <p class="alert" role="alert">{{ error() }}</p>
    }
    <table class="my-contracts">
      <thead>
        <tr>
          <th>招标项目</th>
          <th>标包</th>
          <th class="num">年度</th>
          <th>甲方</th>
          <th class="num">合同金额（元）</th>
          <th>状态</th>
          <th>下载</th>
        </tr>
      </thead>
      <tbody>
        @for (c of contracts(); track c.id) {
          <tr class="my-contract" [attr.data-contract]="c.id">
            <td>
              <div>{{ c.tenderName }}</div>
              <div class="muted">{{ c.tenderCode }}</div>
            </td>
            <td>标包{{ c.lotNo }} {{ c.lotName }}</td>
            <td class="num">{{ c.year }}</td>
            <td>{{ c.purchaser }}</td>
            <td class="num">{{ money(c.contractAmount) }}</td>
            <td>
              <span class="badge" [class.ok]="c.status === 'signed'" [class.bad]="c.status === 'terminated'">{{
                c.status | label: 'contractStatus'
              }}</span>
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
        } @empty {
          <tr>
            <td colspan="7" class="muted">{{ loading() ? '加载中…' : '本单位暂无合同' }}</td>
          </tr>
        }
      </tbody>
    </table>
    @if (ledgerOf(); as c) {
      <section class="panel ledger section-gap">
        <h2>付款台账：{{ c.tenderName }} 标包{{ c.lotNo }} {{ c.year }}年度</h2>
        <app-contract-ledger [contractId]="c.id" [apply]="c.status === 'signed'" />
      </section>
    }
  `,
})
export class InsurerContracts {
  private readonly api = inject(ContractsApi);
  private readonly list = loadList(this.api.list());
  protected readonly contracts = this.list.rows;
  protected readonly loading = this.list.loading;
  protected readonly error = this.list.error;
  protected readonly money = groupDigits;
  /** The contract whose ledger is shown. */
  protected readonly ledgerOf = signal<ContractSummary | null>(null);

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
