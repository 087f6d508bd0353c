import type { Role } from '@domain/roles';

export type { Role };

/** A menu entry of a role's desk; `icon` is an icon name registered in icons.ts. */
export interface NavItem {
  label: string;
  path: string;
  icon: string;
}

/** Where a role starts and what its menu holds. */
export interface Desk {
  home: string;
  nav: NavItem[];
}

/**
 * Every role's desk (DOMAIN.md §1). The shell's menu, the breadcrumbs and the redirect after login are
 * drawn from this table: giving a new role its menu is an entry here (the role's Chinese name is in the
 * label table, domain/labels.ts), and a role without one fails the build.
 */
export const DESKS: Record<Role, Desk> = {
  admin: {
    home: '/admin',
    nav: [
      { label: '用户管理', path: '/admin', icon: 'team' },
      { label: '机构管理', path: '/admin/organizations', icon: 'bank' },
      { label: '节假日与调休', path: '/admin/holidays', icon: 'calendar' },
    ],
  },
  'security-admin': {
    home: '/security',
    nav: [{ label: '角色与解锁', path: '/security', icon: 'safety' }],
  },
  'audit-admin': {
    home: '/audit',
    nav: [{ label: '日志审计', path: '/audit', icon: 'audit' }],
  },
  procurement: {
    home: '/procurement',
    nav: [
      { label: '招标项目', path: '/procurement', icon: 'file-text' },
      { label: '评标', path: '/procurement/evaluation', icon: 'audit' },
      { label: '导入档案', path: '/procurement/import', icon: 'import' },
    ],
  },
  expert: {
    home: '/expert',
    nav: [{ label: '我的评审', path: '/expert', icon: 'form' }],
  },
  bureau: {
    home: '/bureau',
    nav: [
      { label: '合同', path: '/bureau', icon: 'file-protect' },
      { label: '定期报告', path: '/bureau/reports', icon: 'calendar' },
      { label: '年度考核', path: '/bureau/assessments', icon: 'carry-out' },
    ],
  },
  insurer: {
    home: '/insurer',
    nav: [
      { label: '我的投标', path: '/insurer', icon: 'file-text' },
      { label: '我的合同', path: '/insurer/contracts', icon: 'file-protect' },
      { label: '定期报告', path: '/insurer/reports', icon: 'calendar' },
      { label: '我的考核', path: '/insurer/assessments', icon: 'carry-out' },
    ],
  },
};
