import { Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ApiError, toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';

/** The signed-in user's own e-mail address, where its notifications are also mailed (when the server sends mail). */
@Component({
  selector: 'app-own-email',
  imports: [ReactiveFormsModule],
  template: `
    <section class="panel">
      <h2>电子邮箱</h2>
      <p class="muted">站内消息将同时发送至此邮箱（系统已配置邮件服务时）。留空即不接收邮件。</p>
      @if (done()) {
        <p class="notice" role="status">电子邮箱已保存</p>
      }
      <form class="email-form" [formGroup]="form" (ngSubmit)="save()">
        <label>
          电子邮箱
          <input id="own-email" type="email" formControlName="email" autocomplete="email" />
          @for (item of error()?.errors ?? []; track $index) {
            <span class="field-error">{{ item.message }}</span>
          }
        </label>
        <button id="save-email" class="primary" type="submit">保存</button>
      </form>
      @if (error(); as e) {
        @if (!e.errors.length) {
          <p class="alert" role="alert">{{ e.message }}</p>
        }
      }
    </section>
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
