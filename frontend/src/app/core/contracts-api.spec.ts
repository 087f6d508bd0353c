import { HttpErrorResponse } from '@angular/common/http';
import { dispositionName, toApiErrorAsync } from './contracts-api';

describe('contracts-api helpers', () => {
  it('reads the Chinese file name of a download', () => {
    const header = `attachment; filename="___-T1-1-2023-v2.pdf"; filename*=UTF-8''${encodeURIComponent('合同-T1-1-2023-v2.pdf')}`;
    expect(dispositionName(header, 'x.pdf')).toBe('合同-T1-1-2023-v2.pdf');
    expect(dispositionName('attachment; filename="a.pdf"', 'x.pdf')).toBe('a.pdf');
    expect(dispositionName(null, 'x.pdf')).toBe('x.pdf');
  });

  it('reads the message of an error that came back as a blob', async () => {
    const body = new Blob([JSON.stringify({ statusCode: 503, message: 'PDF 生成暂不可用：请将 CHROMIUM_PATH 设为 Chromium 可执行文件' })], {
      type: 'application/json',
    });
    const error = await toApiErrorAsync(new HttpErrorResponse({ status: 503, statusText: 'Service Unavailable', error: body }));
    expect(error.message).toContain('CHROMIUM_PATH');
  });
});
