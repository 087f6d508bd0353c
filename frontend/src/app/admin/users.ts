import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { ApiError, toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import { labelOptions } from '@domain/labels';
import { isAdminRole } from '@domain/roles';
import { Role } from '../core/roles';
import { LabelPipe } from '../shared/label.pipe';
import { ErrorBox } from '../shared/api-errors';
import { FormField } from '../shared/form-field';
import { UserState } from '../shared/user-state';
import { BackupStatus } from './backup-status';
import { UsersApi } from './users-api';
import type { NewUser, Organization, User, UserListQuery } from '@domain/wire/users';
import { NzSpaceModule } from 'ng-zorro-antd/space';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { labelFilters, ServerTable, ServerTableBinding } from '../core/server-table';

@Component({
  selector: 'app-users',
  imports: [
    NzFlexModule,
    NzTypographyModule,
    NzSpaceModule,
    NzGridModule,
    NzCardModule,
    NzAlertModule,
    ReactiveFormsModule,
    LabelPipe,
    BackupStatus,
    ErrorBox,
    FormField,
    UserState,
    NzButtonModule,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzPopconfirmModule,
    NzTableModule,
    ServerTableBinding,
  ],
  templateUrl: './users.html',
})
export class Users {
  private readonly api = inject(UsersApi);
  private readonly fb = inject(NonNullableFormBuilder);
  /** The signed-in administrator: its own account is not disabled here (nor by the API). */
  private readonly auth = inject(AuthService);
  protected readonly me = computed(() => this.auth.user()?.id);

  /** Administrator roles are granted by the security administrator, not here. */
  protected readonly roleOptions = labelOptions('role').filter((o) => !isAdminRole(o.value));
  /** The users, a page at a time, sorted and filtered (role, state, a part of the name) on the server. */
  protected readonly list = new ServerTable<User, UserListQuery>(
    (query) => this.api.page(query),
    () => ({ q: this.search.getRawValue().q.trim() || undefined }),
  );
  protected readonly search = this.fb.group({ q: '' });
  protected readonly roleFilters = labelFilters('role');
  protected readonly stateFilters = [
    { text: '正常', value: false },
    { text: '已停用', value: true },
  ];
  protected readonly organizations = signal<Organization[]>([]);
  protected readonly pageError = signal('');
  protected readonly notice = signal('');

  protected readonly form = this.fb.group({
    username: '',
    displayName: '',
    password: '',
    role: 'insurer' as Role,
    organizationId: this.fb.control<number | null>(null),
  });
  protected readonly createError = signal<ApiError | null>(null);
  /** The fields whose errors show under them; the error box lists the others. */
  protected readonly createFields = Object.keys(this.form.controls);

  protected readonly resetUserId = signal<number | null>(null);
  protected readonly resetForm = this.fb.group({ password: '' });
  protected readonly resetError = signal<ApiError | null>(null);

  protected readonly emailUserId = signal<number | null>(null);
  protected readonly emailForm = this.fb.group({ email: '' });
  protected readonly emailError = signal<ApiError | null>(null);

  constructor() {
    this.list.load();
    this.api.organizations().subscribe({
      next: (organizations) => this.organizations.set(organizations),
      error: (err: unknown) => this.pageError.set(toApiError(err).message),
    });
  }

  protected create(): void {
    const { organizationId, ...fields } = this.form.getRawValue();
    const user: NewUser = organizationId === null ? fields : { ...fields, organizationId };
    this.createError.set(null);
    this.notice.set('');
    this.api.create(user).subscribe({
      next: (created) => {
        this.form.reset();
        this.notice.set(`已创建用户 ${created.username}`);
        this.load();
      },
      error: (err: unknown) => this.createError.set(toApiError(err)),
    });
  }

  protected toggleDisabled(user: User): void {
    this.notice.set('');
    this.api.update(user.id, { disabled: !user.disabled }).subscribe({
      next: () => {
        this.notice.set(`已${user.disabled ? '启用' : '停用'}用户 ${user.username}`);
        this.load();
      },
      error: (err: unknown) => this.pageError.set(toApiError(err).message),
    });
  }

  protected startReset(user: User): void {
    this.resetForm.reset();
    this.resetError.set(null);
    this.resetUserId.set(user.id);
  }

  protected submitReset(user: User): void {
    this.notice.set('');
    this.api.resetPassword(user.id, this.resetForm.getRawValue().password).subscribe({
      next: () => {
        this.resetUserId.set(null);
        this.notice.set(`已重置用户 ${user.username} 的密码`);
        this.load();
      },
      error: (err: unknown) => this.resetError.set(toApiError(err)),
    });
  }

  protected startEmail(user: User): void {
    this.emailForm.reset({ email: user.email ?? '' });
    this.emailError.set(null);
    this.emailUserId.set(user.id);
  }

  protected submitEmail(user: User): void {
    this.notice.set('');
    const email = this.emailForm.getRawValue().email.trim();
    this.api.update(user.id, { email: email || null }).subscribe({
      next: () => {
        this.emailUserId.set(null);
        this.notice.set(`已设置用户 ${user.username} 的电子邮箱`);
        this.load();
      },
      error: (err: unknown) => this.emailError.set(toApiError(err)),
    });
  }

  /** The page shown again, after a change to one of its users. */
  private load(): void {
    this.pageError.set('');
    this.list.load();
  }
}
