import { BeforeApplicationShutdown, Inject, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource, EntityManager, In, IsNull, LessThanOrEqual, type EntitySubscriberInterface, type QueryRunner } from 'typeorm';
import type { AuthUser } from '../auth/decorators';
import { SecurityLogService } from '../audit/security-log.service';
import { Bid } from '../bids/bid.entity';
import { BidEnvelope } from '../bids/bid-envelope.entity';
import { Bidder } from '../bids/bidder.entity';
import { PaperBidReceipt } from '../bids/paper-receipt.entity';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { Contract } from '../contracts/contract.entity';
import { Notifier, type UnnamedSubject } from '../common/notifier';
import {
  MAIL_ATTEMPTS,
  mailRetryDelayMs,
  notificationMail,
  notificationText,
  type NotificationKind,
  type NotificationSubject,
} from '../domain/desk/notifications';
import type { NotificationView } from '../domain/wire/desk';
import { PanelMember } from '../panel/panel-member.entity';
import { User } from '../users/user.entity';
import { Notification } from './notification.entity';

/** How long a server holds a pending e-mail it is sending before another may take it. */
const CLAIM_MS = 5 * 60_000;

/**
 * In-app notifications (站内消息): written per recipient in the transaction of the event (`notify`), read
 * and marked read by their owner. When SMTP is set, each is also mailed to a recipient with an address
 * once that transaction has committed; a failure is logged (security/ops log) and retried by the job,
 * at most MAIL_ATTEMPTS times. Sending never holds up the request that caused it.
 */
