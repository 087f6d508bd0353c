import { TestBed } from '@angular/core/testing';
import { CreateUserSchema, OrganizationSchema, UpdateUserSchema } from '@domain/wire/users';
import { Users } from './users';
import { BackupStatusSchema } from '@domain/wire/backup';
import { user } from '../testing/users';
import { answer, sent } from '../testing/wire';
import { useHttpTesting } from '../testing/http';
import { answerPage, answerPageWhenAsked } from '../testing/pages';
import { AuthService } from '../core/auth.service';
import { fieldErrors, selectOptions } from '../testing/forms';
import { confirmPopover } from '../testing/overlay';

const insurer = user({
  id: 7,
  username: 'picc',
  displayName: '王芳',
  role: 'insurer',
  organizationId: 4,
  organizationName: '中国人民财产保险宁波分公司',
});

const organizations = [
  answer(OrganizationSchema, {
    id: 3,
    code: 'NBYBJ',
    name: '宁波市医疗保障局',
    kind: 'bureau',
    createdAt: '2026-01-01T00:00:00.000Z',
    usersCount: 1,
  }),
  answer(OrganizationSchema, {
    id: 4,
    code: 'PICC',
    name: '中国人民财产保险宁波分公司',
    kind: 'insurer',
    createdAt: '2026-01-01T00:00:00.000Z',
    usersCount: 1,
  }),
];

