import { contractLedger, LedgerMilestone, ledgerLine, yearLedger } from './ledger';

const milestone = (over: Partial<LedgerMilestone>): LedgerMilestone => ({
  seq: 1,
  name: '签约款（30%）',
  status: 'pending',
  amount: '300000.00',
  dueDate: null,
  paidOn: null,
  voucher: null,
  withheldReason: null,
  ...over,
});

describe('the contract ledger (DOMAIN.md §6.1)', () => {
  it('puts each amount in the column of its status', () => {
    const line = (status: LedgerMilestone['status']) => ledgerLine(milestone({ status }), '2025-06-01');
    expect(line('pending')).toMatchObject({ due: '300000.00', payable: '0.00', paid: '0.00', withheld: '0.00', outstanding: '300000.00' });
    expect(line('payable')).toMatchObject({ payable: '300000.00', outstanding: '300000.00', paid: '0.00' });
    expect(line('paid')).toMatchObject({ paid: '300000.00', outstanding: '0.00', payable: '0.00' });
    expect(line('withheld')).toMatchObject({ withheld: '300000.00', outstanding: '0.00', payable: '0.00' });
  });

  it('a payable milestone is overdue from the day after its due date; pending and paid ones never are', () => {
    const due = { dueDate: '2025-01-31' };
    expect(ledgerLine(milestone({ ...due, status: 'payable' }), '2025-01-31')).toMatchObject({ isOverdue: false, overdue: '0.00' });
    expect(ledgerLine(milestone({ ...due, status: 'payable' }), '2025-02-01')).toMatchObject({ isOverdue: true, overdue: '300000.00' });
    expect(ledgerLine(milestone({ ...due, status: 'pending' }), '2026-01-01').isOverdue).toBe(false);
    expect(ledgerLine(milestone({ ...due, status: 'paid', paidOn: '2025-03-01' }), '2026-01-01').isOverdue).toBe(false);
    expect(ledgerLine(milestone({ status: 'payable' }), '2099-01-01').isOverdue).toBe(false);
  });

  it('an amount still unknown counts nothing', () => {
    expect(ledgerLine(milestone({ amount: null, status: 'pending' }), '2025-01-01')).toMatchObject({ due: '0.00', outstanding: '0.00' });
  });

  it('totals add up exactly, lines in schedule order (Foshan lot 1: 30/20/50 of 1,234,567.89)', () => {
    const { lines, totals } = contractLedger(
      [
        milestone({ seq: 3, name: '验收款（50%）', amount: '617283.95', status: 'withheld', withheldReason: '验收未通过' }),
        milestone({ seq: 1, amount: '370370.37', status: 'paid', paidOn: '2025-01-20', voucher: 'PZ-001' }),
        milestone({ seq: 2, name: '服务期中款（20%）', amount: '246913.57', status: 'payable', dueDate: '2025-12-31' }),
      ],
      '2026-01-05',
    );
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(totals).toEqual({
      due: '1234567.89',
      payable: '246913.57',
      paid: '370370.37',
      withheld: '617283.95',
      outstanding: '246913.57',
      overdue: '246913.57',
    });
  });
});

describe('the yearly ledger', () => {
  it('sums per insurer, lot and buyer, and in total', () => {
    const totals = (paid: string, payable: string) => ({
      due: (Number(paid) + Number(payable)).toFixed(2),
      payable,
      paid,
      withheld: '0.00',
      outstanding: payable,
      overdue: '0.00',
    });
    const y = yearLedger([
      { contractId: 1, insurer: '甲保险', lot: 'NB-1 第1包', buyer: '宁波市医疗保障局', totals: totals('100.10', '0.20') },
      { contractId: 2, insurer: '乙保险', lot: 'NB-1 第2包', buyer: '宁波市医疗保障局', totals: totals('0.00', '50.05') },
      { contractId: 3, insurer: '甲保险', lot: 'FS-1 第1包', buyer: '佛山市医疗保障局', totals: totals('0.01', '0.00') },
    ]);
    expect(y.byInsurer.map((g) => [g.key, g.contracts, g.paid, g.payable])).toEqual([
      ['甲保险', 2, '100.11', '0.20'],
      ['乙保险', 1, '0.00', '50.05'],
    ]);
    expect(y.byBuyer.find((g) => g.key === '宁波市医疗保障局')).toMatchObject({ contracts: 2, paid: '100.10', payable: '50.25' });
    expect(y.byLot).toHaveLength(3);
    expect(y.total).toMatchObject({ paid: '100.11', payable: '50.25', due: '150.36' });
  });
});
