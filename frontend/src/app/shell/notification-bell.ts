import { DatePipe } from '@angular/common';
import { Component, DestroyRef, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { NotificationView } from '@domain/wire/desk';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzFlexModule } from 'ng-zorro-antd/flex';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzListModule } from 'ng-zorro-antd/list';
import { NzTypographyModule } from 'ng-zorro-antd/typography';
import { toApiError } from '../core/api-error';
import { DeskApi } from '../core/desk-api';

/** How often the bell asks for new notifications while a page is open. */
export const BELL_POLL_MS = 60_000;

/**
 * The bell in the header (站内消息): the unread count as a badge; its dropdown lists the newest
 * notifications, unread ones first in weight; a click marks one read and opens its page.
 */
@Component({
  selector: 'app-notification-bell',
  imports: [
    NzTypographyModule,
    NzAlertModule,
    NzBadgeModule,
    NzButtonModule,
    NzDropDownModule,
    NzFlexModule,
    NzIconModule,
    NzListModule,
    DatePipe,
  ],
  template: `
    <button
      id="notification-bell"
      class="app-bell"
      nz-button
      nzType="text"
      nz-dropdown
      nzTrigger="click"
      [nzDropdownMenu]="messages"
      nzPlacement="bottomRight"
      [attr.aria-label]="'站内消息，' + unread() + '条未读'"
      (nzVisibleChange)="$event && load()"
    >
      <nz-badge [nzCount]="unread()" nzSize="small">
        <nz-icon nzType="bell" class="bell-icon" />
      </nz-badge>
    </button>
    <nz-dropdown-menu #messages="nzDropdownMenu">
      <div class="bell-panel" role="dialog" aria-label="站内消息">
        <div nz-flex nzJustify="space-between" nzAlign="center">
          <strong>站内消息</strong>
          <button id="read-all" nz-button nzType="link" nzSize="small" [disabled]="!unread()" (click)="readAll()">全部标为已读</button>
        </div>
        @if (error()) {
          <nz-alert nzType="error" role="alert" [nzMessage]="error()" />
        }
        <nz-list nzSize="small">
          @for (n of items(); track n.id) {
            <nz-list-item class="notification" [class.unread]="!n.readAt" [attr.data-kind]="n.kind">
              <a class="notification-link" nz-flex nzVertical tabindex="0" (click)="open(n)" (keydown.enter)="open(n)">
                <span class="notification-title">{{ n.title }}</span>
                <span class="notification-body">{{ n.object.name }}</span>
                <span class="notification-time" nz-typography nzType="secondary">{{
                  n.createdAt | date: 'yyyy-MM-dd HH:mm' : '+0800'
                }}</span>
              </a>
            </nz-list-item>
          } @empty {
            <p nz-typography nzType="secondary">暂无消息</p>
          }
        </nz-list>
      </div>
    </nz-dropdown-menu>
  `,
  styles: `
    .app-bell {
      height: 36px;
      color: #fff;
    }
    .bell-icon {
      color: #fff;
      font-size: 18px;
    }
    .bell-panel {
      width: 340px;
      max-height: 420px;
      overflow: auto;
      padding: 8px 12px;
      background: #fff;
      border-radius: 6px;
      box-shadow: 0 6px 16px rgb(0 0 0 / 12%);
      line-height: 1.5;
    }
    .notification-link {
      color: inherit;
      cursor: pointer;
    }
    .notification.unread .notification-title {
      font-weight: 600;
    }
  `,
})
export class NotificationBell {
  private readonly api = inject(DeskApi);
  private readonly router = inject(Router);
  protected readonly unread = signal(0);
  protected readonly items = signal<NotificationView[]>([]);
  protected readonly error = signal('');

  constructor() {
    this.load();
    const timer = setInterval(() => this.load(), BELL_POLL_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }

  load() {
    this.api.notifications().subscribe({
      next: (list) => {
        this.unread.set(list.unread);
        this.items.set(list.items);
        this.error.set('');
      },
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }

  protected open(n: NotificationView) {
    const go = () => void this.router.navigateByUrl(n.link);
    if (n.readAt) return go();
    this.api.read(n.id).subscribe({
      next: (read) => {
        this.items.update((all) => all.map((x) => (x.id === read.id ? read : x)));
        this.unread.update((u) => Math.max(0, u - 1));
        go();
      },
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }

  protected readAll() {
    this.api.readAll().subscribe({
      next: () => this.load(),
      error: (e: unknown) => this.error.set(toApiError(e).message),
    });
  }
}
