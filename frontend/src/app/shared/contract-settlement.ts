import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { Settlement } from '@domain/contracts/settlement';
import { paysInsurer, statementLines, type StatementLine } from '@domain/contracts/settlement-statement';
import type { SettlementView } from '@domain/wire/settlement';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { Subject, debounceTime, switchMap, catchError, of } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { ContractsApi } from '../core/contracts-api';
import { ErrorBox } from './api-errors';
import { saveBlob } from './download';
import { FormField } from './form-field';
import { groupDigits, normaliseAmount } from './money';

/**
 * 年度清算 of a premium-fund contract (DOMAIN.md §6.2). The bureau (`editable`) enters the claims paid
 * and whether a deficit is policy-caused, sees the settlement as it would come out while typing (the
 * preview endpoint, nothing stored), confirms it in a dialog, then downloads the statement; the insurer
 * sees the settlement made and its statement, nothing more.
 */
@Component({
  selector: 'app-contract-settlement',
  imports: [
    NzTypographyModule,
    NzSpaceModule,
    NzCardModule,
    FormsModule,
    DatePipe,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzModalModule,
    NzSwitchModule,
    NzTableModule,
    ErrorBox,
    FormField,
  ],
  template: `
    <nz-card class="settlement-panel" nzTitle="年度清算" nzSize="small">
      @if (loadError()) {
        <nz-alert nzType="error" [nzMessage]="loadError()" role="alert" />
      }
      @if (view(); as v) {
        @if (v.settlement; as s) {
          <p class="settled" role="status">
            {{ s.year }}年度已于 {{ s.settledAt | date: 'yyyy-MM-dd HH:mm' : '+0800' }} 由 {{ s.settledBy }} 完成清算。
          </p>
        } @else if (!v.basis.assessment?.final) {
          <nz-alert class="not-final" nzType="warning" nzMessage="年度考核结果尚未定稿，定稿后方可清算。" />
        }
        @if (editable() && !v.settlement) {
          <form nz-form nzLayout="inline" class="settlement-form">
            <app-form-field label="年度赔付支出（元）" for="settlement-claims" required [error]="saveError()" field="claims">
              <input
                nz-input
                id="settlement-claims"
                name="claims"
                inputmode="decimal"
                autocomplete="off"
                placeholder="如 365000000.00"
                [ngModel]="claims()"
                (ngModelChange)="setClaims($event)"
              />
            </app-form-field>
            <app-form-field label="政策性亏损" for="settlement-policy" [error]="saveError()" field="policyDeficit">
              <nz-switch nzId="settlement-policy" name="policyDeficit" [ngModel]="policyDeficit()" (ngModelChange)="setPolicy($event)" />
            </app-form-field>
          </form>
          <p nz-typography nzType="secondary">
            年度资金、运营成本及盈利率、亏损分担规则和已拨付资金取自合同及其付款台账；下表随输入即时试算，确认前不保存。
          </p>
          <app-error-box [error]="saveError()" [shown]="['claims', 'policyDeficit']" />
        }
        @if (lines().length) {
          <nz-table class="settlement-lines" [nzData]="lines()" [nzShowPagination]="false" nzSize="small">
            <thead>
              <tr>
                <th>序号</th>
                <th>项目</th>
                <th class="num">金额（元）</th>
                <th>大写</th>
                <th>说明</th>
              </tr>
            </thead>
            <tbody>
              @for (line of lines(); track line.no) {
                <tr class="settlement-line" [attr.data-line]="line.no">
                  <td>{{ line.no }}</td>
                  <td>{{ line.item }}</td>
                  <td class="num">{{ money(line.amount) }}</td>
                  <td class="capitals">{{ line.capitals }}</td>
                  <td>
                    <span nz-typography nzType="secondary">{{ line.note }}</span>
                  </td>
                </tr>
              }
            </tbody>
          </nz-table>
          <p class="conclusion">{{ conclusion() }}</p>
        }
        @if (editable() && !v.settlement) {
          <div>
            <button nz-button nzType="primary" id="settle" type="button" [disabled]="!canSettle()" (click)="confirming.set(true)">
              确认清算…
            </button>
          </div>
          <nz-modal
            [nzVisible]="confirming()"
            nzTitle="确认年度清算"
            nzOkText="确认清算"
            nzCancelText="取消"
            [nzOkLoading]="busy()"
            (nzOnCancel)="confirming.set(false)"
            (nzOnOk)="settle()"
          >
            <ng-container *nzModalContent>
              <p>清算确认后不可更改。{{ conclusion() }}</p>
            </ng-container>
          </nz-modal>
        }
        @if (v.settlement) {
          <nz-space>
            <button *nzSpaceItem nz-button id="statement-pdf" type="button" (click)="download('pdf')">下载清算结算单（PDF）</button>
            <button *nzSpaceItem nz-button id="statement-xlsx" type="button" (click)="download('xlsx')">导出清算结算单（Excel）</button>
          </nz-space>
        }
      }
    </nz-card>
  `,
  styles: `
    .settlement-lines .capitals {
      color: var(--app-text-secondary);
      font-size: 13px;
    }
    .settlement-form {
      row-gap: 8px;
    }
    .settlement-form input {
      width: 200px;
    }
    .conclusion {
      font-weight: 600;
    }
  `,
})
export class ContractSettlement {
  private readonly api = inject(ContractsApi);

