import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { User } from '../core/auth.service';
import { Role } from '../core/roles';

export interface ManagedUser extends User {
  disabled: boolean;
  lockedUntil: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  organizationId?: number;
}

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<ManagedUser[]> {
    return this.http.get<ManagedUser[]>('/api/users');
  }

  create(user: NewUser): Observable<ManagedUser> {
    return this.http.post<ManagedUser>('/api/users', user);
  }

  update(id: number, changes: { disabled?: boolean; displayName?: string }): Observable<ManagedUser> {
    return this.http.patch<ManagedUser>(`/api/users/${id}`, changes);
  }

  resetPassword(id: number, password: string): Observable<unknown> {
    return this.http.post(`/api/users/${id}/reset-password`, { password });
  }
}
