/** Chinese labels for contracts and their payment schedules (DOMAIN.md §6). */

export const CONTRACT_STATUS: Record<string, string> = {
  draft: '草稿',
  signed: '已签订',
  terminated: '已终止',
};

/** When a milestone falls due. */
export const MILESTONE_TRIGGER: Record<string, string> = {
  'on-signing': '签订后',
  'on-date': '指定日期',
  'quarterly-on-application': '按季申请',
  'after-passed-assessment': '考核合格后',
  'after-acceptance': '验收后',
};

export const MILESTONE_STATUS: Record<string, string> = {
  pending: '待付',
  blocked: '暂缓（条件未满足）',
  payable: '可支付',
  paid: '已支付',
};

/** What a blocked (gated) milestone waits for. */
export const MILESTONE_CONDITION: Record<string, string> = {
  'after-passed-assessment': '待年度考核（考评）合格后方可支付',
  'after-acceptance': '待验收（年度清算）通过后方可支付',
};

export const MILESTONE_BASE: Record<string, string> = {
  contract: '合同金额',
  reward: '绩效奖励',
};

/** A decimal share as a percentage: "0.23" → "23%", "0.125" → "12.5%". */
export function sharePercent(share: string | null | undefined): string {
  if (share === null || share === undefined || share === '') return '—';
  const match = /^(\d+)(?:\.(\d*))?$/.exec(share.trim());
  if (!match) return share;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const whole = (match[1] + fraction.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${whole}${rest ? '.' + rest : ''}%`;
}
