import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { AuthService } from '../core/auth.service';
import { loginResult, user } from '../testing/users';
import { useHttpTesting } from '../testing/http';
import { fieldErrors } from '../testing/forms';
import { PasswordChange } from './password';

const expert = user({ id: 9, username: 'expert4', displayName: '周专家', role: 'expert', mustChangePassword: true });

describe('PasswordChange', () => {
  const http = useHttpTesting();

  async function render() {
    const auth = TestBed.inject(AuthService);
    auth.login('expert4', 'Given-by-admin-9').subscribe();
    http.expectOne('/api/auth/login').flush(loginResult(expert, 'tok-1'));
    const fixture = TestBed.createComponent(PasswordChange);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const fill = (id: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(`#${id}`)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, page, fill, auth };
  }

  it('tells a user who must change its password why it is here', async () => {
    const { page } = await render();
    expect(page.querySelector('[role=alert]')?.textContent).toContain('请先修改密码');
  });

  it('refuses two different new passwords without asking the server', async () => {
    const { fixture, page, fill } = await render();
    fill('current-password', 'Given-by-admin-9');
    fill('new-password', 'Own-choice-lamp-5');
    fill('repeat-password', 'Own-choice-lamp-6');
    page.querySelector<HTMLButtonElement>('#change-password')!.click();
    await fixture.whenStable();
    expect(fieldErrors(page, '#repeat-password')).toEqual(['两次输入的新密码不一致']);
  });

  it('shows the policy’s refusal next to the field, then changes and goes home', async () => {
    const { fixture, page, fill, auth } = await render();
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    fill('current-password', 'Given-by-admin-9');
    fill('new-password', 'password1234');
    fill('repeat-password', 'password1234');
    page.querySelector<HTMLButtonElement>('#change-password')!.click();
    http.expectOne('/api/auth/password').flush(
      {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'newPassword', code: 'password', params: { failed: ['classes', 'common'] }, message: 'x' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(fieldErrors(page, '#new-password').join()).toContain('属于常见弱密码');
    expect(fieldErrors(page, '#current-password')).toEqual([]);

    fill('new-password', 'Own-choice-lamp-5');
    fill('repeat-password', 'Own-choice-lamp-5');
    page.querySelector<HTMLButtonElement>('#change-password')!.click();
    const req = http.expectOne('/api/auth/password');
    expect(req.request.body).toEqual({ currentPassword: 'Given-by-admin-9', newPassword: 'Own-choice-lamp-5' });
    req.flush(loginResult({ ...expert, mustChangePassword: false }, 'tok-2'));
    await fixture.whenStable();
    expect(auth.token()).toBe('tok-2');
    expect(navigate).toHaveBeenCalledWith('/expert');
  });
});
