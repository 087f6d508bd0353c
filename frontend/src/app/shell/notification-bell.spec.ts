import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { NotificationListSchema, NotificationSchema, ReadAllSchema } from '@domain/wire/desk';
import { useHttpTesting } from '../testing/http';
import { answer } from '../testing/wire';
import { NotificationBell } from './notification-bell';

const opening = {
  id: 7,
  kind: 'opening-done' as const,
  title: '已开标',
  body: '已开标：宁波长护',
  object: { type: 'tender' as const, id: 2, name: '宁波长护' },
  link: '/insurer/bids',
  createdAt: '2026-03-01T02:01:00.000Z',
  readAt: null,
};
const paid = {
  ...opening,
  id: 6,
  kind: 'payment-recorded' as const,
  title: '付款已登记',
  body: '付款已登记：合同',
  link: '/insurer/contracts',
  readAt: '2026-03-01T03:00:00.000Z',
};

describe('NotificationBell', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(NotificationBell);
    http.expectOne('/api/notifications').flush(answer(NotificationListSchema, { unread: 1, items: [opening, paid] }));
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  const open = async (fixture: Awaited<ReturnType<typeof render>>) => {
    (fixture.nativeElement as HTMLElement).querySelector<HTMLButtonElement>('#notification-bell')!.click();
    // NG-ZORRO's dropdown settles its visibility after a short debounce.
    await new Promise((r) => setTimeout(r, 300));
    fixture.detectChanges();
    await fixture.whenStable();
    http.expectOne('/api/notifications').flush(answer(NotificationListSchema, { unread: 1, items: [opening, paid] }));
    fixture.detectChanges();
    await fixture.whenStable();
    return document.querySelector('.bell-panel') as HTMLElement;
  };

  it('shows the unread count on the bell', async () => {
    const fixture = await render();
    const bell = (fixture.nativeElement as HTMLElement).querySelector('#notification-bell')!;
    expect(bell.getAttribute('aria-label')).toBe('站内消息，1条未读');
    expect(bell.querySelector('nz-badge')!.textContent).toContain('1');
  });

  it('lists the notifications in Chinese; a click marks one read and opens its page', async () => {
    const fixture = await render();
    const panel = await open(fixture);
    const items = [...panel.querySelectorAll('.notification')];
    expect(items.map((i) => i.querySelector('.notification-title')!.textContent)).toEqual(['已开标', '付款已登记']);
    expect(items[0].classList).toContain('unread');
    expect(items[1].classList).not.toContain('unread');
    expect(items[0].querySelector('.notification-time')!.textContent!.trim()).toBe('2026-03-01 10:01');

    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    items[0].querySelector<HTMLElement>('.notification-link')!.click();
    http
      .expectOne({ method: 'POST', url: '/api/notifications/7/read' })
      .flush(answer(NotificationSchema, { ...opening, readAt: '2026-03-01T04:00:00.000Z' }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect(navigate).toHaveBeenCalledWith('/insurer/bids');
    expect((fixture.nativeElement as HTMLElement).querySelector('#notification-bell')!.getAttribute('aria-label')).toBe(
      '站内消息，0条未读',
    );
  });

  it('marks all read', async () => {
    const fixture = await render();
    const panel = await open(fixture);
    panel.querySelector<HTMLButtonElement>('#read-all')!.click();
    http.expectOne({ method: 'POST', url: '/api/notifications/read-all' }).flush(answer(ReadAllSchema, { read: 1 }));
    http
      .expectOne('/api/notifications')
      .flush(answer(NotificationListSchema, { unread: 0, items: [{ ...opening, readAt: '2026-03-01T04:00:00.000Z' }, paid] }));
    fixture.detectChanges();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('#notification-bell')!.getAttribute('aria-label')).toBe(
      '站内消息，0条未读',
    );
  });
});
