import { inject, Injectable } from '@angular/core';
import type { NewUser, User, UserChanges } from '@domain/wire/users';
import { Observable } from 'rxjs';
import { ApiClient } from '../core/api-client';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly api = inject(ApiClient);

  list(): Observable<User[]> {
    return this.api.get<User[]>('/users');
  }

  create(user: NewUser): Observable<User> {
    return this.api.post<User>('/users', user);
  }

  update(id: number, changes: UserChanges): Observable<User> {
    return this.api.patch<User>(`/users/${id}`, changes);
  }

  resetPassword(id: number, password: string): Observable<User> {
    return this.api.post<User>(`/users/${id}/reset-password`, { password });
  }
}
