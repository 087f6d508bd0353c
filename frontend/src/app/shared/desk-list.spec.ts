import { TestBed } from '@angular/core/testing';
import { DeskSchema } from '@domain/wire/desk';
import { useHttpTesting } from '../testing/http';
import { answer, problem } from '../testing/wire';
import { DeskList } from './desk-list';

describe('DeskList', () => {
  const http = useHttpTesting();

  async function render(body: object, status = 200) {
    const fixture = TestBed.createComponent(DeskList);
    const req = http.expectOne('/api/desk');
    if (status === 200) req.flush(body);
    else req.flush(body, { status, statusText: 'error' });
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('lists the items in Chinese with links and due dates, overdue ones in red', async () => {
    const page = await render(
      answer(DeskSchema, {
        items: [
          {
            kind: 'payment-payable',
            object: { type: 'contract', id: 4, name: '宁波长护 第1包 2026年度 首付款' },
            due: '2026-03-01',
            overdue: true,
            link: '/bureau/contracts/4',
          },
          {
            kind: 'opening-line-to-confirm',
            object: { type: 'tender', id: 2, name: '宁波长护' },
            due: '2026-03-01T02:30:00.000Z',
            overdue: false,
            link: '/insurer/bids',
            count: 2,
          },
        ],
      }),
    );
    const rows = [...page.querySelectorAll('.desk-item')];
    expect(rows.map((r) => r.querySelector('a')!.textContent!.trim())).toEqual(['款项待支付', '开标记录待确认']);
    expect(rows[0].querySelector('a')!.getAttribute('href')).toBe('/bureau/contracts/4');
    expect(rows[0].classList).toContain('overdue');
    expect(rows[0].querySelector('.desk-due')!.textContent).toContain('2026-03-01');
    expect(rows[0].querySelector('.desk-due')!.textContent).toContain('已逾期');
    expect(rows[1].classList).not.toContain('overdue');
    expect(rows[1].textContent).toContain('（2项）');
    // An instant is shown in Beijing time.
    expect(rows[1].querySelector('.desk-due')!.textContent).toContain('2026-03-01 10:30');
  });

  it('says when there is nothing to do', async () => {
    expect((await render(answer(DeskSchema, { items: [] }))).textContent).toContain('暂无待办事项');
  });

  it('shows a failed fetch in Chinese', async () => {
    const page = await render(problem(503, '数据库暂不可用 / database unavailable'), 503);
    expect(page.querySelector('[role=alert]')!.textContent).toContain('数据库暂不可用');
  });
});