  readonly contractId = input.required<number>();
  /** The bureau settles; the insurer only reads. */
  readonly editable = input(false);
  /** The settlement was stored: its payment milestone is now payable. */
  readonly settled = output<void>();

  protected readonly view = signal<SettlementView | null>(null);
  protected readonly preview = signal<Settlement | null>(null);
  protected readonly claims = signal('');
  protected readonly policyDeficit = signal(false);
  protected readonly loadError = signal('');
  protected readonly saveError = signal<ApiError | null>(null);
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly money = groupDigits;

  private readonly figures = new Subject<void>();

  /** The stored settlement's lines, else the preview's. */
  protected readonly lines = computed((): StatementLine[] => {
    const v = this.view();
    if (!v) return [];
    const s = v.settlement ?? this.preview();
    if (!s) return [];
    const { allowanceRate, deficitRule } = v.basis;
    const assessment = v.basis.assessment;
    return statementLines({
      ...s,
      allowanceRate,
      deficitRule,
      policyDeficit: v.settlement?.policyDeficit ?? this.policyDeficit(),
      assessmentPassed: assessment?.passed ?? true,
      failDeductionRate: assessment?.failDeductionRate ?? null,
    });
  });

  protected readonly conclusion = computed(() => {
    const lines = this.lines();
    const s = this.view()?.settlement ?? this.preview();
    if (!lines.length || !s) return '';
    const last = lines[lines.length - 1];
    return paysInsurer(s)
      ? `应向承办方支付清算款 ¥${this.money(last.amount)}（${last.capitals}）。`
      : `承办方应退回 ¥${this.money(last.amount)}（${last.capitals}）。`;
  });

  protected readonly canSettle = computed(() => !!this.preview() && !!this.view()?.basis.assessment?.final && !this.busy());

  constructor() {
    effect(() => {
      this.contractId();
      untracked(() => this.load());
    });
    this.figures
      .pipe(
        debounceTime(300),
        switchMap(() => {
          const v = this.view();
          const claims = normaliseAmount(this.claims());
          if (!v || claims === null) return of(null);
          const { fund, allowanceRate, deficitRule, policyDeficitShare, retentions, paidOrPayable, assessment } = v.basis;
          return this.api
            .previewSettlement(this.contractId(), {
              fund,
              claims,
              policyDeficit: this.policyDeficit(),
              allowanceRate,
              deficitRule,
              policyDeficitShare,
              retentions,
              assessmentPassed: assessment?.passed ?? true,
              failDeductionRate: assessment?.failDeductionRate ?? null,
              paidOrPayable,
            })
            .pipe(catchError(() => of(null)));
        }),
      )
      .subscribe((s) => this.preview.set(s));
  }

  protected setClaims(value: string): void {
    this.claims.set(value);
    this.figures.next();
  }

  protected setPolicy(value: boolean): void {
    this.policyDeficit.set(value);
    this.figures.next();
  }

  protected settle(): void {
    const claims = normaliseAmount(this.claims()) ?? this.claims();
    this.saveError.set(null);
    this.busy.set(true);
    this.api.settle(this.contractId(), { claims, policyDeficit: this.policyDeficit() }).subscribe({
      next: () => {
        this.busy.set(false);
        this.confirming.set(false);
        this.load();
        this.settled.emit();
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.confirming.set(false);
        this.saveError.set(toApiError(err));
      },
    });
  }

  protected download(format: 'pdf' | 'xlsx'): void {
    const s = this.view()?.settlement;
    if (!s) return;
    this.api.downloadStatement(this.contractId(), format, `清算结算单-${s.year}.${format}`).subscribe({
      next: (file) => saveBlob(file.blob, file.fileName),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }

  private load(): void {
    this.loadError.set('');
    this.api.settlement(this.contractId()).subscribe({
      next: (v) => this.view.set(v),
      error: (err: unknown) => this.loadError.set(toApiError(err).message),
    });
  }
}
