import { contractAmount, contractFees, serviceAmount } from './amounts';

describe('contract amounts', () => {
  it('service amount is unit price × population, half-up to the 分', () => {
    expect(serviceAmount('1.06', 3994965)).toBe('4234662.90');
    expect(serviceAmount('1.23', 3994965)).toBe('4913806.95');
    // 1.235 × 3 = 3.705 → 3.71 (half-up, where binary floating point would give 3.70)
    expect(serviceAmount('1.235', 3)).toBe('3.71');
    expect(serviceAmount('90', 4123457)).toBe('371111130.00');
  });

  it('fixed fees leave out the performance reward, which is paid after the assessment', () => {
    const lot1 = [
      { name: '信息系统', amount: '300000.00' },
      { name: '绩效考核', amount: '500000.00' },
    ];
    expect(contractFees(lot1)).toEqual([{ name: '信息系统', amount: '300000.00' }]);
    expect(contractFees([{ name: '绩效考核', amount: '290000' }])).toEqual([]);
  });

  it('contract amount adds the fixed fees to the service amount', () => {
    expect(contractAmount('4234662.90', [{ name: '信息系统', amount: '300000.00' }])).toBe('4534662.90');
    expect(contractAmount('2536498.57', [])).toBe('2536498.57');
  });
});
