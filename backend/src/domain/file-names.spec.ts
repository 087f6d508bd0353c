import { visibleFileName } from './file-names';

describe('visibleFileName', () => {
  it('drops bidi overrides and isolates, zero-width marks, the BOM and control characters', () => {
    expect(visibleFileName('report\u202Efdp.exe')).toBe('reportfdp.exe');
    expect(visibleFileName('\u2067报告\u2069\u200B.pdf')).toBe('报告.pdf');
    expect(visibleFileName('\uFEFFa\u0000b\u001F\u007F\u0085c\r\n.pdf')).toBe('abc.pdf');
  });

  it('keeps Chinese, spaces and punctuation', () => {
    expect(visibleFileName('2024年度 运行情况（终稿）-v2.pdf')).toBe('2024年度 运行情况（终稿）-v2.pdf');
  });
});
