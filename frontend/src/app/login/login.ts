import { Component, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import { PRODUCT_NAME } from '../core/page-title';

@Component({
  selector: 'app-login',
  imports: [
    NzCardModule,
    NzFlexModule,
    NzTypographyModule,
    ReactiveFormsModule,
    NzFormModule,
    NzInputModule,
    NzButtonModule,
    NzAlertModule,
    NzIconModule,
  ],
  templateUrl: './login.html',
  styleUrl: './login.css',
})
export class Login {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** Page the user wanted before being sent to log in (query parameter). */
  readonly returnUrl = input<string>();

  protected readonly productName = PRODUCT_NAME;
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });
  protected readonly error = signal('');
  protected readonly busy = signal(false);

  protected submit(): void {
    if (this.form.invalid) {
      this.error.set('请输入用户名和密码');
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.error.set('');
    this.busy.set(true);
    this.auth.login(username, password).subscribe({
      next: () => void this.router.navigateByUrl(this.returnUrl() || this.auth.home()),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(toApiError(err).message);
      },
    });
  }
}
