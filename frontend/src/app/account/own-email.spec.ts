import { TestBed } from '@angular/core/testing';
import { UpdateOwnSchema } from '@domain/wire/users';
import { AuthService } from '../core/auth.service';
import { loginResult, user } from '../testing/users';
import { useHttpTesting } from '../testing/http';
import { answer, sent } from '../testing/wire';
import { fieldErrors } from '../testing/forms';
import { InvalidInputSchema } from '@domain/wire/common';
import { OwnEmail } from './own-email';

const insurer = user({ id: 3, username: 'insurer', displayName: '李保险', role: 'insurer', organizationId: 2, email: 'li@jia.example.cn' });

describe('OwnEmail', () => {
  const http = useHttpTesting();

  async function render() {
    const auth = TestBed.inject(AuthService);
    auth.login('insurer', 'x').subscribe();
    http.expectOne('/api/auth/login').flush(loginResult(insurer));
    const fixture = TestBed.createComponent(OwnEmail);
    await fixture.whenStable();
    const page = fixture.nativeElement as HTMLElement;
    const input = page.querySelector<HTMLInputElement>('#own-email')!;
    const submit = async (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input'));
      page.querySelector<HTMLButtonElement>('#save-email')!.click();
      await fixture.whenStable();
    };
    return { fixture, page, input, submit, auth };
  }

  it("shows the user's address and saves a new one", async () => {
    const { fixture, page, input, submit, auth } = await render();
    expect(input.value).toBe('li@jia.example.cn');
    await submit('li.new@jia.example.cn');
    const req = http.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(sent(UpdateOwnSchema, req.request.body)).toEqual({ email: 'li.new@jia.example.cn' });
    req.flush({ ...insurer, email: 'li.new@jia.example.cn' });
    await fixture.whenStable();
    expect(page.querySelector('[role=status]')!.textContent).toContain('电子邮箱已保存');
    expect(auth.user()!.email).toBe('li.new@jia.example.cn');
  });

  it("shows the server's refusal of a malformed address by its field, in Chinese", async () => {
    const { fixture, page, submit } = await render();
    await submit('nope');
    http.expectOne({ method: 'PATCH', url: '/api/auth/me' }).flush(
      answer(InvalidInputSchema, {
        statusCode: 400,
        message: '输入有误 / invalid input',
        errors: [{ path: 'email', code: 'pattern', params: { rule: 'email' }, message: 'must be an e-mail address / 须为电子邮箱地址' }],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const [message] = fieldErrors(page, '#own-email');
    expect(message).toContain('须为电子邮箱地址');
    expect(message).not.toContain('must be');
  });
});
