import { TestBed } from '@angular/core/testing';
import { answerPage } from '../testing/pages';
import { AuditLogs } from './audit-logs';
import { AuditEntry, SecurityEvent } from './audit-api';
import { useHttpTesting } from '../testing/http';

const entry: AuditEntry = {
  id: 12,
  at: '2026-03-01T02:00:00.000Z',
  actorId: 2,
  actorName: 'clerk',
  action: 'tender.publish',
  entityType: 'tender',
  entityId: '1',
  before: null,
  after: null,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  alg: 'sm3',
};
const event: SecurityEvent = {
  id: 3,
  at: '2026-03-01T02:00:00.000Z',
  kind: 'refused',
  userId: 5,
  username: 'insurer',
  role: 'insurer',
  method: 'GET',
  path: '/api/tenders/1/dossier',
  status: 403,
  ip: '10.0.0.8',
  userAgent: 'Firefox',
};

describe('AuditLogs', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(AuditLogs);
    expect(answerPage(http, '/api/audit', [entry], 120)).toEqual({ page: '1', pageSize: '20' });
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the audit record in Chinese and filters it', async () => {
    const { fixture, page } = await render();
    const cells = [...page.querySelectorAll('tr.audit-entry td')].map((td) => td.textContent?.trim());
    expect(cells).toEqual(['12', expect.stringMatching(/^2026-03-01/), 'clerk', '发布招标项目', '招标项目', '1']);
    expect(page.textContent).toContain('共 120 条');
    const user = page.querySelector<HTMLInputElement>('#filter-user')!;
    user.value = 'clerk';
    user.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('#search-logs')!.click();
    expect(answerPage(http, '/api/audit', [])).toEqual({ page: '1', pageSize: '20', user: 'clerk' });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(page.querySelectorAll('tr.audit-entry')).toHaveLength(0);
  });

  it('verifies the chain and names each problem', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('#verify-chain')!.click();
    http
      .expectOne('/api/audit/verify')
      .flush({ entries: 9, head: { id: 9, hash: 'c'.repeat(64) }, breaks: [{ id: 9, problem: 'truncated', detail: 'x' }] });
    await fixture.whenStable();
    expect(page.querySelector('#chain-result')?.textContent).toContain('1 处问题');
    expect(page.querySelector('.chain-break')?.textContent).toContain('记录被截断');
  });

  it('shows the security log and exports it as filtered', async () => {
    const { fixture, page } = await render();
    const tabs = [...page.querySelectorAll<HTMLElement>('.ant-tabs-tab-btn, [role="tab"]')];
    tabs.find((t) => t.textContent?.includes('安全事件'))!.click();
    await fixture.whenStable();
    expect(answerPage(http, '/api/audit/security-events', [event])).toEqual({ page: '1', pageSize: '20' });
    await fixture.whenStable();
    fixture.detectChanges();
    const cells = [...page.querySelectorAll('tr.security-event td')].map((td) => td.textContent?.trim());
    expect(cells.slice(1)).toEqual(['拒绝访问', 'insurer', '保险公司', 'GET /api/tenders/1/dossier', '403', '10.0.0.8', 'Firefox']);
    const createObjectURL = vi.fn(() => 'blob:log');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    page.querySelector<HTMLButtonElement>('#export-logs')!.click();
    const download = http.expectOne((r) => r.url === '/api/audit/security-events/export.xlsx');
    expect(download.request.responseType).toBe('blob');
    download.flush(new Blob(['xlsx']));
    expect(createObjectURL).toHaveBeenCalled();
  });
});
