import { HttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { LoginSchema } from '@domain/wire/users';
import { Router } from '@angular/router';
import { useHttpTesting } from '../testing/http';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';
import { loginResult, user } from '../testing/users';
import { problem, sent } from '../testing/wire';

const alice = user({ username: 'alice', displayName: '张丽', role: 'bureau', organizationId: 3, organizationName: '宁波市医疗保障局' });

describe('AuthService', () => {
  const http = useHttpTesting({ interceptors: [authInterceptor] });
  let auth: AuthService;

  beforeEach(() => {
    auth = TestBed.inject(AuthService);
  });

  function logIn(): void {
    auth.login('alice', 'secret').subscribe();
    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(sent(LoginSchema, req.request.body)).toEqual({ username: 'alice', password: 'secret' });
    req.flush(loginResult(alice, 'tok-1'));
  }

  it('stores the token and the user on login', () => {
    logIn();
    expect(auth.token()).toBe('tok-1');
    expect(auth.user()).toEqual(alice);
    expect(auth.home()).toBe('/bureau');
  });

  it('clears the session on logout and goes to /login', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl');
    logIn();
    auth.logout();
    expect(auth.token()).toBeNull();
    expect(auth.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('adds the bearer token to API requests', () => {
    logIn();
    TestBed.inject(HttpClient).get('/api/users').subscribe();
    expect(http.expectOne('/api/users').request.headers.get('Authorization')).toBe('Bearer tok-1');
  });

  it('sends no Authorization header without a session', () => {
    TestBed.inject(HttpClient)
      .get('/api/users')
      .subscribe({ error: () => undefined });
    expect(http.expectOne('/api/users').request.headers.has('Authorization')).toBe(false);
  });

  it('ends the session and goes to /login on a 401 from the API', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate');
    logIn();
    TestBed.inject(HttpClient)
      .get('/api/users')
      .subscribe({ error: () => undefined });
    http.expectOne('/api/users').flush(problem(401, '未登录'), { status: 401, statusText: 'Unauthorized' });
    expect(auth.token()).toBeNull();
    expect(auth.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/' } });
  });

  it('restores the user from /api/auth/me when a token is stored', async () => {
    localStorage.setItem('hcprocure.accessToken', 'tok-2');
    const restored = auth.restore();
    const req = http.expectOne('/api/auth/me');
    expect(req.request.headers.get('Authorization')).toBe('Bearer tok-2');
    req.flush(alice);
    await restored;
    expect(auth.user()).toEqual(alice);
  });

  it('drops a stored token that the API rejects', async () => {
    localStorage.setItem('hcprocure.accessToken', 'expired');
    const restored = auth.restore();
    http.expectOne('/api/auth/me').flush(problem(401, '登录已过期'), { status: 401, statusText: 'Unauthorized' });
    await restored;
    expect(auth.user()).toBeNull();
    expect(auth.token()).toBeNull();
  });
});
