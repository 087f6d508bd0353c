import { TestBed } from '@angular/core/testing';
import { ImportDossier } from './import-dossier';
import { ImportedSchema, ImportProgressSchema, type ImportProgress } from '@domain/wire/dossiers';
import { useHttpTesting } from '../testing/http';
import { answer } from '../testing/wire';

describe('ImportDossier', () => {
  const http = useHttpTesting();

  async function choose(content: string) {
    const fixture = TestBed.createComponent(ImportDossier);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const input = page.querySelector<HTMLInputElement>('#dossier-file')!;
    const file = new File([content], 'ningbo.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    return { fixture, page };
  }

  it('uploads the file and lists every path error of a 400', async () => {
    const dossier = '{"formatVersion":1,"tender":{"code":"X"}}';
    const { fixture, page } = await choose(dossier);
    const req = await vi.waitFor(() => http.expectOne('/api/dossiers'));
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toBe(dossier);
    expect(req.request.reportProgress).toBe(true);

    req.event({ type: 1, loaded: 50, total: 100 });
    await fixture.whenStable();
    expect(page.querySelector('.upload-progress')?.textContent).toContain('正在上传 50%');
    expect(page.querySelector('.chosen-file')?.textContent).toContain('ningbo.json');

    req.flush(
      {
        statusCode: 400,
        message: '档案有误，未导入任何内容',
        errors: [
          { path: 'lots[1].maxUnitPrice', message: 'must be > 0' },
          { path: 'bids[3].bidder', message: '未知投标人 ZZ' },
          { path: 'scores[0].value', message: '须为0.1的整数倍' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const items = [...page.querySelectorAll('.import-errors li')].map((li) => li.textContent?.trim());
    expect(items).toEqual(['lots[1].maxUnitPrice: must be > 0', 'bids[3].bidder: 未知投标人 ZZ', 'scores[0].value: 须为0.1的整数倍']);
    expect(page.querySelector('.import-errors')?.textContent).toContain('档案有误');
    expect(page.querySelector('#imported-tender')).toBeNull();
  });

  it('names the import and shows each phase of the server while it validates, evaluates and writes', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { fixture, page } = await choose('{"formatVersion":1}');
      const req = await vi.waitFor(() => http.expectOne('/api/dossiers'));
      const importId = req.request.headers.get('X-Import-Id')!;
      expect(importId).toMatch(/^[0-9a-f-]{36}$/);
      req.event({ type: 1, loaded: 100, total: 100 });
      await fixture.whenStable();
      const status = () => page.querySelector('.upload-status')?.textContent;
      expect(status()).toContain('正在校验档案…'); // the server validates first
      const poll = async (progress: Partial<ImportProgress> & Pick<ImportProgress, 'phase'>) => {
        await vi.advanceTimersByTimeAsync(500);
        const counts = { checked: 0, toCheck: 0, written: 0, total: 0 };
        http.expectOne(`/api/dossiers/imports/${importId}`).flush(answer(ImportProgressSchema, { ...counts, ...progress }));
        await fixture.whenStable();
      };
      await poll({ phase: 'validating' });
      expect(status()).toContain('正在校验档案…');
      await poll({ phase: 'validating', checked: 10000, toCheck: 40000 });
      expect(status()).toContain('正在校验档案… 25%');
      await poll({ phase: 'evaluating', checked: 40000, toCheck: 40000 });
      expect(status()).toContain('校验通过，正在评审计算（合同依据）…');
      await poll({ phase: 'writing', checked: 40000, toCheck: 40000, written: 5000, total: 20000 });
      expect(status()).toContain('正在写入 5,000 / 20,000 条');
      req.flush(answer(ImportedSchema, { tenderId: 7 }), { status: 201, statusText: 'Created' });
      await vi.advanceTimersByTimeAsync(1000);
      http.expectNone(`/api/dossiers/imports/${importId}`); // no polling after the answer
    } finally {
      vi.useRealTimers();
    }
  });

  it('links to the imported tender', async () => {
    const { fixture, page } = await choose('{"formatVersion":1}');
    const req = await vi.waitFor(() => http.expectOne('/api/dossiers'));
    req.flush(answer(ImportedSchema, { tenderId: 42 }), { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    expect(page.querySelector('#imported-tender')?.getAttribute('href')).toBe('/procurement/tenders/42');
    expect(page.querySelector('.import-errors')).toBeNull();
  });

  it('does not upload a file that is not JSON', async () => {
    const { fixture, page } = await choose('not json');
    await vi.waitFor(async () => {
      await fixture.whenStable();
      expect(page.querySelector('.import-errors')?.textContent).toContain('不是有效的 JSON');
    });
    http.expectNone('/api/dossiers');
  });
});
