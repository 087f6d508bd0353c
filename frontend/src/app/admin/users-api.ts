import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiClient } from '../core/api-client';
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
  private readonly api = inject(ApiClient);

  list(): Observable<ManagedUser[]> {
    return this.api.get<ManagedUser[]>('/users');
  }

  create(user: NewUser): Observable<ManagedUser> {
    return this.api.post<ManagedUser>('/users', user);
  }

  update(id: number, changes: { disabled?: boolean; displayName?: string }): Observable<ManagedUser> {
    return this.api.patch<ManagedUser>(`/users/${id}`, changes);
  }

  resetPassword(id: number, password: string): Observable<unknown> {
    return this.api.post<unknown>(`/users/${id}/reset-password`, { password });
  }

  /** The security administrator's: another role for a user (its sessions end). */
  setRole(id: number, role: Role): Observable<ManagedUser> {
    return this.api.put<ManagedUser>(`/users/${id}/role`, { role });
  }

  /** The security administrator's: lift a lockout. */
  unlock(id: number): Observable<ManagedUser> {
    return this.api.post<ManagedUser>(`/users/${id}/unlock`, {});
  }
}
