export type Role = 'admin' | 'procurement' | 'expert' | 'bureau' | 'insurer';

export interface NavItem {
  label: string;
  path: string;
}

export interface RoleInfo {
  label: string;
  home: string;
  nav: NavItem[];
}

export const ROLES: Record<Role, RoleInfo> = {
  admin: {
    label: '系统管理员',
    home: '/admin',
    nav: [{ label: '用户管理', path: '/admin' }],
  },
  procurement: {
    label: '采购中心',
    home: '/procurement',
    nav: [
      { label: '招标项目', path: '/procurement' },
      { label: '评标', path: '/procurement/evaluation' },
      { label: '导入档案', path: '/procurement/import' },
    ],
  },
  expert: {
    label: '评审专家',
    home: '/expert',
    nav: [{ label: '我的评审', path: '/expert' }],
  },
  bureau: {
    label: '医保局',
    home: '/bureau',
    nav: [
      { label: '合同', path: '/bureau' },
      { label: '年度考核', path: '/bureau/assessments' },
    ],
  },
  insurer: {
    label: '保险公司',
    home: '/insurer',
    nav: [
      { label: '我的投标', path: '/insurer' },
      { label: '我的合同', path: '/insurer/contracts' },
      { label: '我的考核', path: '/insurer/assessments' },
    ],
  },
};
