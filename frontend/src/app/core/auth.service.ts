import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { firstValueFrom, map, Observable, tap } from 'rxjs';
import type { Login, LoginResult, User } from '@domain/wire/users';
import { DESKS } from './roles';

const TOKEN_KEY = 'hcprocure.accessToken';

@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly currentUser = signal<User | null>(null);

  readonly user = this.currentUser.asReadonly();
  /** The signed-in user's home route, or the login page. */
  readonly home = computed(() => {
    const user = this.currentUser();
    return user ? DESKS[user.role].home : '/login';
  });

  token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  }

  login(username: string, password: string): Observable<User> {
    const body: Login = { username, password };
    return this.http.post<LoginResult>('/api/auth/login', body).pipe(
      tap((res) => {
        localStorage.setItem(TOKEN_KEY, res.accessToken);
        this.currentUser.set(res.user);
      }),
      map((res) => res.user),
    );
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

  logout(): void {
    this.clear();
    void this.router.navigateByUrl('/login');
  }
}
