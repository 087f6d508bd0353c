/** Objective scoring rules (DOSSIER.md RULE) in words, and a light check of rule JSON typed by hand. */

import type { Band, Num, Rule } from '@domain/dossier/dossier.types';

export type { Rule };

const BAND_OPS: [string, string][] = [
  ['min', '≥'],
  ['gt', '>'],
  ['max', '≤'],
  ['lt', '<'],
];

/** A rule as a Chinese sentence, e.g. "solvencyRatio ≥ 200 得 2 分；≥ 150 得 1 分；否则 0 分". */
export function describeRule(rule: Rule | null | undefined): string {
  if (!rule) return '';
  switch (rule.type) {
    case 'perUnit':
      return `每个${rule.fact}得 ${rule.points} 分` + (rule.cap !== undefined ? `，最高 ${rule.cap} 分` : '');
    case 'bands': {
      const bands = (rule.bands ?? []).map((band: Band) => {
        const bound = band as Record<string, Num>;
        const op = BAND_OPS.find(([key]) => bound[key] !== undefined);
        return op ? `${rule.fact} ${op[1]} ${bound[op[0]]} 得 ${band.points} 分` : '?';
      });
      return [...bands, `否则 ${rule.else ?? 0} 分`].join('；');
    }
    case 'deductPerUnit':
      return `${rule.from} 分起，每个${rule.fact}扣 ${rule.per} 分，扣完为止`;
    case 'boolean':
      return `${rule.fact}为是得 ${rule.points} 分`;
    case 'const':
      return `固定 ${rule.points} 分`;
    case 'gate':
      return `${rule.fact} ≥ ${rule.min} 时：${describeRule(rule.then)}；否则 0 分`;
    case 'sum':
      return (
        `合计（${(rule.parts ?? []).map((part) => describeRule(part)).join('；')}）` +
        (rule.cap !== undefined ? `，最高 ${rule.cap} 分` : '')
      );
    default:
      return JSON.stringify(rule);
  }
}

const REQUIRED: Record<string, string[]> = {
  perUnit: ['fact', 'points'],
  bands: ['fact', 'bands'],
  deductPerUnit: ['fact', 'from', 'per'],
  boolean: ['fact', 'points'],
  const: ['points'],
  gate: ['fact', 'min', 'then'],
  sum: ['parts'],
};

/** Parses rule JSON; returns the rule or a Chinese explanation of what is wrong (the backend checks fully). */
export function parseRule(text: string): { rule: Rule } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'JSON 格式有误' };
  }
  const problem = ruleProblem(value);
  return problem ? { error: problem } : { rule: value as Rule };
}

function ruleProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '规则须为 JSON 对象';
  const rule = value as Record<string, unknown>;
  const required = REQUIRED[String(rule['type'])];
  if (!required) return `未知的规则类型 "${String(rule['type'])}"（可用：${Object.keys(REQUIRED).join('、')}）`;
  const missing = required.filter((key) => rule[key] === undefined);
  if (missing.length) return `${String(rule['type'])} 规则缺少 ${missing.join('、')}`;
  if (rule['type'] === 'gate') return ruleProblem(rule['then']);
  if (rule['type'] === 'sum') {
    if (!Array.isArray(rule['parts'])) return 'parts 须为数组';
    for (const part of rule['parts']) {
      const problem = ruleProblem(part);
      if (problem) return problem;
    }
  }
  if (rule['type'] === 'bands' && !Array.isArray(rule['bands'])) return 'bands 须为数组';
  return null;
}