@Injectable()
export class NotificationsService extends Notifier implements OnModuleInit, BeforeApplicationShutdown {
  private readonly log = new Logger('Notifications');
  private readonly transport: Transporter | null;
  /** Transactions that wrote a notification with an e-mail to send, until they end. */
  private readonly mailing = new WeakSet<QueryRunner>();
  private flushing: Promise<number> | null = null;
  /** Sends asked for by commits, not yet started. */
  private kicks = new Set<Promise<void>>();
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly securityLog: SecurityLogService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super();
    this.transport = config.smtp
      ? createTransport(
          { url: config.smtp.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 },
          { from: config.smtp.from },
        )
      : null;
  }

  onModuleInit() {
    if (!this.transport) return;
    // After the outer transaction's commit, the e-mails it wrote go out; a rollback took them with it.
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: ({ queryRunner }) => {
        if (queryRunner.isTransactionActive || !this.mailing.has(queryRunner)) return;
        this.mailing.delete(queryRunner);
        // Once the commit has returned to its caller (and SQLite's turn is over): the request never waits for SMTP.
        const kick = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
          this.kicks.delete(kick);
          void this.flush();
        });
        this.kicks.add(kick);
      },
      afterTransactionRollback: ({ queryRunner }) => {
        if (!queryRunner.isTransactionActive) this.mailing.delete(queryRunner);
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }

  async beforeApplicationShutdown() {
    await this.settled();
    this.transport?.close();
  }

  /** Tell each user (once, whatever the duplicates) of an event, inside the event's transaction. */
  async notify(m: EntityManager, userIds: number[], kind: NotificationKind, subject: NotificationSubject, now = new Date()): Promise<void> {
    const ids = [...new Set(userIds)];
    if (!ids.length) return;
    const mailable = this.transport
      ? new Set((await m.find(User, { where: { id: In(ids) }, select: { id: true, email: true } })).filter((u) => u.email).map((u) => u.id))
      : new Set<number>();
    const rows = ids.map((userId) => ({
      userId,
      kind,
      objectType: subject.type,
      objectId: subject.id,
      objectName: subject.name.slice(0, 255),
      link: subject.link,
      createdAt: now,
      readAt: null,
      mailStatus: mailable.has(userId) ? ('pending' as const) : ('none' as const),
      mailAttempts: 0,
      mailNextAt: mailable.has(userId) ? now : null,
      mailError: null,
    }));
    await m.getRepository(Notification).insert(rows);
    if (mailable.size && m.queryRunner) this.mailing.add(m.queryRunner);
  }

  // ---- recipients (the Notifier port)

  async toBidders(
    m: EntityManager,
    tenderId: number,
    kind: NotificationKind,
    subject: NotificationSubject,
    codes?: string[],
  ): Promise<void> {
    await this.notify(m, await this.bidderUsers(m, tenderId, codes), kind, subject);
  }

  async toPanel(m: EntityManager, tenderId: number, kind: NotificationKind, subject: NotificationSubject): Promise<void> {
    await this.notify(m, await this.panelUsers(m, tenderId), kind, subject);
  }

  /**
   * The enabled insurer users of the tender's bidders that bid (a bid, an envelope not withdrawn or a
   * paper envelope received), or of those with the given codes.
   */
  async bidderUsers(m: EntityManager, tenderId: number, codes?: string[]): Promise<number[]> {
    const bidders = await m.find(Bidder, {
      where: { tenderId, ...(codes && { code: In(codes) }) },
      select: { id: true, organizationId: true },
    });
    const [bids, envelopes, papers] = await Promise.all([
      m.find(Bid, { where: { tenderId }, select: { bidderId: true } }),
      m.find(BidEnvelope, { where: { tenderId, status: In(['sealed', 'opened']) }, select: { bidderId: true } }),
      m.find(PaperBidReceipt, { where: { tenderId }, select: { bidderId: true } }),
    ]);
    const bid = new Set([...bids, ...envelopes, ...papers].map((b) => b.bidderId));
    const orgs = [
      ...new Set(
        bidders
          .filter((b) => codes || bid.has(b.id))
          .map((b) => b.organizationId)
          .filter((o): o is number => o !== null),
      ),
    ];
    return this.insurersOf(m, orgs);
  }

  /** The panel members of the tender who have an account. */
  async panelUsers(m: EntityManager, tenderId: number): Promise<number[]> {
    const seats = await m.find(PanelMember, { where: { tenderId }, select: { userId: true } });
    return seats.map((s) => s.userId).filter((u): u is number => u !== null);
  }

  /** The insurer users of the contract's bidder. */
  async contractInsurers(m: EntityManager, contractId: number): Promise<number[]> {
    const c = await m.findOne(Contract, { where: { id: contractId }, relations: { bidder: true } });
    return c?.bidder?.organizationId ? this.insurersOf(m, [c.bidder.organizationId]) : [];
  }

  /** An assessment's subject is the assessment, named by its contract. */
  async toInsurer(m: EntityManager, contractId: number, kind: NotificationKind, subject: UnnamedSubject): Promise<void> {
    const c = await m.findOne(Contract, { where: { id: contractId }, relations: { tender: true } });
    if (c) await this.notify(m, await this.contractInsurers(m, contractId), kind, { ...subject, name: contractName(c) });
  }

  async toBureau(m: EntityManager, contractId: number, kind: NotificationKind, subject: UnnamedSubject): Promise<void> {
    const c = await m.findOne(Contract, { where: { id: contractId }, relations: { tender: true } });
    if (c) await this.notify(m, await this.bureauUsers(m), kind, { ...subject, name: contractName(c) });
  }

  /** Every enabled bureau user. */
  async bureauUsers(m: EntityManager): Promise<number[]> {
    return (await m.find(User, { where: { role: 'bureau', disabled: false }, select: { id: true } })).map((u) => u.id);
  }

  private async insurersOf(m: EntityManager, orgs: number[]): Promise<number[]> {
    if (!orgs.length) return [];
    const users = await m.find(User, { where: { role: 'insurer', disabled: false, organizationId: In(orgs) }, select: { id: true } });
    return users.map((u) => u.id);
  }

  // ---- the recipient's own

  async list(user: AuthUser): Promise<{ unread: number; items: NotificationView[] }> {
    const repo = this.dataSource.getRepository(Notification);
    const [rows, unread] = await Promise.all([
      repo.find({ where: { userId: user.id }, order: { id: 'DESC' }, take: 50 }),
      repo.countBy({ userId: user.id, readAt: IsNull() }),
    ]);
    return { unread, items: rows.map(view) };
  }

  /** Mark one of one's own read (again: no change); another's is not found. */
  async read(user: AuthUser, id: number, now = new Date()): Promise<NotificationView> {
    const repo = this.dataSource.getRepository(Notification);
    const n = await repo.findOneBy({ id, userId: user.id });
    if (!n) throw new NotFoundException('消息不存在 / notification not found');
    if (!n.readAt) {
      await repo.update({ id, readAt: IsNull() }, { readAt: now });
      n.readAt = (await repo.findOneByOrFail({ id })).readAt;
    }
    return view(n);
  }

  async readAll(user: AuthUser, now = new Date()): Promise<{ read: number }> {
    const res = await this.dataSource.getRepository(Notification).update({ userId: user.id, readAt: IsNull() }, { readAt: now });
    return { read: res.affected ?? 0 };
  }

  // ---- e-mail

  /**
   * Send the e-mails due (new ones and retries whose time has come). One run at a time in this process;
   * across servers each e-mail is claimed by a conditional update first, so it goes out once.
   */
  flush(now = new Date()): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = this.sendDue(now)
      .catch((e: unknown) => {
        this.log.error(`notification e-mails not sent: ${(e as Error).message}`);
        return 0;
      })
      .finally(() => {
        this.flushing = null;
        if (this.again) {
          this.again = false;
          void this.flush();
        }
      });
    return this.flushing;
  }

  /** Resolves once no e-mail is being sent (tests and shutdown wait for it). */
  async settled(): Promise<void> {
    while (this.kicks.size || this.flushing) await Promise.all([...this.kicks, this.flushing]);
  }

  private async sendDue(now: Date): Promise<number> {
    const repo = this.dataSource.getRepository(Notification);
    const due = await repo.find({ where: { mailStatus: 'pending', mailNextAt: LessThanOrEqual(now) }, order: { id: 'ASC' }, take: 100 });
    let sent = 0;
    for (const n of due) {
      const claimed = await repo.update(
        { id: n.id, mailStatus: 'pending', mailAttempts: n.mailAttempts },
        { mailAttempts: n.mailAttempts + 1, mailNextAt: new Date(now.getTime() + CLAIM_MS) },
      );
      if (!claimed.affected) continue;
      const attempt = n.mailAttempts + 1;
      const user = await this.dataSource.getRepository(User).findOneBy({ id: n.userId });
      if (!user?.email) {
        await repo.update(n.id, { mailStatus: 'none', mailNextAt: null });
        continue;
      }
      try {
        const mail = notificationMail(n.kind, subjectOf(n), n.createdAt);
        await this.transport!.sendMail({ to: user.email, subject: mail.subject, text: mail.text });
        await repo.update(n.id, { mailStatus: 'sent', mailNextAt: null, mailError: null });
        sent++;
      } catch (e) {
        const error = (e as Error).message.slice(0, 255);
        const last = attempt >= MAIL_ATTEMPTS;
        await repo.update(n.id, {
          mailStatus: last ? 'failed' : 'pending',
          mailNextAt: last ? null : new Date(Date.now() + mailRetryDelayMs(attempt)),
          mailError: error,
        });
        this.log.error(`notification ${n.id} e-mail to ${user.username}, attempt ${attempt}/${MAIL_ATTEMPTS}, failed: ${error}`);
        this.securityLog.recordMailFailure(user, n.id, attempt);
      }
    }
    return sent;
  }
}

/** A contract as notifications and the desk name it: the tender, the lot and the year. */
export const contractName = (c: Pick<Contract, 'lotNo' | 'year' | 'tender'>) => `${c.tender?.name ?? ''} 第${c.lotNo}包 ${c.year}年度`;

const subjectOf = (n: Notification): NotificationSubject => ({ type: n.objectType, id: n.objectId, name: n.objectName, link: n.link });

function view(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    ...notificationText(n.kind, { name: n.objectName }),
    object: { type: n.objectType, id: n.objectId, name: n.objectName },
    link: n.link,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}
