import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzGridModule } from 'ng-zorro-antd/grid';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { ApiError, toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import { ErrorBox } from '../shared/api-errors';
import { FIELD_STATUS } from '../shared/field-status';

/** The signed-in user's own e-mail address, where its notifications are also mailed (when the server sends mail). */
@Component({
  selector: 'app-own-email',
  imports: [
    NzTypographyModule,
    NzCardModule,
    NzAlertModule,
    ReactiveFormsModule,
    ErrorBox,
    FIELD_STATUS,
    NzButtonModule,
    NzFormModule,
    NzGridModule,
    NzInputModule,
  ],
  template: `
    <nz-card nzTitle="电子邮箱" nzSize="small">
      <p nz-typography nzType="secondary">站内消息将同时发送至此邮箱（系统已配置邮件服务时）。留空即不接收邮件。</p>
      @if (done()) {
        <nz-alert nzType="success" nzShowIcon role="status" nzMessage="电子邮箱已保存" />
      }
      <form nz-form nzLayout="vertical" class="email-form" [formGroup]="form" (ngSubmit)="save()">
        <div nz-row>
          <div nz-col nzXs="24" nzSm="16" nzLg="10" nzXl="8">
            <nz-form-item>
              <nz-form-label nzFor="own-email">电子邮箱</nz-form-label>
              <nz-form-control [nzValidateStatus]="error() | fieldStatus: 'email'" [nzErrorTip]="error() | fieldTip: 'email'">
                <input nz-input id="own-email" type="email" formControlName="email" autocomplete="email" />
              </nz-form-control>
            </nz-form-item>
            <app-error-box [error]="error()" [shown]="['email']" />
            <button nz-button nzType="primary" id="save-email" type="submit">保存</button>
          </div>
        </div>
      </form>
    </nz-card>
  `,
})
export class OwnEmail {
  private readonly auth = inject(AuthService);
  protected readonly form = inject(NonNullableFormBuilder).group({ email: this.auth.user()?.email ?? '' });
  protected readonly error = signal<ApiError | null>(null);
  protected readonly done = signal(false);

  protected save(): void {
    this.error.set(null);
    this.done.set(false);
    const email = this.form.getRawValue().email.trim();
    this.auth.setEmail(email || null).subscribe({
      next: () => this.done.set(true),
      error: (err: unknown) => this.error.set(toApiError(err)),
    });
  }
}
