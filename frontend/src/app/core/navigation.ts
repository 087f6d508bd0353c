import { label } from '@domain/labels';
import type { NavItem, Role } from './roles';
import { DESKS } from './roles';

/** A step of the breadcrumb trail; the last one (the page itself) has no link. */
export interface Crumb {
  label: string;
  link: string | null;
}

/** The menu entry a URL belongs to: the one whose path is the longest prefix of it (query and fragment ignored). */
export function activeNavItem(role: Role, url: string): NavItem | null {
  const path = url.split(/[?#]/)[0];
  const within = (item: NavItem) => path === item.path || path.startsWith(`${item.path}/`);
  return DESKS[role].nav.filter(within).sort((a, b) => b.path.length - a.path.length)[0] ?? null;
}

/**
 * Role › menu entry › page: the role's desk, the menu entry the page falls under, and the page's own
 * title (the route's `title`) when the page is deeper than the menu entry.
 */
export function breadcrumbs(role: Role, url: string, pageTitle: string | undefined): Crumb[] {
  const path = url.split(/[?#]/)[0];
  const item = activeNavItem(role, path);
  const crumbs: Crumb[] = [{ label: label('role', role), link: DESKS[role].home }];
  if (item) crumbs.push({ label: item.label, link: item.path });
  if (pageTitle && (!item || path !== item.path)) crumbs.push({ label: pageTitle, link: null });
  crumbs[crumbs.length - 1].link = null;
  return crumbs;
}
