import { Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { ApiError, toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';
import { OwnEmail } from './own-email';

/**
 * The signed-in user's own password change: every user may come here, and one who must change its
 * password (after an administrator's reset, a one-time password or expiry) is kept here until it has.
 */
@Component({
  selector: 'app-password',
  imports: [
    NzCardModule,
    NzAlertModule,
    ReactiveFormsModule,
    OwnEmail,
    ErrorBox,
    FIELD_STATUS,
    NzButtonModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
  ],
  templateUrl: './password.html',
})
export class PasswordChange {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly required = computed(() => this.auth.user()?.mustChangePassword ?? false);
  protected readonly form = inject(NonNullableFormBuilder).group({ currentPassword: '', newPassword: '', repeated: '' });
  protected readonly error = signal<ApiError | null>(null);
  protected readonly mismatch = signal(false);
  protected readonly done = signal(false);

  /** The body's fields, whose errors show under their inputs. */
  protected readonly fields = ['currentPassword', 'newPassword'];

  protected submit(): void {
    const { currentPassword, newPassword, repeated } = this.form.getRawValue();
    this.mismatch.set(newPassword !== repeated);
    this.error.set(null);
    this.done.set(false);
    if (this.mismatch()) return;
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: () => {
        this.form.reset();
        this.done.set(true);
        void this.router.navigateByUrl(this.auth.home());
      },
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
