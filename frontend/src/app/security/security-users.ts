import { FormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { Component, inject, signal } from '@angular/core';
import { labelOptions } from '@domain/labels';
import { toApiError } from '../core/api-error';
import { Role } from '../core/roles';
import type { User } from '@domain/wire/users';
import { UsersApi } from '../admin/users-api';
import { isLocked, UserState } from '../shared/user-state';

/**
 * The security administrator's desk (安全管理员): grants roles and unlocks accounts. Creating, disabling
 * and resetting users stays with the system administrator (三权分立, DOMAIN.md §1).
 */
@Component({
  selector: 'app-security-users',
  imports: [NzTypographyModule, NzTableModule, NzButtonModule, NzAlertModule, FormsModule, NzSelectModule, UserState],
  templateUrl: './security-users.html',
})
export class SecurityUsers {
  private readonly api = inject(UsersApi);

  protected readonly roleOptions = labelOptions('role');
  protected readonly users = signal<User[]>([]);
  protected readonly error = signal('');
  protected readonly notice = signal('');

  constructor() {
    this.load();
  }

  protected readonly isLocked = isLocked;

  protected grant(user: User, role: Role): void {
    if (role === user.role) return;
    this.run(this.api.setRole(user.id, role), `已将 ${user.username} 的角色变更为`, role);
  }

  protected unlock(user: User): void {
    this.run(this.api.unlock(user.id), `已解除 ${user.username} 的锁定`);
  }

  private run(call: ReturnType<UsersApi['unlock']>, done: string, role?: Role): void {
    this.notice.set('');
    this.error.set('');
    call.subscribe({
      next: () => {
        this.notice.set(role ? `${done}${this.roleOptions.find((o) => o.value === role)?.label ?? role}` : done);
        this.load();
      },
      error: (err: unknown) => {
        const e = toApiError(err);
        this.error.set([e.message, ...e.errors.map((x) => x.message)].join('：'));
        this.load();
      },
    });
  }

  private load(): void {
    this.api.list().subscribe({
      next: (users) => this.users.set(users),
      error: (err: unknown) => this.error.set(toApiError(err).message),
    });
  }
}
