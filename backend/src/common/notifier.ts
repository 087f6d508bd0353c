import type { EntityManager } from 'typeorm';
import type { NotificationKind, NotificationSubject } from '../domain/desk/notifications';

/** A subject named by the notifier (a contract's name is its tender's, lot's and year's). */
export type UnnamedSubject = Omit<NotificationSubject, 'name'>;

/**
 * In-app notifications (站内消息), as the features write them with their events: inside the event's
 * transaction, to the recipients the event has. A port: the desk (backend/src/desk) provides it, so that
 * the features need not know who reads their events.
 */
export abstract class Notifier {
  /** The insurers of the tender's bidders that bid, or of the bidders with the given codes. */
  abstract toBidders(
    m: EntityManager,
    tenderId: number,
    kind: NotificationKind,
    subject: NotificationSubject,
    codes?: string[],
  ): Promise<void>;
  /** The experts on the tender's panel. */
  abstract toPanel(m: EntityManager, tenderId: number, kind: NotificationKind, subject: NotificationSubject): Promise<void>;
  /** The insurer of a contract. */
  abstract toInsurer(m: EntityManager, contractId: number, kind: NotificationKind, subject: UnnamedSubject): Promise<void>;
  /** The bureau's users, of an event under a contract. */
  abstract toBureau(m: EntityManager, contractId: number, kind: NotificationKind, subject: UnnamedSubject): Promise<void>;
}
