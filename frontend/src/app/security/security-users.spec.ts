import { TestBed } from '@angular/core/testing';
import { user } from '../testing/users';
import { useHttpTesting } from '../testing/http';
import { choose } from '../testing/forms';
import { SecurityUsers } from './security-users';

const locked = user({
  id: 7,
  username: 'expert3',
  displayName: '吴专家',
  role: 'expert',
  lockedUntil: '2999-01-01T00:00:00.000Z',
});

describe('SecurityUsers', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(SecurityUsers);
    http.expectOne('/api/users').flush([locked]);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('grants another role and reloads the list', async () => {
    const { fixture, page } = await render();
    await choose(fixture, 'nz-select.role-select', 'bureau');
    const req = http.expectOne('/api/users/7/role');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toEqual({ role: 'bureau' });
    req.flush({ ...locked, role: 'bureau' });
    http.expectOne('/api/users').flush([{ ...locked, role: 'bureau' }]);
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')?.textContent).toContain('expert3 的角色变更为医保局');
  });

  it('unlocks a locked account', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('button.unlock')!.click();
    const req = http.expectOne('/api/users/7/unlock');
    expect(req.request.method).toBe('POST');
    req.flush({ ...locked, lockedUntil: null });
    http.expectOne('/api/users').flush([{ ...locked, lockedUntil: null }]);
    await fixture.whenStable();
    expect(page.querySelector('button.unlock')).toBeNull();
    expect(page.querySelector('.status')?.textContent).toBe('正常');
  });

  it('shows a refusal with its reason', async () => {
    const { fixture, page } = await render();
    await choose(fixture, 'nz-select.role-select', 'procurement');
    http.expectOne('/api/users/7/role').flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'role', code: 'lastAdministrator', params: {}, message: 'x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    http.expectOne('/api/users').flush([locked]);
    await fixture.whenStable();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('不能停用或变更最后一名在用的该类管理员');
  });
});
