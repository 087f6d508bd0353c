import type { TenderStatus } from '@domain/lifecycles';
import type { TenderDetail } from '@domain/wire/tenders';
import { isoToLocal } from './datetime';

/** The steps of a tender's procedure as the stepper shows them, each reached by one status. */
export const PROCEDURE_STEPS: readonly { status: TenderStatus; title: string }[] = [
  { status: 'draft', title: '起草' },
  { status: 'published', title: '发布' },
  { status: 'closed', title: '截止' },
  { status: 'opened', title: '开标' },
  { status: 'qualification', title: '资格审查' },
  { status: 'evaluation', title: '评标' },
  { status: 'awarded', title: '定标' },
];

/** Where a tender stands: the step it is at, what is missing before the next one and who must act. */
export interface ProcedureState {
  /** Index into PROCEDURE_STEPS. */
  current: number;
  /** `error` for a failed tender (废标), `finish` once awarded. */
  status: 'process' | 'finish' | 'error';
  /** What is still missing before the next step (empty when only the actor's click is). */
  missing: string[];
  /** Who takes the next step, and how. */
  next: string;
}

/** A time as Beijing time reads it: 2026-12-20 09:30. */
const beijingTime = (iso: string) => isoToLocal(iso).replace('T', ' ');

/** The lots with fewer bids than the tender needs to open them. */
function lotsShortOfBids(t: TenderDetail): string[] {
  return t.lots.filter((l) => l.bidCount < t.minQualifiedBidders).map((l) => `第${l.no}包${l.name}`);
}

/**
 * The procedure of a tender computed from its status and what it holds: shown above its page so that the
 * procurement centre sees the next step, what blocks it and whose turn it is. `now` decides the deadlines.
 */
export function procedureState(t: TenderDetail, now: Date): ProcedureState {
  const at = (status: TenderStatus) => PROCEDURE_STEPS.findIndex((s) => s.status === status);
  switch (t.status) {
    case 'draft': {
      const missing = [
        ...(t.lots.length ? [] : ['尚无标包']),
        ...(t.schemes.length ? [] : ['尚无评分表']),
        ...(Date.parse(t.bidDeadline) <= now.getTime() ? ['投标截止时间已过，须改为将来的时间'] : []),
      ];
      return { current: at('draft'), status: 'process', missing, next: '采购中心：补齐项目设置后点击“发布”' };
    }
    case 'published': {
      const short = lotsShortOfBids(t);
      return {
        current: at('published'),
        status: 'process',
        missing: [
          `投标截止时间 ${beijingTime(t.bidDeadline)} 未到`,
          ...(short.length ? [`投标不足${t.minQualifiedBidders}家：${short.join('、')}`] : []),
        ],
        next: '保险公司：截止前递交投标；截止时间到达后系统自动截止',
      };
    }
    case 'closed': {
      const due = Date.parse(t.openingTime) > now.getTime();
      return {
        current: at('closed'),
        status: 'process',
        missing: due ? [`开标时间 ${beijingTime(t.openingTime)} 未到`] : [],
        next: '采购中心：开标时间到达后点击“开标”',
      };
    }
    case 'opened':
      return {
        current: at('opened'),
        status: 'process',
        missing: [`开标记录确认期（开标后${t.openingConfirmMinutes}分钟）结束，且投标人的异议均已答复`],
        next: '投标人：确认开标记录；采购中心：答复异议后点击“进入评审”',
      };
    case 'qualification':
      return {
        current: at('qualification'),
        status: 'process',
        missing: ['各投标的资格审查结论'],
        next: '采购中心：完成资格审查后点击“进入评审”',
      };
    case 'evaluation':
      return {
        current: at('evaluation'),
        status: 'process',
        missing: ['评标委员会各专家提交全部标包的评分表，畸高畸低评分已处理'],
        next: '评审专家：提交评分表；采购中心：在“评标结果”确认定标',
      };
    case 'awarded':
      return {
        current: at('awarded'),
        status: 'finish',
        missing: [],
        next: `医保局：质疑期（结果公布后${t.challengeDays}个工作日）届满且质疑均已答复后签订合同`,
      };
    case 'failed':
      return { current: at('awarded'), status: 'error', missing: [], next: '项目废标：采购中心可依法重新组织采购' };
  }
}
