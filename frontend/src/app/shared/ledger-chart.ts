import { Component, computed, input } from '@angular/core';
import type { ContractLedger } from '@domain/wire/ledger';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { groupDigits } from './money';
import { provideCharts } from './charts';

/** The stacks of a milestone's amount, in the ledger's words; "pending" is outstanding but not yet payable. */
const STACKS = [
  { key: 'paid', name: '已支付', color: '#1e7e4a' },
  { key: 'payable', name: '应付未付', color: '#1f5fa8' },
  { key: 'pending', name: '待触发', color: '#cbd5e1' },
  { key: 'withheld', name: '暂缓支付', color: '#c0392b' },
] as const;

type Line = ContractLedger['lines'][number];

/** A stack's amount of a line, as the decimal string the ledger gives (pending: outstanding − payable, one of them is 0). */
function stackAmount(line: Line, key: (typeof STACKS)[number]['key']): string {
  if (key !== 'pending') return line[key];
  return line.payable === '0.00' ? line.outstanding : '0.00';
}

/**
 * The ECharts options of a contract's payment ledger: a bar per milestone in schedule order, its
 * amount stacked as paid, payable, still pending and withheld. The bars' heights are for the eye
 * only; the tooltips and the ledger below give the amounts to the 分, from the ledger's decimal strings.
 */
export function ledgerChartOptions(ledger: ContractLedger): EChartsCoreOption {
  const lines = ledger.lines;
  return {
    animation: false,
    color: STACKS.map((s) => s.color),
    grid: { left: 72, right: 16, top: 36, bottom: 48 },
    legend: { top: 0, data: STACKS.map((s) => s.name) },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: lines.map((l) => `${l.seq}. ${l.name}`), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
    yAxis: { type: 'value', name: '元' },
    series: STACKS.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'amount',
      data: lines.map((l) => {
        const amount = stackAmount(l, s.key);
        return { value: Number(amount), name: `${l.seq}. ${l.name} ${s.name} ${groupDigits(amount)} 元` };
      }),
      tooltip: { formatter: '{b}' },
    })),
  };
}

/** A contract's payment ledger as stacked bars per milestone (ledgerChartOptions). */
@Component({
  selector: 'app-ledger-chart',
  imports: [NgxEchartsDirective],
  providers: [provideCharts()],
  template: `
    @if (ledger().lines.length) {
      <div echarts class="ledger-chart" [options]="options()" role="img" aria-label="各付款节点已支付、应付、待触发与暂缓支付金额"></div>
    }
  `,
  styles: `
    .ledger-chart {
      width: 100%;
      max-width: 760px;
      height: 280px;
    }
  `,
})
export class LedgerChart {
  readonly ledger = input.required<ContractLedger>();
  protected readonly options = computed(() => ledgerChartOptions(this.ledger()));
}
