import { TestBed } from '@angular/core/testing';
import { PeriodicReportSchema, type PeriodicReportView } from '@domain/wire/reports';
import { AuthService } from '../core/auth.service';
import { useHttpTesting } from '../testing/http';
import { loginResult, user } from '../testing/users';
import { answer } from '../testing/wire';
import { PeriodicReports } from './periodic-reports';

const report = (overrides: Partial<PeriodicReportView> = {}): PeriodicReportView =>
  answer(PeriodicReportSchema, {
    id: null,
    contractId: 7,
    kind: 'monthly',
    period: '2024-02',
    dueDate: '2024-03-05',
    status: 'overdue',
    late: false,
    daysOverdue: 32,
    submittedOn: null,
    submittedBy: null,
    fileName: null,
    size: null,
    sha256: null,
    receivedOn: null,
    receivedBy: null,
    receivedAt: null,
    tenderId: 3,
    tenderCode: 'HN-2024',
    lotNo: '1',
    year: 2024,
    insurer: '甲保险',
    contractStatus: 'signed',
    ...overrides,
  });

const submitted = report({
  id: 5,
  period: '2024-03',
  dueDate: '2024-04-07',
  status: 'submitted',
  late: true,
  daysOverdue: 0,
  submittedOn: '2024-04-09',
  submittedBy: 'insurer',
  fileName: '三月报表.pdf',
  size: 20,
  sha256: 'ab'.repeat(32),
});

describe('PeriodicReports', () => {
  const http = useHttpTesting();
  const rows = (page: HTMLElement) =>
    [...page.querySelectorAll('.report-row')].map((r) =>
      [...r.querySelectorAll('td')]
        .map((td) =>
          [...td.childNodes]
            // Angular's comment anchors of @if blocks read as text too.
            .filter((n) => n.nodeType !== Node.COMMENT_NODE)
            .map((n) => n.textContent?.trim())
            .filter(Boolean)
            .join(' '),
        )
        .join(' | '),
    );

  async function open(role: 'insurer' | 'bureau') {
    TestBed.inject(AuthService).login('u', 'p').subscribe();
    http.expectOne('/api/auth/login').flush(loginResult(user({ role })));
    const fixture = TestBed.createComponent(PeriodicReports);
    http.expectOne('/api/reports').flush([report(), submitted]);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('shows the insurer each report with its due day, overdue and late in Chinese, and uploads a file', async () => {
    const { fixture, page } = await open('insurer');
    expect(page.querySelector('.contract-reports .ant-card-head-title')?.textContent).toContain('HN-2024 标包1 2024年度合同');
    const [overdue, late] = rows(page);
    expect(overdue).toBe('月度报表 | 2024年2月 | 2024-03-05 | 逾期未报 逾期32天 | — | — | 上传报送');
    expect(late).toBe('月度报表 | 2024年3月 | 2024-04-07 | 已报送 逾期报送 | 三月报表.pdf 2024-04-09 insurer | — | 重新上传');
    expect(page.querySelector('.receive-report')).toBeNull();

    const input = page.querySelector<HTMLInputElement>('.report-row[data-period="2024-02"] .report-input input[type=file]')!;
    const file = new File(['%PDF-1.4'], '二月报表.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    const req = http.expectOne('/api/contracts/7/reports/monthly/2024-02');
    expect(req.request.method).toBe('POST');
    expect((req.request.body as FormData).get('file')).toBeInstanceOf(File);
    req.flush(report({ id: 6, status: 'submitted', late: true, daysOverdue: 0, submittedOn: '2024-03-20', fileName: '二月报表.pdf' }));
    await fixture.whenStable();
    expect(page.querySelector('[role="status"]')?.textContent).toContain('逾期报送');
    expect(rows(page)[0]).toContain('已报送 逾期报送 | 二月报表.pdf 2024-03-20');
  });

  it('lets the bureau receive a submitted report, and offers no upload', async () => {
    const { fixture, page } = await open('bureau');
    expect(page.querySelector('.report-input')).toBeNull();
    expect(page.querySelectorAll('.receive-report')).toHaveLength(1);
    page.querySelector<HTMLButtonElement>('.report-row[data-period="2024-03"] .receive-report')!.click();
    const req = http.expectOne('/api/reports/5/receive');
    expect(req.request.method).toBe('POST');
    req.flush({ ...submitted, status: 'received', receivedOn: '2024-04-10', receivedBy: 'bureau', receivedAt: '2024-04-10T02:00:00.000Z' });
    await fixture.whenStable();
    expect(rows(page)[1]).toBe(
      '月度报表 | 2024年3月 | 2024-04-07 | 已签收 逾期报送 | 三月报表.pdf 2024-04-09 insurer | 2024-04-10 bureau | ',
    );
    expect(page.querySelector('[role="status"]')?.textContent).toContain('已签收 HN-2024 标包1 2024年3月');
    expect(page.querySelector('.receive-report')).toBeNull();
  });

  it('says in Chinese that a report imported with its dossier has no file, and offers no download', async () => {
    TestBed.inject(AuthService).login('u', 'p').subscribe();
    http.expectOne('/api/auth/login').flush(loginResult(user({ role: 'bureau' })));
    const fixture = TestBed.createComponent(PeriodicReports);
    const imported = {
      ...submitted,
      late: false,
      submittedOn: '2024-04-02',
      submittedBy: 'dossier',
      fileName: null,
      size: null,
      sha256: null,
    };
    http.expectOne('/api/reports').flush([imported]);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    expect(rows(page)[0]).toBe('月度报表 | 2024年3月 | 2024-04-07 | 已报送 | 随档案导入，无报告文件 2024-04-02 报送 | — | 签收');
    expect(page.querySelector('.report-file')).toBeNull();
    expect(page.textContent).not.toContain('dossier');
  });
});
