import type { LIFECYCLES } from './lifecycles';

type Lifecycles = typeof LIFECYCLES;

/** `<entity>.<event>` of every lifecycle: what a status change records unless it names its own action. */
export type LifecycleAction = {
  [K in keyof Lifecycles]: `${Lifecycles[K]['entity']}.${keyof Lifecycles[K]['events'] & string}`;
}[keyof Lifecycles];

/**
 * Every action the audit record names (who did what, README "Audit chain"): the status changes of the
 * lifecycles and the actions below. The audit viewer, its Excel export and the reports render them
 * through the label table, so an action added here or a lifecycle event added without a label fails
 * the build.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login-failed',
  'auth.locked',
  'user.create',
  'user.update',
  'user.reset-password',
  'user.role',
  'user.unlock',
  'auth.logout',
  'auth.password-changed',
  'organization.create',
  'organization.update',
  'tender.create',
  'tender.update',
  'tender.clarification',
  'lot.create',
  'lot.update',
  'scheme.create',
  'bidder.create',
  'bidder.update',
  'bidder.remove',
  'bid.submit',
  'bid.replace',
  'bid.withdraw',
  'bid.unseal',
  'bid.paper-receipt',
  'bid.paper-amounts',
  'bid.paper-removed',
  'bid.review',
  'opening.start',
  'opening.paper-line',
  'dossier.import',
  'panel.add',
  'panel.remove',
  'panel.leader',
  'panel.conflict-declared',
  'panel.no-conflict-declared',
  'score.set',
  'score.outlier-decision',
  'sheet.submit',
  'sheet.return',
  'evaluation.preview',
  'evaluation.confirm',
  'award.declined',
  'award.disqualified',
  'contract.create',
  'contract.draft-next-year',
  'contract.update',
  'contract.termination-mark',
  'contract.service-evaluation',
  'contract.acceptance',
  'contract.acceptance-document',
  'milestone.application',
  /** Written before milestones could be withheld (now `milestone.release`): old records keep their name. */
  'milestone.unblock',
  'contract.settle',
  'document.generate',
  'assessment.create',
  'assessment.self-assessment',
  'assessment.self-evidence',
  'assessment.score',
  'assessment.evidence',
  'assessment.max-reward',
  'assessment.publish',
  'assessment.objection',
  'assessment.objection-answer',
  'assessment.finalise',
  'reward-budget.split',
  'deadline.overdue',
  'report.submit',
  'report.receive',
  'backup.create',
  'backup.restore',
  'tender.archive',
  'challenge.file',
  'holiday.add',
  'holiday.remove',
  'audit.keyed',
] as const;
export type AuditAction = LifecycleAction | (typeof AUDIT_ACTIONS)[number];
