import { TestBed } from '@angular/core/testing';
import { useHttpTesting } from '../testing/http';
import { ApiClient, dispositionName } from './api-client';
import { toApiError } from './api-error';

describe('ApiClient', () => {
  const http = useHttpTesting();

  it('reads the Chinese file name of a download', () => {
    const header = `attachment; filename="___-T1-1-2023-v2.pdf"; filename*=UTF-8''${encodeURIComponent('合同-T1-1-2023-v2.pdf')}`;
    expect(dispositionName(header, 'x.pdf')).toBe('合同-T1-1-2023-v2.pdf');
    expect(dispositionName('attachment; filename="a.pdf"', 'x.pdf')).toBe('a.pdf');
    expect(dispositionName(null, 'x.pdf')).toBe('x.pdf');
  });

  it('calls the API under /api, leaving empty query parameters out', () => {
    TestBed.inject(ApiClient).get('/assessments', { year: 2024, status: '', contractId: null }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/assessments');
    expect(req.request.params.keys()).toEqual(['year']);
    req.flush([]);
  });

  it('gives a download its name, version and checksum from the headers', async () => {
    const download = new Promise((resolve) => TestBed.inject(ApiClient).download('/contracts/7/pdf', '合同.pdf').subscribe(resolve));
    http.expectOne('/api/contracts/7/pdf').flush(new Blob(['%PDF']), {
      headers: { 'X-Document-Version': '2', 'X-Document-SHA256': 'ab12' },
    });
    expect(await download).toEqual({ blob: expect.any(Blob), fileName: '合同.pdf', version: '2', sha256: 'ab12' });
  });

  it("turns a download's error, which arrives as a blob, into the API's message", async () => {
    const failure = new Promise((resolve) => TestBed.inject(ApiClient).download('/contracts/7/pdf', 'x.pdf').subscribe({ error: resolve }));
    const body = JSON.stringify({ statusCode: 503, message: 'PDF 生成暂不可用：请将 CHROMIUM_PATH 设为 Chromium 可执行文件' });
    http
      .expectOne('/api/contracts/7/pdf')
      .flush(new Blob([body], { type: 'application/json' }), { status: 503, statusText: 'Service Unavailable' });
    expect(toApiError(await failure).message).toContain('CHROMIUM_PATH');
  });
});
