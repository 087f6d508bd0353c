import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRouteSnapshot, NavigationEnd, Router, RouterLink, RouterOutlet } from '@angular/router';
import { label } from '@domain/labels';
import { NzBreadCrumbModule } from 'ng-zorro-antd/breadcrumb';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDropDownModule } from 'ng-zorro-antd/dropdown';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { filter, map } from 'rxjs';
import { AuthService } from '../core/auth.service';
import { activeNavItem, breadcrumbs } from '../core/navigation';
import { PRODUCT_NAME } from '../core/page-title';
import { DESKS } from '../core/roles';
import { DeskList } from '../shared/desk-list';
import { NotificationBell } from './notification-bell';

/** The page title (`title`) of the deepest route that has one. */
function pageTitle(route: ActivatedRouteSnapshot): string | undefined {
  let title: string | undefined;
  for (let r: ActivatedRouteSnapshot | null = route; r; r = r.firstChild) title = r.title ?? title;
  return title;
}

/** The frame around every signed-in page: header with the user menu, the role's menu, breadcrumbs. */
@Component({
  selector: 'app-shell',
  imports: [
    RouterOutlet,
    RouterLink,
    NzLayoutModule,
    NzMenuModule,
    NzBreadCrumbModule,
    NzDropDownModule,
    NzButtonModule,
    NzIconModule,
    NotificationBell,
    DeskList,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.css',
})
export class Shell {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  protected readonly productName = PRODUCT_NAME;
  protected readonly collapsed = signal(false);

  private readonly navigation = toSignal(
    this.router.events.pipe(
      filter((e) => e instanceof NavigationEnd),
      map(() => ({ url: this.router.url, title: pageTitle(this.router.routerState.snapshot.root) })),
    ),
    { initialValue: { url: this.router.url, title: pageTitle(this.router.routerState.snapshot.root) } },
  );

  protected readonly role = computed(() => this.auth.user()?.role ?? null);
  protected readonly roleLabel = computed(() => label('role', this.role()));
  protected readonly nav = computed(() => {
    const role = this.role();
    return role ? DESKS[role].nav : [];
  });
  protected readonly activeItem = computed(() => {
    const role = this.role();
    return role ? activeNavItem(role, this.navigation().url) : null;
  });
  /** Each role's home page opens with its desk (待办). */
  protected readonly atHome = computed(() => {
    const role = this.role();
    return role !== null && this.navigation().url.split(/[?#]/)[0] === DESKS[role].home;
  });
  protected readonly crumbs = computed(() => {
    const role = this.role();
    const { url, title } = this.navigation();
    return role ? breadcrumbs(role, url, title) : [];
  });
}
