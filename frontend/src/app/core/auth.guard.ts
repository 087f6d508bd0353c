import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';

/**
 * Lets in only users whose role matches `data.role`; others go to their own home, strangers to /login,
 * and a user who must change its password to the password page.
 */
export const roleGuard: CanActivateFn = (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = auth.user();
  if (!user) {
    return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  }
  if (user.mustChangePassword) return router.parseUrl(auth.home());
  return user.role === route.data['role'] || router.parseUrl(auth.home());
};

/** Any signed-in user (the password page). */
export const signedInGuard: CanActivateFn = (_route, state) =>
  !!inject(AuthService).user() || inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });

/** Keeps signed-in users off the login page. */
export const guestGuard: CanActivateFn = () => {
  const auth = inject(AuthService);
  return !auth.user() || inject(Router).parseUrl(auth.home());
};
