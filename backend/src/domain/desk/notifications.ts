import { label } from '../labels';

/**
 * In-app notifications (站内消息): the events a user is told of, each stored per recipient as a code
 * with its object; the words come from the label table when shown or mailed.
 */
export const NOTIFICATION_KINDS = [
  /** To the bidders and the panel: the tender's bids are opened. */
  'opening-done',
  /** To the bidders: the evaluation results are confirmed and published. */
  'results-published',
  /** To a winning bidder: it is awarded a lot. */
  'award-won',
  /** To the insurer: the bureau published its annual assessment. */
  'assessment-published',
  /** To the insurer: the bureau answered its objection. */
  'objection-answered',
  /** To the bureau: the insurer objected to a published assessment. */
  'objection-filed',
  /** To the insurer: a report (or other deadline) of its contract is overdue. */
  'report-overdue',
  /** To the insurer: a payment under its contract was recorded. */
  'payment-recorded',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What a notification is about, as stored with it. */
export interface NotificationSubject {
  type: 'tender' | 'contract' | 'assessment';
  id: number;
  name: string;
  /** The page (a route of the UI) to go to. */
  link: string;
}

/** The Chinese title and body of a notification, in the app and in its e-mail alike. */
export function notificationText(kind: NotificationKind, subject: Pick<NotificationSubject, 'name'>): { title: string; body: string } {
  const title = label('notificationKind', kind);
  return { title, body: `${title}：${subject.name}` };
}

/** An e-mail of a notification: the subject names the product; the body adds when (a UI route means nothing in a mailbox). */
export function notificationMail(
  kind: NotificationKind,
  subject: Pick<NotificationSubject, 'name'>,
  at: Date,
): { subject: string; text: string } {
  const { title, body } = notificationText(kind, subject);
  const when = at.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return {
    subject: `【医保服务采购与履约评价】${title}`,
    text: `${body}\n时间：${when}\n请登录系统查看详情。\n\n此邮件由系统自动发送，请勿回复。`,
  };
}

/** Attempts at an e-mail before it is given up (the first and the job's retries). */
export const MAIL_ATTEMPTS = 5;

/** The wait before the next attempt after `attempts` failures: 1, 2, 4, 8 minutes. */
export const mailRetryDelayMs = (attempts: number): number => 60_000 * 2 ** Math.max(0, attempts - 1);
