import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { routes } from '../app.routes';
import { AuthService } from './auth.service';
import { DESKS, Role } from './roles';
import { loginResult, user } from '../testing/users';

describe('role guard', () => {
  let harness: RouterTestingHarness;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter(routes, withComponentInputBinding()), provideHttpClient(), provideHttpClientTesting()],
    });
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => localStorage.clear());

  function signInAs(role: Role): void {
    TestBed.inject(AuthService).login('u', 'p').subscribe();
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/login')
      .flush(loginResult(user({ role })));
  }

  const homes: [Role, string, string][] = [
    ['admin', '/admin', '用户管理'],
    ['procurement', '/procurement', '招标项目'],
    ['expert', '/expert', '我的评审'],
    ['bureau', '/bureau', '合同管理'],
    ['insurer', '/insurer', '我的投标'],
  ];

  it.each(homes)('sends %s from / to %s', async (role, home, heading) => {
    signInAs(role);
    await harness.navigateByUrl('/');
    expect(router.url).toBe(home);
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(heading);
  });

  it.each(homes)('sends %s away from other roles’ areas to %s', async (role, home) => {
    signInAs(role);
    for (const other of Object.values(DESKS).filter((info) => info.home !== home)) {
      await harness.navigateByUrl(other.home);
      expect(router.url).toBe(home);
    }
  });

  it('lets a role into its own sub-pages', async () => {
    signInAs('insurer');
    await harness.navigateByUrl('/insurer/contracts');
    expect(router.url).toBe('/insurer/contracts');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('我的合同');
  });

  it('sends a signed-out user to /login, remembering the wanted page', async () => {
    await harness.navigateByUrl('/bureau/assessments');
    expect(router.url).toBe('/login?returnUrl=%2Fbureau%2Fassessments');
  });

  it('sends a signed-in user away from /login to their home', async () => {
    signInAs('expert');
    await harness.navigateByUrl('/login');
    expect(router.url).toBe('/expert');
  });
});
