import { HttpErrorResponse, HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, tap, throwError } from 'rxjs';
import { API_BASE } from './api-client';
import { AuthService, PASSWORD_PAGE } from './auth.service';

/** The header a renewed token comes in while the session is in use (backend auth/sessions.ts). */
export const RENEWED_TOKEN_HEADER = 'X-Access-Token';

/**
 * Adds the bearer token to API calls and keeps a renewed one; a 401 ends the session and sends the
 * user to /login, a 403 asking for a password change sends it to the password page.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith(`${API_BASE}/`)) return next(req);
  const auth = inject(AuthService);
  const router = inject(Router);
  const token = auth.token();
  const authed = token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;

  return next(authed).pipe(
    tap((event) => {
      const renewed = event instanceof HttpResponse ? event.headers.get(RENEWED_TOKEN_HEADER) : null;
      if (renewed) auth.renewed(renewed);
    }),
    catchError((err: unknown) => {
      if (err instanceof HttpErrorResponse && err.status === 403 && err.error?.code === 'passwordChangeRequired') {
        auth.passwordChangeRequired();
        void router.navigateByUrl(PASSWORD_PAGE);
      }
      if (err instanceof HttpErrorResponse && err.status === 401) {
        auth.clear();
        // Login failures are shown on the login page; session restore at start-up leaves routing to the guards.
        if (!req.url.startsWith(`${API_BASE}/auth/`)) {
          void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
        }
      }
      return throwError(() => err);
    }),
  );
};
