import { inject, Injectable } from '@angular/core';
import type { Role } from '@domain/roles';
import type { NewOrganization, NewUser, Organization, OrganizationChanges, User, UserChanges, UserListQuery } from '@domain/wire/users';
import { Observable } from 'rxjs';
import { ApiClient, Page } from '../core/api-client';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly api = inject(ApiClient);

  list(): Observable<User[]> {
    return this.api.get<User[]>('/users');
  }

  /** A page of the users, sorted and filtered on the server. */
  page(query: UserListQuery): Observable<Page<User>> {
    return this.api.page<User>('/users', { ...query });
  }

  /** The organisations a user can belong to, picked by name. */
  organizations(): Observable<Organization[]> {
    return this.api.get<Organization[]>('/organizations');
  }

  createOrganization(organization: NewOrganization): Observable<Organization> {
    return this.api.post<Organization>('/organizations', organization);
  }

  updateOrganization(id: number, changes: OrganizationChanges): Observable<Organization> {
    return this.api.patch<Organization>(`/organizations/${id}`, changes);
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

  /** The security administrator's: another role for a user (its sessions end). */
  setRole(id: number, role: Role): Observable<User> {
    return this.api.put<User>(`/users/${id}/role`, { role });
  }

  /** The security administrator's: lift a lockout. */
  unlock(id: number): Observable<User> {
    return this.api.post<User>(`/users/${id}/unlock`, {});
  }
}
