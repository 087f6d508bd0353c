import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { AuditAction, LifecycleAction } from '../domain/audit-actions';
import { AllowedOf, AnyLifecycle, can, EventOf, StatesOf, targets } from '../domain/lifecycles';
import { lifecycleStateLabel } from '../domain/labels';
import { Actor, AuditService } from './audit.service';

/** A status change as its caller asks for it, on a row it has read. */
export interface Move<L extends AnyLifecycle> {
  id: number;
  /** The row's status as the caller read it: the UPDATE applies only while it still is. */
  from: StatesOf<L>;
  event: EventOf<L>;
  /** The outcome, where the event has several. */
  to?: StatesOf<L>;
  actor: Actor | null;
  /** Other columns written by the same UPDATE. */
  set?: ObjectLiteral;
  /** Further conditions of the UPDATE: the version or revision the caller read. */
  where?: ObjectLiteral;
  /** What the audit entry keeps beside the statuses. */
  before?: object | null;
  after?: object | null;
  /** The audit action, when it is not `<entity>.<event>`. */
  action?: AuditAction;
  /** The audit subject, when not the row itself (a milestone's moves are kept with its contract). */
  subject?: { entityType: string; entityId: number };
  /**
   * `conflict` (default): a row changed meanwhile is a 409. `ignore`: an idempotent job that finds the
   * row already moved takes it as done by someone else, and `move` returns false.
   */
  lost?: 'conflict' | 'ignore';
}

/** A move the lifecycle does not allow from the state the record is in. */
export function notAllowed(lifecycle: AnyLifecycle, state: string, event: string, message?: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    code: 'lifecycle.not-allowed',
    params: { lifecycle: lifecycle.entity, state, event },
    message:
      message ??
      `当前状态（${lifecycleStateLabel(lifecycle.entity, state)}）不允许此操作 / a ${lifecycle.entity} in state ${state} does not allow ${event}`,
  });
}

/** Throws the 409 of `notAllowed` unless the table allows `name` in `state`; `message` says it in the guard's words. */
export function assertCan<L extends AnyLifecycle>(
  lifecycle: L,
  state: StatesOf<L>,
  name: EventOf<L> | AllowedOf<L>,
  message?: string,
): void {
  if (!can(lifecycle, state, name)) throw notAllowed(lifecycle, state, name, message);
}

/** The row moved (or changed) between the caller's read and its update. */
export function changedMeanwhile(lifecycle: AnyLifecycle, state: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    code: 'lifecycle.changed',
    params: { lifecycle: lifecycle.entity, state },
    message: `该记录已被他人修改，请刷新后重试 / the ${lifecycle.entity} was changed by someone else meanwhile: reload and retry`,
  });
}

/**
 * Every status change: checks the event against the lifecycle table, applies it as one conditional
 * UPDATE (`… WHERE id = ? AND status = <from>`, plus the caller's version), and records it with its
 * before and after in the same transaction. Of two actors moving the same row at once exactly one
 * succeeds; the other gets a 409 (or, for a job, `false`) and has changed nothing.
 */
@Injectable()
export class Transitions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async move<L extends AnyLifecycle>(m: EntityManager, lifecycle: L, entity: EntityTarget<ObjectLiteral>, move: Move<L>): Promise<boolean> {
    if (!m.queryRunner?.isTransactionActive) return this.dataSource.transaction((t) => this.move(t, lifecycle, entity, move));
    const { id, from, event } = move;
    assertCan(lifecycle, from, event);
    const outcomes = targets(lifecycle, event);
    const to = move.to ?? (outcomes.length === 1 ? outcomes[0] : undefined);
    if (to === undefined || !outcomes.includes(to)) {
      throw new Error(`${lifecycle.entity}.${event} leads to ${outcomes.join(' | ')}, not ${String(move.to)}`);
    }
    const { affected } = await m.update(entity, { ...move.where, id, status: from }, { ...move.set, status: to });
    if (affected !== 1) {
      if (move.lost === 'ignore') return false;
      throw changedMeanwhile(lifecycle, from);
    }
    await this.audit.record(
      move.actor,
      {
        // The table's entity and one of its events: a LifecycleAction, which a generic table cannot show the compiler.
        action: move.action ?? (`${lifecycle.entity}.${event}` as LifecycleAction),
        entityType: move.subject?.entityType ?? lifecycle.entity,
        entityId: move.subject?.entityId ?? id,
        before: { status: from, ...move.before },
        after: { status: to, ...move.after },
      },
      m,
    );
    return true;
  }
}
