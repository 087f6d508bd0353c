import { DESK_KINDS } from '../desk/desk';
import { NOTIFICATION_KINDS } from '../desk/notifications';
import { z } from '../validation';
import { instant, reply } from './common';

/**
 * The desk (`GET /api/desk`, 待办) and the in-app notifications (`/api/notifications`, 站内消息) of
 * the signed-in user. Kinds travel as codes; the UI renders them through the label table.
 */

export const DeskItemSchema = reply({
  kind: z.enum(DESK_KINDS),
  object: reply({
    type: z.enum(['tender', 'contract', 'assessment', 'account', 'backup']),
    id: z.number().int(),
    name: z.string(),
  }),
  due: z.string().nullable().meta({ description: 'a China day (2026-03-01) or an instant; null when nothing is due by a date' }),
  overdue: z.boolean(),
  link: z.string().meta({ description: 'the page of the UI that deals with it' }),
  count: z.number().int().optional(),
});
export type DeskItemView = z.output<typeof DeskItemSchema>;

export const DeskSchema = reply({ items: z.array(DeskItemSchema) });

export const NotificationSchema = reply({
  id: z.number().int(),
  kind: z.enum(NOTIFICATION_KINDS),
  /** The Chinese text, rendered from the kind through the label table. */
  title: z.string(),
  body: z.string(),
  object: reply({ type: z.enum(['tender', 'contract', 'assessment']), id: z.number().int(), name: z.string() }),
  link: z.string(),
  createdAt: instant(),
  readAt: instant().nullable(),
});
export type NotificationView = z.output<typeof NotificationSchema>;

/** The newest notifications first (at most 50) and how many of all are unread. */
export const NotificationListSchema = reply({ unread: z.number().int(), items: z.array(NotificationSchema) });

export const ReadAllSchema = reply({ read: z.number().int() });
