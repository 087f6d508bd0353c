import { TestBed } from '@angular/core/testing';
import type { ContractSummary } from '@domain/wire/contracts';
import { contractLedger, contractSummary } from '../testing/contracts';
import { problem } from '../testing/wire';
import { InsurerContracts } from './insurer-contracts';
import { useHttpTesting } from '../testing/http';
import { answerPage } from '../testing/pages';
import { useChartStubs } from '../testing/charts';

const summary = (id: number, lotNo: string, year: number, status: ContractSummary['status']): ContractSummary =>
  contractSummary({ id, lotNo, year, status, population: 4012345, fixedFees: [], rewardBudget: null, version: 2 });

describe('InsurerContracts', () => {
  const http = useHttpTesting();
  useChartStubs();

  it('lists exactly the contracts the API returns, each with its downloads and no other actions', async () => {
    const fixture = TestBed.createComponent(InsurerContracts);
    await fixture.whenStable();
    expect(answerPage(http, '/api/contracts', [summary(7, '1', 2023, 'signed'), summary(9, '1', 2024, 'draft')])).toEqual({
      page: '1',
      pageSize: '20',
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('h1')?.textContent).toBe('我的合同');
    const rows = [...page.querySelectorAll('tr.my-contract')];
    expect(rows.map((r) => r.getAttribute('data-contract'))).toEqual(['7', '9']);
    expect(rows[0].textContent).toContain('已签订');
    expect(rows[1].textContent).toContain('草稿');
    for (const row of rows) {
      expect(row.querySelector('a.download-contract')?.textContent).toBe('合同PDF');
      expect(row.querySelector('a.download-award-notice')?.textContent).toBe('中标通知书');
    }
    expect(page.querySelectorAll('tbody button, tbody input, tbody select')).toHaveLength(0);
    expect(page.textContent).toContain('共 2 份合同');

    const createUrl = vi.fn(() => 'blob:pdf');
    Object.assign(URL, { createObjectURL: createUrl, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    rows[1].querySelector('a.download-contract')!.dispatchEvent(new MouseEvent('click', { cancelable: true }));
    http.expectOne('/api/contracts/9/pdf').flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    rows[0].querySelector('a.download-award-notice')!.dispatchEvent(new MouseEvent('click', { cancelable: true }));
    http.expectOne('/api/tenders/3/lots/1/award-notice/pdf').flush(new Blob(['%PDF-1.7'], { type: 'application/pdf' }));
    expect(createUrl).toHaveBeenCalledTimes(2);
    expect(click).toHaveBeenCalledTimes(2);
  });

  it('shows a signed contract’s payment ledger, read only; a draft has none', async () => {
    const fixture = TestBed.createComponent(InsurerContracts);
    await fixture.whenStable();
    expect(answerPage(http, '/api/contracts', [summary(7, '1', 2023, 'signed'), summary(9, '1', 2024, 'draft')])).toEqual({
      page: '1',
      pageSize: '20',
    });
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    const rows = [...page.querySelectorAll('tr.my-contract')];
    expect(rows[1].querySelector('a.show-ledger')).toBeNull();
    rows[0].querySelector('a.show-ledger')!.dispatchEvent(new MouseEvent('click', { cancelable: true }));
    await fixture.whenStable();
    http.expectOne('/api/contracts/7/ledger').flush(contractLedger());
    await fixture.whenStable();
    expect(page.querySelector('.ledger')?.textContent).toMatch(/付款台账：.*2023年度/);
    expect(page.querySelectorAll('.ledger .ledger-line')).toHaveLength(2);
    expect(page.querySelectorAll('tbody button, tbody input, tbody select')).toHaveLength(0);
    expect(page.textContent).toContain('共 2 份合同');
  });

  it('shows why a PDF could not be fetched', async () => {
    const fixture = TestBed.createComponent(InsurerContracts);
    await fixture.whenStable();
    answerPage(http, '/api/contracts', [summary(7, '1', 2023, 'signed')]);
    await fixture.whenStable();
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    page.querySelector('a.download-contract')!.dispatchEvent(new MouseEvent('click', { cancelable: true }));
    http
      .expectOne('/api/contracts/7/pdf')
      .flush(new Blob([JSON.stringify(problem(503, 'PDF 生成暂不可用：请将 CHROMIUM_PATH 设为 Chromium 可执行文件'))]), {
        status: 503,
        statusText: 'Service Unavailable',
      });
    await vi.waitFor(() => expect(page.querySelector('[role="alert"]')?.textContent).toContain('CHROMIUM_PATH'));
  });

  it('shows an empty list when the organisation has no contracts', async () => {
    const fixture = TestBed.createComponent(InsurerContracts);
    await fixture.whenStable();
    answerPage(http, '/api/contracts', []);
    await fixture.whenStable();
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('本单位暂无合同');
  });
});