describe('Users', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(Users);
    answerPage(http, '/api/users', [insurer]);
    http.expectOne('/api/organizations').flush(organizations);
    http.expectOne('/api/backups').flush(answer(BackupStatusSchema, { schedule: null, runs: [] }));
    await fixture.whenStable();
    fixture.detectChanges();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('lists the users', async () => {
    const { page } = await render();
    const cells = [...page.querySelectorAll('tbody tr:not(.ant-table-measure-now) td')].map((td) => td.textContent?.trim());
    expect(cells.slice(0, 6)).toEqual(['picc', '王芳', '保险公司', '中国人民财产保险宁波分公司', '—', '正常']);
    expect(page.textContent).toContain('共 1 个用户');
  });

  it('searches by name from the first page and filters by role on the server', async () => {
    const { fixture, page } = await render();
    const q = page.querySelector<HTMLInputElement>('#user-q')!;
    q.value = 'pic';
    q.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.user-search button[type=submit]')!.click();
    expect(await answerPageWhenAsked(http, '/api/users', [insurer], 1)).toEqual({ page: '1', pageSize: '20', q: 'pic' });
    await fixture.whenStable();
    page.querySelector<HTMLElement>('th[nzColumnKey="username"]')!.click();
    expect(await answerPageWhenAsked(http, '/api/users', [insurer], 1)).toEqual({
      page: '1',
      pageSize: '20',
      sort: 'username',
      order: 'asc',
      q: 'pic',
    });
  });

  it("sets a user's e-mail address for its notifications, and clears it with an empty field", async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('.edit-email')!.click();
    await fixture.whenStable();
    const input = page.querySelector<HTMLInputElement>('.email-input')!;
    input.value = ' wang@picc.example.cn ';
    input.dispatchEvent(new Event('input'));
    page.querySelector<HTMLFormElement>('.email-form')!.dispatchEvent(new Event('submit'));
    const req = http.expectOne({ method: 'PATCH', url: '/api/users/7' });
    expect(sent(UpdateUserSchema, req.request.body)).toEqual({ email: 'wang@picc.example.cn' });
    req.flush({ ...insurer, email: 'wang@picc.example.cn' });
    answerPage(http, '/api/users', [{ ...insurer, email: 'wang@picc.example.cn' }]);
    await fixture.whenStable();
    expect(page.querySelector('.user-email')!.textContent).toBe('wang@picc.example.cn');
    expect(page.querySelector('[role=status]')!.textContent).toContain('已设置用户 picc 的电子邮箱');

    page.querySelector<HTMLButtonElement>('.edit-email')!.click();
    await fixture.whenStable();
    const again = page.querySelector<HTMLInputElement>('.email-input')!;
    expect(again.value).toBe('wang@picc.example.cn');
    again.value = '';
    again.dispatchEvent(new Event('input'));
    page.querySelector<HTMLFormElement>('.email-form')!.dispatchEvent(new Event('submit'));
    expect(http.expectOne({ method: 'PATCH', url: '/api/users/7' }).request.body).toEqual({ email: null });
  });

  it("picks an insurer user's organisation by name, searching", async () => {
    const { fixture, page } = await render();
    const options = await selectOptions(fixture, 'nz-select[nzId="new-organization"]');
    expect(options.map((o) => o.textContent?.trim())).toEqual(['宁波市医疗保障局（医疗保障局）', '中国人民财产保险宁波分公司（保险公司）']);
    const search = page.querySelector<HTMLInputElement>('#new-organization')!;
    search.value = '人民';
    search.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    await fixture.whenStable();
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')];
    expect(found.map((o) => o.textContent?.trim())).toEqual(['中国人民财产保险宁波分公司（保险公司）']);
    found[0].click();
    const field = (id: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(id)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    field('#new-username', 'picc2');
    field('#new-display-name', '李明');
    field('#new-password', 'Zhong-Guo-2026!');
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('#create-user')!.click();
    const req = http.expectOne('/api/users');
    expect(sent(CreateUserSchema, req.request.body)).toEqual(expect.objectContaining({ role: 'insurer', organizationId: 4 }));
    req.flush(user({ id: 8, username: 'picc2', role: 'insurer', organizationId: 4 }));
    answerPage(http, '/api/users', [insurer]);
  });

  it('shows validation errors from the API next to the fields', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('#create-user')!.click();
    const req = http.expectOne('/api/users');
    expect(req.request.method).toBe('POST');
    req.flush(
      {
        statusCode: 400,
        message: '输入有误',
        errors: [
          { path: 'username', message: '用户名不能为空' },
          { path: 'organizationId', message: '保险公司用户必须属于一个机构' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(fieldErrors(page, '#new-username')).toEqual(['用户名不能为空']);
    expect(fieldErrors(page, 'nz-select[nzId="new-organization"]')).toEqual(['保险公司用户必须属于一个机构']);
    expect(page.querySelector('.create-error')?.textContent).toContain('输入有误');
  });

  it('disables a user once confirmed, and reloads the list', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('td.actions .toggle-disabled')!.click();
    http.expectNone('/api/users/7');
    await confirmPopover(fixture);
    const req = http.expectOne('/api/users/7');
    expect(req.request.method).toBe('PATCH');
    expect(sent(UpdateUserSchema, req.request.body)).toEqual({ disabled: true });
    req.flush(user({ ...insurer, disabled: true }));
    answerPage(http, '/api/users', [user({ ...insurer, disabled: true })]);
    await fixture.whenStable();
    expect(page.querySelector('.status')?.textContent).toBe('已停用');
  });

  it('resets a password once confirmed', async () => {
    const { fixture, page } = await render();
    [...page.querySelectorAll<HTMLButtonElement>('td.actions button')].find((b) => b.textContent?.trim() === '重置密码')!.click();
    fixture.detectChanges();
    await fixture.whenStable();
    const input = page.querySelector<HTMLInputElement>('.reset-password')!;
    input.value = 'Zhong-Guo-2026!';
    input.dispatchEvent(new Event('input'));
    page.querySelector<HTMLButtonElement>('.confirm-reset')!.click();
    http.expectNone('/api/users/7/reset-password');
    await confirmPopover(fixture);
    const req = http.expectOne('/api/users/7/reset-password');
    expect(req.request.body).toEqual({ password: 'Zhong-Guo-2026!' });
    req.flush(insurer);
    answerPage(http, '/api/users', [insurer]);
  });

  it("offers no disabling of the administrator's own account", async () => {
    TestBed.inject(AuthService)['currentUser'].set(user({ id: 7, username: 'picc', role: 'admin' }));
    const { page } = await render();
    expect(page.querySelector('td.actions .toggle-disabled')).toBeNull();
    expect(page.querySelector('td.actions')?.textContent).toContain('本人账户');
  });
});
