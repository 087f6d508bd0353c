import { DatePipe } from '@angular/common';
import { Component, computed, input } from '@angular/core';
import type { User } from '@domain/wire/users';
import { NzTagModule } from 'ng-zorro-antd/tag';

/** Whether the account is locked now (too many failed logins): it unlocks by itself at `lockedUntil`. */
export function isLocked(user: Pick<User, 'lockedUntil'>): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil) > new Date();
}

/** An account's state as a tag: disabled, locked until when, or in use. */
@Component({
  selector: 'app-user-state',
  imports: [DatePipe, NzTagModule],
  template: `
    @if (user().disabled) {
      <nz-tag class="status" nzColor="default">已停用</nz-tag>
    } @else if (locked()) {
      <nz-tag class="status" nzColor="warning">已锁定至 {{ user().lockedUntil | date: 'yyyy-MM-dd HH:mm' }}</nz-tag>
    } @else {
      <nz-tag class="status" nzColor="success">正常</nz-tag>
    }
  `,
})
export class UserState {
  readonly user = input.required<Pick<User, 'disabled' | 'lockedUntil'>>();
  protected readonly locked = computed(() => isLocked(this.user()));
}
