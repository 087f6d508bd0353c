/** Chinese labels for the codes the API returns. */

export const TENDER_STATUS: Record<string, string> = {
  draft: '草稿',
  published: '已发布',
  closed: '已截止',
  opened: '已开标',
  qualification: '资格审查',
  evaluation: '评标中',
  awarded: '已定标',
  failed: '废标',
};

export const LOT_STATUS: Record<string, string> = {
  'not-opened': '未开标（投标人不足）',
  awarded: '已中标',
  failed: '废标',
  'not-awarded': '未授予',
};

export const AWARD_RULE: Record<string, string> = {
  independent: '各标包独立评审',
  'sequential-exclusive': '按顺序评审，已中标者不再参与后续标包',
};

export const PRICE_BASIS: Record<string, string> = {
  service: '服务费总额',
  total: '投标总价',
};

export const CRITERION_KIND: Record<string, string> = {
  price: '价格分',
  objective: '客观分',
  subjective: '主观分',
};

export const AWARD_EVENT: Record<string, string> = {
  won: '中标',
  declined: '放弃中标',
  disqualified: '取消中标资格',
  'not-awarded': '未授予',
};

/** 回避声明 of a panel member; no declaration yet is 未声明. */
export const PANEL_DECLARATION: Record<string, string> = {
  'no-conflict': '无利害关系',
  conflict: '已回避',
};

/** A panel member's score sheet for one lot. */
export const SHEET_STATUS: Record<string, string> = {
  'not-started': '未开始',
  draft: '评分中',
  submitted: '已提交',
};

/** Bid figures named by price corrections. */
export const PRICE_FIELDS: Record<string, string> = {
  unitPrice: '单价',
  serviceTotal: '服务费总额',
  total: '投标总价',
  totalCapitals: '投标总价（大写）',
  fixedComponents: '固定报价',
};

const FLAGS: Record<string, string> = {
  'related-party': '关联投标人',
  'same-ip': '同一IP',
  'same-contact': '同一联系人',
  'abnormal-low': '异常低价',
  'same-group': '同一集团',
  declined: '放弃中标',
  disqualified: '取消中标资格',
};

export function tenderStatus(status: string): string {
  return TENDER_STATUS[status] ?? status;
}

export function lotStatus(status: string | null | undefined): string {
  return status ? (LOT_STATUS[status] ?? status) : '—';
}

/** A review or evaluation flag in Chinese; `outlier:E2:13` is an expert's outlying score on criterion 13. */
export function flagLabel(flag: string): string {
  if (FLAGS[flag]) return FLAGS[flag];
  const outlier = /^outlier:([^:]+):(.+)$/.exec(flag);
  if (outlier) return `畸高畸低（专家${outlier[1]}，第${outlier[2]}项）`;
  const [head, ...rest] = flag.split(':');
  return FLAGS[head] ? `${FLAGS[head]}（${rest.join(':')}）` : flag;
}

/** How a tie was decided: by price, a category subtotal, or a recorded draw. */
export function decidedByLabel(decidedBy: string): string {
  if (decidedBy === 'price') return '报价低者优先';
  if (decidedBy === 'draw') return '抽签';
  return `${decidedBy}得分高者优先`;
}

/** The label of a code in one of the maps above, or the code itself when there is none. */
export function labelOf(labels: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return labels[code] ?? code;
}
