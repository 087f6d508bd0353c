import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { Bidder } from '../bids/bidder.entity';
import { CalendarService } from '../calendar/calendar.service';
import { conflict, fieldError, invalidInput } from '../common/errors';
import { chinaDay } from '../documents/format';
import { challengePeriodEnd, contractHold } from '../domain/calendar/deadlines';
import { CHALLENGE } from '../domain/lifecycles';
import type { z } from '../domain/validation';
import type { AnswerChallengeSchema, ChallengesBody, FileChallengeSchema } from '../domain/wire/challenges';
import { Lot } from '../tenders/lot.entity';
import { Tender } from '../tenders/tender.entity';
import { Award } from './award.entity';
import { Challenge } from './challenge.entity';

type Period = ChallengesBody['period'];

/**
 * Challenges (质疑) of a tender's published results: within the tender's challenge period (working days
 * after the award was confirmed, the holiday table counted) the insurer of a bidder files one, and
 * procurement upholds or rejects it with the reason. Contracts wait for the period's end and every
 * answer; an upheld challenge holds them until the award is re-evaluated (重新评审) and confirmed again.
 */
@Injectable()
export class ChallengesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly calendar: CalendarService,
  ) {}

  /** The challenge period of the award in force, as it stands today, and what holds the contracts. */
  async period(tenderId: number, m: EntityManager = this.dataSource.manager): Promise<Period> {
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    const days = tender.challengeDays;
    const award = await m.getRepository(Award).findOne({ where: { tenderId }, select: { id: true, confirmedAt: true } });
    if (!award) return { publishedOn: null, days, endsOn: null, open: false, contractHold: null };
    const publishedOn = chinaDay(award.confirmedAt);
    const endsOn = challengePeriodEnd(publishedOn, days, await this.calendar.calendar(m));
    const today = chinaDay(new Date());
    const challenges = await m.find(Challenge, { where: { tenderId }, select: { id: true, status: true, answeredAt: true } });
    const hold = contractHold({
      today,
      periodEnd: endsOn,
      confirmedAt: award.confirmedAt.toISOString(),
      challenges: challenges.map((c) => ({ status: c.status, answeredAt: c.answeredAt?.toISOString() ?? null })),
    });
    return { publishedOn, days, endsOn, open: today <= endsOn, contractHold: hold };
  }

  /** A 409 with its code while the tender's contracts must wait (see `period`). */
  async assertContractsAllowed(tenderId: number, m?: EntityManager): Promise<void> {
    const { contractHold: hold, endsOn } = await this.period(tenderId, m);
    if (hold === 'challenge-period') throw conflict('challengePeriodOpen', { until: endsOn! });
    if (hold === 'challenge-unanswered') throw conflict('challengeUnanswered');
    if (hold === 'reevaluation-required') throw conflict('reevaluationRequired');
  }

  /** Procurement, the bureau and the admin see every challenge; an insurer its own bidders'. */
  async list(user: AuthUser, tenderId: number): Promise<ChallengesBody> {
    const m = this.dataSource.manager;
    const period = await this.period(tenderId, m);
    const own = user.role === 'insurer' ? await this.ownBidders(user, tenderId, m) : null;
    const challenges = await m.find(Challenge, { where: { tenderId }, relations: { bidder: true }, order: { id: 'ASC' } });
    return { period, challenges: challenges.filter((c) => !own || own.some((b) => b.id === c.bidderId)).map(view) };
  }

  async file(user: AuthUser, tenderId: number, body: z.output<typeof FileChallengeSchema>) {
    const id = await this.dataSource.transaction(async (m) => {
      const [bidder] = await this.ownBidders(user, tenderId, m);
      const period = await this.period(tenderId, m);
      if (!period.publishedOn) throw conflict('resultsNotPublished');
      if (!period.open) throw conflict('challengePeriodEnded', { until: period.endsOn! });
      const lot = body.lot ?? null;
      if (lot !== null && !(await m.existsBy(Lot, { tenderId, no: lot }))) {
        throw invalidInput([fieldError('lot', 'unknown', { what: 'lot', code: lot })]);
      }
      const challenge = await m.save(
        m.create(Challenge, {
          tenderId,
          bidderId: bidder.id,
          lotNo: lot,
          text: body.text,
          filedAt: new Date(),
          filedBy: user.username,
          status: 'filed',
          reason: null,
          answeredAt: null,
          answeredBy: null,
        }),
      );
      await this.audit.record(
        user,
        {
          action: 'challenge.file',
          entityType: 'challenge',
          entityId: challenge.id,
          after: { tenderId, bidder: bidder.code, lot, text: body.text, periodEndsOn: period.endsOn },
        },
        m,
      );
      return challenge.id;
    });
    return this.one(id);
  }

  /** Procurement upholds or rejects a challenge, with the reason: once, through the CHALLENGE lifecycle. */
  async answer(user: AuthUser, challengeId: number, body: z.output<typeof AnswerChallengeSchema>) {
    await this.dataSource.transaction(async (m) => {
      const challenge = await m.findOneBy(Challenge, { id: challengeId });
      if (!challenge) throw new NotFoundException('质疑不存在 / challenge not found');
      await this.transitions.move(m, CHALLENGE, Challenge, {
        id: challengeId,
        from: challenge.status,
        event: 'answer',
        to: body.outcome,
        actor: user,
        set: { reason: body.reason, answeredAt: new Date(), answeredBy: user.username },
        after: { tenderId: challenge.tenderId, reason: body.reason },
      });
    });
    return this.one(challengeId);
  }

  private async one(id: number) {
    return view(await this.dataSource.getRepository(Challenge).findOneOrFail({ where: { id }, relations: { bidder: true } }));
  }

  /** The user's organisation's bidders in the tender; none: the tender is "not found" to it. */
  private async ownBidders(user: AuthUser, tenderId: number, m: EntityManager): Promise<Bidder[]> {
    const own = await m.find(Bidder, { where: { tenderId, organizationId: user.organizationId ?? -1 }, order: { code: 'ASC' } });
    if (own.length === 0) throw new NotFoundException('招标项目不存在 / tender not found');
    return own;
  }
}

const view = (c: Challenge) => ({
  id: c.id,
  bidder: c.bidder!.code,
  bidderName: c.bidder!.name,
  lot: c.lotNo,
  text: c.text,
  filedAt: c.filedAt.toISOString(),
  filedBy: c.filedBy,
  status: c.status,
  reason: c.reason,
  answeredAt: c.answeredAt?.toISOString() ?? null,
  answeredBy: c.answeredBy,
});
