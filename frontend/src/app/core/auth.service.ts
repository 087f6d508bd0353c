import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, map, Observable, tap } from 'rxjs';
import type { Login, LoginResult, User } from '@domain/wire/users';
import { DESKS } from './roles';

const TOKEN_KEY = 'hcprocure.accessToken';

/** Where a user who must change its password is kept until it has. */
export const PASSWORD_PAGE = '/password';

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly currentUser = signal<User | null>(null);

  readonly user = this.currentUser.asReadonly();
  /** The signed-in user's home route (the password page while it must change its password), or the login page. */
  readonly home = computed(() => {
    const user = this.currentUser();
    if (!user) return '/login';
    return user.mustChangePassword ? PASSWORD_PAGE : DESKS[user.role].home;
  });

  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  }

  /** A renewed token the server sent while the session is in use (the interceptor hands it over). */
  renewed(token: string): void {
    if (this.token()) localStorage.setItem(TOKEN_KEY, token);
  }

  login(username: string, password: string): Observable<User> {
    const body: Login = { username, password };
    return this.http.post<LoginResult>('/api/auth/login', body).pipe(
      tap((res) => this.begin(res)),
      map((res) => res.user),
    );
  }

  /** The user's own password change; the session goes on with the new token the server answers. */
  changePassword(currentPassword: string, newPassword: string): Observable<User> {
    return this.http.post<LoginResult>('/api/auth/password', { currentPassword, newPassword }).pipe(
      tap((res) => this.begin(res)),
      map((res) => res.user),
    );
  }

  /** The user's own e-mail address (notifications are also mailed there when SMTP is set); null clears it. */
  setEmail(email: string | null): Observable<User> {
    return this.http.patch<User>('/api/auth/me', { email }).pipe(tap((user) => this.currentUser.set(user)));
  }

  /** The server learnt that the user must change its password (a 403 saying so). */
  passwordChangeRequired(): void {
    const user = this.currentUser();
    if (user && !user.mustChangePassword) this.currentUser.set({ ...user, mustChangePassword: true });
  }

  private begin(res: LoginResult): void {
    localStorage.setItem(TOKEN_KEY, res.accessToken);
    this.currentUser.set(res.user);
  }

  /** Restores the session from a stored token; a rejected token is cleared by the interceptor. */
  async restore(): Promise<void> {
    if (!this.token()) return;
    try {
      this.currentUser.set(await firstValueFrom(this.http.get<User>('/api/auth/me')));
    } catch {
      this.currentUser.set(null);
    }
  }

  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
    this.currentUser.set(null);
  }

  /** Ends the session on the server too (its token is refused from then on), whatever the answer. */
  logout(): void {
    if (this.token()) this.http.post('/api/auth/logout', {}).subscribe({ error: () => undefined });
    this.clear();
    void this.router.navigateByUrl('/login');
  }
}
