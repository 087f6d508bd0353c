import { contractLedger } from '../testing/contracts';
import { ledgerChartOptions } from './ledger-chart';

interface Options {
  xAxis: { data: string[] };
  legend: { data: string[] };
  series: { name: string; stack: string; data: { value: number; name: string }[] }[];
}

describe('ledgerChartOptions', () => {
  it('stacks each milestone as paid, payable, pending and withheld, in schedule order, named in Chinese', () => {
    const o = ledgerChartOptions(contractLedger()) as unknown as Options;
    expect(o.xAxis.data).toEqual([expect.stringMatching(/^1\. /), '2. 验收款（50%）']);
    expect(o.legend.data).toEqual(['已支付', '应付未付', '待触发', '暂缓支付']);
    expect(o.series.map((s) => s.stack)).toEqual(['amount', 'amount', 'amount', 'amount']);
    const values = Object.fromEntries(o.series.map((s) => [s.name, s.data.map((d) => d.value)]));
    expect(values).toEqual({ 已支付: [0, 0], 应付未付: [5213806.95, 0], 待触发: [0, 0], 暂缓支付: [0, 500000] });
    // The tooltip gives the amount to the 分 from the ledger's decimal string.
    expect(o.series[3].data[1].name).toBe('2. 验收款（50%） 暂缓支付 500,000.00 元');
  });

  it('shows a pending milestone as such, not as payable', () => {
    const base = contractLedger().lines[0];
    const pending = { ...base, status: 'pending' as const, payable: '0.00', overdue: '0.00', isOverdue: false };
    const o = ledgerChartOptions(contractLedger({ lines: [pending] })) as unknown as Options;
    const values = Object.fromEntries(o.series.map((s) => [s.name, s.data.map((d) => d.value)]));
    expect(values).toEqual({ 已支付: [0], 应付未付: [0], 待触发: [Number(base.outstanding)], 暂缓支付: [0] });
  });
});
