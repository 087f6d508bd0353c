import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { Login } from './login';
import { useHttpTesting } from '../testing/http';
import { loginResult, user } from '../testing/users';

describe('Login', () => {
  const http = useHttpTesting();

  async function render() {
    const fixture = TestBed.createComponent(Login);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const type = (id: string, value: string) => {
      const input = page.querySelector<HTMLInputElement>(id)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    return { fixture, page, type };
  }

  it('renders the login form', async () => {
    const { page } = await render();
    expect(page.querySelector('#username')).toBeTruthy();
    expect(page.querySelector('#password')?.getAttribute('type')).toBe('password');
    expect(page.querySelector('#login-button')?.textContent?.trim()).toBe('登录');
    expect(page.querySelector('.login-error')).toBeNull();
  });

  it('asks for both fields before calling the API', async () => {
    const { fixture, page } = await render();
    page.querySelector<HTMLButtonElement>('#login-button')!.click();
    await fixture.whenStable();
    expect(page.querySelector('.login-error')?.textContent).toContain('请输入用户名和密码');
  });

  it('shows the message of a rejected login', async () => {
    const { fixture, page, type } = await render();
    type('#username', 'insurer1');
    type('#password', 'wrong');
    page.querySelector<HTMLButtonElement>('#login-button')!.click();
    http.expectOne('/api/auth/login').flush({ message: '账户已锁定，请 15 分钟后再试' }, { status: 423, statusText: 'Locked' });
    await fixture.whenStable();
    expect(page.querySelector('.login-error')?.textContent).toContain('账户已锁定');
  });

  it('goes to the wanted page after a successful login', async () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const { fixture, page, type } = await render();
    fixture.componentRef.setInput('returnUrl', '/bureau/assessments');
    type('#username', 'bureau1');
    type('#password', 'secret');
    page.querySelector<HTMLButtonElement>('#login-button')!.click();
    http
      .expectOne('/api/auth/login')
      .flush(
        loginResult(
          user({ id: 2, username: 'bureau1', displayName: '李明', role: 'bureau', organizationId: 1, organizationName: '医保局' }),
        ),
      );
    expect(navigate).toHaveBeenCalledWith('/bureau/assessments');
  });
});
