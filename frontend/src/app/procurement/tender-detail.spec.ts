import { ComponentFixture, TestBed } from '@angular/core/testing';
import { confirmPopover } from '../testing/overlay';
import { useHttpTesting } from '../testing/http';
import { tenderDetail } from '../testing/tenders';
import type { TenderDetail as Tender } from '@domain/wire/tenders';
import { TenderDetail } from './tender-detail';

describe('TenderDetail', () => {
  const http = useHttpTesting();
  let current: ComponentFixture<TenderDetail> | undefined;

  async function render(status: Tender['status'], validity: Tender['validity'] = { endsOn: '2022-12-27', warning: null }) {
    const fixture = (current = TestBed.createComponent(TenderDetail));
    fixture.componentRef.setInput('id', '5');
    fixture.detectChanges();
    http.expectOne('/api/tenders/5').flush(tenderDetail({ id: 5, status, validity }));
    await fixture.whenStable();
    // The open tab's panel asks for its own rows; this test is about the toolbar.
    for (const req of http.match(() => true)) req.flush([]);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('offers the archive (电子档案) of a finished tender and saves it under the tender’s code', async () => {
    // The download goes through a temporary link to an object URL (shared/download.ts): catch the link's click.
    Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:archive'), revokeObjectURL: vi.fn() });
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const page = await render('awarded');
    page.querySelector<HTMLButtonElement>('#download-archive')!.click();
    const req = http.expectOne('/api/tenders/5/archive.zip');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['PK']));
    expect(saved).toEqual(['NBZFCG2022B031G-archive.zip']);
  });

  it('does not offer it before the tender is finished', async () => {
    const page = await render('evaluation');
    expect(page.querySelector('#download-archive')).toBeNull();
  });

  it('warns, in Chinese, while the award is late for the bids’ validity', async () => {
    const expired = await render('evaluation', { endsOn: '2022-12-27', warning: 'validity-expired' });
    expect(expired.querySelector('#validity-warning')?.textContent).toContain('投标有效期已届满');
    expect(expired.querySelector('.tender-summary')?.textContent).toContain('结果公布后 7 个工作日');
  });

  it('shows no warning once the award is confirmed', async () => {
    const page = await render('awarded');
    expect(page.querySelector('#validity-warning')).toBeNull();
    expect(page.querySelector('.tender-summary')?.textContent).toContain('至 2022-12-27');
  });

  it('opens the bids only once asked in a popconfirm', async () => {
    const page = await render('closed');
    const fixture = current!;
    page.querySelector<HTMLButtonElement>('#open-bids')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.querySelector('.ant-popover')?.textContent).toContain('开标后各投标报价解密公开');
    http.expectNone('/api/tenders/5/open');
    await confirmPopover(fixture);
    http.expectOne('/api/tenders/5/open').flush(tenderDetail({ id: 5, status: 'opened' }));
    fixture.detectChanges();
    // The status the opening left, shown before the tender is read again.
    expect(page.querySelector('#tender-status')?.textContent).toContain('已开标');
    http.expectOne('/api/tenders/5').flush(tenderDetail({ id: 5, status: 'opened' }));
    await fixture.whenStable();
    // The opening record read before the opening was cancelled by the one read after it.
    for (const req of http.match(() => true)) if (!req.cancelled) req.flush([]);
  });
});
