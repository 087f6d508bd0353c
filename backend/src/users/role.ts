/** The five roles of DOMAIN.md §1. */
export const ROLES = ['admin', 'procurement', 'expert', 'bureau', 'insurer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  procurement: '采购中心',
  expert: '评审专家',
  bureau: '医保局',
  insurer: '保险公司',
};
