import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { tenderFactsNeeded } from '../domain/access-policy';
import { DataSource, EntityManager, In } from 'typeorm';
import { forUpdate } from '../database/row-lock';
import { selectRows } from '../database/bulk-rows';
import { AuditService } from '../audit/audit.service';
import { assertCan, Transitions } from '../audit/transitions';
import type { AuthUser } from '../auth/decorators';
import { Bid } from '../bids/bid.entity';
import { Bidder } from '../bids/bidder.entity';
import { reviewDossier, type BidReview } from '../domain/bids/validity';
import { D } from '../domain/decimal';
import { conflict, fieldError, invalidInput, FieldError } from '../common/errors';
import { DossierSource } from '../tenders/dossier-source';
import type { Criterion, Dossier } from '../domain/dossier/dossier.types';
import { criterionScore } from '../domain/evaluation/rule-engine';
import { can, LOT, SHEET, TENDER } from '../domain/lifecycles';
import { panelMemberRemoval } from '../domain/removals';
import { lotReadiness, resolvedBy, type LotReadiness } from '../domain/panel/outliers';
import { assertDeclared, tenderForUpdate } from '../tenders/tender-access';
import { Lot } from '../tenders/lot.entity';
import { ScoringScheme } from '../tenders/scheme.entity';
import { Tender } from '../tenders/tender.entity';
import { User } from '../users/user.entity';
import { PanelMember } from './panel-member.entity';
import type { AddMember, DeclarationBody, OutlierDecision as OutlierDecisionBody, ScoreEntry } from '../domain/wire/panel';
import { OutlierDecision } from './outlier-decision.entity';
import { ScoreSheet } from './score-sheet.entity';
import { Score } from './score.entity';

/**
 * The evaluation panel (评标委员会): procurement forms it; each expert declares (回避声明) before
 * seeing any bid, scores the subjective criteria of every valid bid of a lot on a sheet, and submits
 * it. Experts never see each other's scores before their own sheet is in.
 */
@Injectable()
export class PanelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly transitions: Transitions,
    private readonly dossiers: DossierSource,
  ) {}

  // ---- procurement: forming the panel ----

  async members(user: AuthUser, tenderId: number) {
    await this.tender(tenderId);
    // An expert's reach depends on its seat (domain/access-policy): it sees the panel it sits on.
    if (tenderFactsNeeded(user.role).panel) await this.memberOf(user, tenderId);
    const [members, sheets, lots] = await Promise.all([
      this.dataSource.getRepository(PanelMember).find({ where: { tenderId }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(ScoreSheet).find({ where: { tenderId } }),
      this.dataSource.getRepository(Lot).find({ where: { tenderId }, order: { evaluationOrder: 'ASC' } }),
    ]);
    return members.map((p) => ({
      ...this.memberView(p),
      sheets: lots.map((l) => ({
        lot: l.no,
        status: sheets.find((s) => s.panelMemberId === p.id && s.lotId === l.id)?.status ?? 'not-started',
      })),
    }));
  }

  /** Expert users who could still join the panel. */
  async candidates(tenderId: number) {
    await this.tender(tenderId);
    const taken = new Set((await this.dataSource.getRepository(PanelMember).findBy({ tenderId })).map((p) => p.userId));
    const experts = await this.dataSource
      .getRepository(User)
      .find({ where: { role: 'expert', disabled: false }, order: { username: 'ASC' } });
    return experts.filter((u) => !taken.has(u.id)).map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }));
  }

  async addMember(actor: AuthUser, tenderId: number, dto: AddMember) {
    return this.dataSource.transaction(async (m) => {
      await this.tender(tenderId, m);
      const user = await m.findOneBy(User, { id: dto.userId });
      if (!user || user.role !== 'expert') throw invalidInput([fieldError('userId', 'expertUser')]);
      const members = await m.findBy(PanelMember, { tenderId });
      if (members.some((p) => p.userId === user.id)) throw invalidInput([fieldError('userId', 'alreadyOnPanel')]);
      if (dto.isLeader) await m.update(PanelMember, { tenderId }, { isLeader: false });
      const code = nextCode(members.map((p) => p.code));
      const member = await m.save(
        m.create(PanelMember, { tenderId, code, name: user.displayName, userId: user.id, isLeader: dto.isLeader ?? false }),
      );
      await this.audit.record(
        actor,
        { action: 'panel.add', entityType: 'panel-member', entityId: member.id, after: this.memberView(member) },
        m,
      );
      return this.memberView(member);
    });
  }

  /**
   * A member added by mistake leaves the panel until the first score of the tender is saved
   * (domain/removals.ts); the audit keeps the member as it was.
   */
  async removeMember(actor: AuthUser, tenderId: number, memberId: number) {
    return this.dataSource.transaction(async (m) => {
      const tender = await tenderForUpdate(m, tenderId);
      const member = await m.findOneBy(PanelMember, { id: memberId, tenderId });
      if (!member) throw new NotFoundException('评审专家不存在 / panel member not found');
      const scored = (await m.existsBy(Score, { tenderId })) || (await m.existsBy(ScoreSheet, { tenderId }));
      const refused = panelMemberRemoval(tender, scored);
      if (refused) throw conflict(refused);
      const before = this.memberView(member);
      await m.delete(PanelMember, { id: memberId });
      await this.audit.record(actor, { action: 'panel.remove', entityType: 'panel-member', entityId: memberId, before, after: null }, m);
      return before;
    });
  }

  async makeLeader(actor: AuthUser, tenderId: number, memberId: number) {
    return this.dataSource.transaction(async (m) => {
      const member = await m.findOneBy(PanelMember, { id: memberId, tenderId });
      if (!member) throw new NotFoundException('评审专家不存在 / panel member not found');
      const before = await m.findOneBy(PanelMember, { tenderId, isLeader: true });
      await m.update(PanelMember, { tenderId }, { isLeader: false });
      await m.update(PanelMember, { id: memberId }, { isLeader: true });
      await this.audit.record(
        actor,
        { action: 'panel.leader', entityType: 'tender', entityId: tenderId, before: before?.code ?? null, after: member.code },
        m,
      );
      return { leader: member.code };
    });
  }

  // ---- expert: declaration, sheets ----

  /** The expert's own place on the panel: the bidders to declare against, the lots and sheet states. */
  async me(user: AuthUser, tenderId: number) {
    const tender = await this.tender(tenderId);
    const member = await this.memberOf(user, tenderId);
    const [bidders, lots, sheets] = await Promise.all([
      this.dataSource.getRepository(Bidder).find({ where: { tenderId }, order: { code: 'ASC' } }),
      this.dataSource.getRepository(Lot).find({ where: { tenderId }, order: { evaluationOrder: 'ASC' } }),
      this.dataSource.getRepository(ScoreSheet).findBy({ panelMemberId: member.id }),
    ]);
    return {
      tender: { id: tender.id, code: tender.code, name: tender.name, status: tender.status },
      member: this.memberView(member),
      bidders: bidders.map((b) => ({ code: b.code, name: b.name })),
      lots: lots.map((l) => ({ no: l.no, name: l.name, sheet: sheets.find((s) => s.lotId === l.id)?.status ?? 'not-started' })),
    };
  }

  async declare(user: AuthUser, tenderId: number, dto: DeclarationBody) {
    return this.dataSource.transaction(async (m) => {
      const member = await this.memberOf(user, tenderId, m);
      if (member.declaration) throw new ConflictException('已作出回避声明 / the declaration has already been made');
      const before = this.memberView(member);
      member.declaration = dto.conflict ? 'conflict' : 'no-conflict';
      member.declarationNote = dto.note ?? null;
      member.declaredAt = new Date();
      if (dto.conflict) member.isLeader = false;
      await m.save(member);
      await this.audit.record(
        user,
        {
          action: dto.conflict ? 'panel.conflict-declared' : 'panel.no-conflict-declared',
          entityType: 'panel-member',
          entityId: member.id,
          before,
          after: this.memberView(member),
        },
        m,
      );
      return this.memberView(member);
    });
  }

  /**
   * The expert's sheet for a lot: criteria × valid bids, objective points prefilled, own scores, and
   * their outlier flags once every sheet of the lot is in (lotReadiness).
   */
  async sheet(user: AuthUser, tenderId: number, lotNo: string) {
    const { tender, member, lot } = await this.sheetAccess(user, tenderId, lotNo);
    const state = await this.lotState(this.dataSource.manager, tender, lot);
    const sheet = state.sheets.find((s) => s.panelMemberId === member.id);
    const own = state.scores.filter((s) => s.member === member.id);
    return {
      tender: { id: tender.id, code: tender.code, name: tender.name },
      lot: { no: lot.no, name: lot.name },
      status: sheet?.status ?? 'draft',
      version: sheet?.version ?? 0,
      isLeader: member.isLeader,
      criteria: state.criteria
        .filter((c) => c.kind !== 'price')
        .map((c) => ({ no: c.no, category: c.category, name: c.name, max: String(c.max), kind: c.kind })),
      bids: state.bids.map((b) => ({
        bidId: b.id,
        bidder: b.bidderCode,
        bidderName: b.bidderName,
        objective: Object.fromEntries(
          state.criteria.filter((c) => c.kind === 'objective').map((c) => [c.no, criterionScore(c, b.facts).toString()]),
        ),
        scores: Object.fromEntries(own.filter((s) => s.bidId === b.id).map((s) => [s.criterionNo, s.value])),
        outliers: state.readiness.flagged.filter((f) => f.member === member.id && f.bidId === b.id).map((f) => f.criterionNo),
      })),
    };
  }

  async saveScores(user: AuthUser, tenderId: number, lotNo: string, entries: ScoreEntry[]) {
    const { member, lot } = await this.sheetAccess(user, tenderId, lotNo);
    const criteria = new Map((await this.criteria(tenderId, lot.schemeCode)).map((c) => [c.no, c]));
    const bids = new Set((await this.scoredBids(tenderId, lot)).map((b) => b.id));
    const errors: FieldError[] = [];
    entries.forEach((e, i) => {
      const c = criteria.get(e.criterionNo);
      if (!/^\d+(\.\d)?$/.test(e.value)) errors.push(fieldError(`scores[${i}].value`, 'scoreValue'));
      if (!c || c.kind !== 'subjective') errors.push(fieldError(`scores[${i}].criterionNo`, 'subjectiveCriterion'));
      else if (/^\d+(\.\d)?$/.test(e.value) && new D(e.value).gt(c.max)) {
        errors.push(fieldError(`scores[${i}].value`, 'atMost', { max: new D(c.max).toString(), of: 'criterionMax' }));
      }
      if (!bids.has(e.bidId)) errors.push(fieldError(`scores[${i}].bidId`, 'validBidOfLot'));
    });
    if (errors.length) throw invalidInput(errors);
    await this.ensureSheet(tenderId, member, lot);
    return this.dataSource
      .transaction(async (m) => {
        await this.scoringTender(m, tenderId);
        const sheet = await this.sheetForUpdate(m, member.id, lot);
        assertCan(SHEET, sheet.status, 'score', '评分表已提交并锁定 / the sheet is submitted and locked');
        for (const e of entries) {
          const existing = await m.findOneBy(Score, { panelMemberId: member.id, bidId: e.bidId, criterionNo: e.criterionNo });
          const value = new D(e.value).toFixed(1);
          const before = existing ? { value: existing.value } : null;
          if (before?.value === value) continue;
          const saved = await m.save(
            existing
              ? Object.assign(existing, { value })
              : m.create(Score, { tenderId, panelMemberId: member.id, bidId: e.bidId, criterionNo: e.criterionNo, value }),
          );
          await this.audit.record(
            user,
            {
              action: 'score.set',
              entityType: 'score',
              entityId: saved.id,
              before,
              after: { bidId: e.bidId, criterionNo: e.criterionNo, value },
            },
            m,
          );
        }
        return { saved: entries.length };
      })
      .then(() => this.sheet(user, tenderId, lotNo));
  }

  async submit(user: AuthUser, tenderId: number, lotNo: string) {
    const { member, lot } = await this.sheetAccess(user, tenderId, lotNo);
    const subjective = (await this.criteria(tenderId, lot.schemeCode)).filter((c) => c.kind === 'subjective');
    const bids = await this.scoredBids(tenderId, lot);
    const scores = await this.dataSource.getRepository(Score).findBy({ panelMemberId: member.id, bidId: In(bids.map((b) => b.id)) });
    const missing = bids.flatMap((b) =>
      subjective
        .filter((c) => !scores.some((s) => s.bidId === b.id && s.criterionNo === c.no))
        .map((c) => fieldError(`${b.bidderCode}.${c.no}`, 'notScored', { bidder: b.bidderName, criterion: c.name })),
    );
    if (missing.length) throw invalidInput(missing);
    await this.ensureSheet(tenderId, member, lot);
    return this.dataSource.transaction(async (m) => {
      await this.scoringTender(m, tenderId);
      const sheet = await this.sheetForUpdate(m, member.id, lot);
      assertCan(SHEET, sheet.status, 'submit', '评分表已提交 / already submitted');
      const submittedAt = new Date();
      await this.transitions.move(m, SHEET, ScoreSheet, {
        id: sheet.id,
        from: sheet.status,
        event: 'submit',
        actor: user,
        action: 'sheet.submit',
        set: { submittedAt },
        after: { lot: lot.no, member: member.code },
      });
      return { status: 'submitted' as const, submittedAt };
    });
  }

  /**
   * Only the panel leader sends a submitted sheet back, until the award; the return and its reason stay
   * in the record. A return resolves the sheet's outlier flags: they are judged anew when it is submitted again.
   */
  async returnSheet(user: AuthUser, tenderId: number, lotNo: string, memberId: number, reason: string) {
    const leader = await this.leaderOf(user, tenderId, '只有评审组长可以退回评分表 / only the panel leader can send a sheet back');
    return this.dataSource.transaction(async (m) => {
      await this.scoringTender(m, tenderId);
      const lot = await this.lot(tenderId, lotNo, m);
      const sheet = await m.findOne(ScoreSheet, { where: { panelMemberId: memberId, lotId: lot.id }, ...forUpdate(m) });
      const notSubmitted = '该评分表未提交 / that sheet is not submitted';
      if (!sheet) throw new ConflictException(notSubmitted);
      assertCan(SHEET, sheet.status, 'return', notSubmitted);
      await this.transitions.move(m, SHEET, ScoreSheet, {
        id: sheet.id,
        from: sheet.status,
        event: 'return',
        actor: user,
        action: 'sheet.return',
        set: { submittedAt: null },
        after: { reason, lot: lot.no, by: leader.code },
      });
      return { status: 'draft' as const };
    });
  }

  /**
   * The panel's majority decision on a score flagged 畸高畸低 that its expert kept, recorded by the
   * leader once every sheet of the lot is in and only on a flagged score; it resolves that flag.
   */
  async recordOutlierDecision(user: AuthUser, tenderId: number, lotNo: string, dto: OutlierDecisionBody) {
    await this.leaderOf(user, tenderId, '由评审组长记录表决结论 / the panel leader records the decision');
    return this.dataSource.transaction(async (m) => {
      const tender = await this.scoringTender(m, tenderId);
      const lot = await this.lot(tenderId, lotNo, m);
      const state = await this.lotState(m, tender, lot);
      if (state.readiness.missing.length > 0) throw conflict('outliersPending');
      const flag = state.readiness.flagged.find(
        (f) => f.member === dto.panelMemberId && f.bidId === dto.bidId && f.criterionNo === dto.criterionNo,
      );
      if (!flag) throw conflict('notAnOutlier');
      const decision = await m.save(
        m.create(OutlierDecision, {
          tenderId,
          lotId: lot.id,
          panelMemberId: flag.member,
          bidId: flag.bidId,
          criterionNo: flag.criterionNo,
          value: flag.value,
          decision: dto.decision,
          decidedBy: user.username,
          decidedAt: new Date(),
        }),
      );
      const score = await m.findOneByOrFail(Score, { panelMemberId: flag.member, bidId: flag.bidId, criterionNo: flag.criterionNo });
      await this.audit.record(
        user,
        {
          action: 'score.outlier-decision',
          entityType: 'score',
          entityId: score.id,
          after: { lot: lot.no, decisionId: decision.id, value: flag.value, othersMean: flag.othersMean, decision: dto.decision },
        },
        m,
      );
      return { recorded: true as const };
    });
  }

  /**
   * The lot's outlier scores with their decisions, once every sheet is in: for procurement and the
   * panel (an expert only after declaring no conflict); before that, whose sheets are missing.
   */
  async outliers(user: AuthUser, tenderId: number, lotNo: string) {
    const tender = await this.tender(tenderId);
    if (user.role === 'expert') assertDeclared((await this.memberOf(user, tenderId)).declaration);
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    const lot = await this.lot(tenderId, lotNo);
    const state = await this.lotState(this.dataSource.manager, tender, lot);
    const member = new Map(state.members.map((p) => [p.id, p]));
    const bid = new Map(state.bids.map((b) => [b.id, b]));
    const criterion = new Map(state.criteria.map((c) => [c.no, c]));
    return {
      lot: lot.no,
      complete: state.readiness.missing.length === 0 && state.members.length > 0,
      missing: state.readiness.missing.map((id) => member.get(id)!.code),
      outliers: state.readiness.flagged.map((f) => {
        const decision = state.decisions.find((d) => resolvedBy(f, [decisionScore(d)]));
        return {
          panelMemberId: f.member,
          member: member.get(f.member)!.code,
          memberName: member.get(f.member)!.name,
          bidId: f.bidId,
          bidder: bid.get(f.bidId)!.bidderCode,
          bidderName: bid.get(f.bidId)!.bidderName,
          criterionNo: f.criterionNo,
          criterionName: criterion.get(f.criterionNo)!.name,
          max: String(criterion.get(f.criterionNo)!.max),
          value: f.value,
          othersMean: f.othersMean,
          decision: decision
            ? { decision: decision.decision, decidedBy: decision.decidedBy, decidedAt: decision.decidedAt.toISOString() }
            : null,
        };
      }),
    };
  }

  /**
   * What the award waits for (DOMAIN.md §4, issue 13): on every opened lot with bids to score, every
   * sheet of the members still on the panel submitted and every outlier flag resolved. Read in the
   * confirming transaction, after its lock on the tender.
   */
  async readiness(m: EntityManager, tenderId: number, dossier?: Dossier): Promise<PanelReadiness[]> {
    const tender = await m.findOneByOrFail(Tender, { id: tenderId });
    const lots = await m.find(Lot, { where: { tenderId }, order: { evaluationOrder: 'ASC' } });
    const reading = await this.tenderReading(m, tenderId, dossier);
    const found: PanelReadiness[] = [];
    for (const lot of lots.filter((l) => can(LOT, l.status, 'see-bids'))) {
      const state = await this.lotState(m, tender, lot, reading);
      if (state.bids.length === 0) continue;
      const codes = new Map(state.members.map((p) => [p.id, p.code]));
      found.push({
        lot: lot.no,
        panel: state.members.length,
        missing: state.readiness.missing.map((id) => codes.get(id)!),
        unresolved: state.readiness.unresolved.length,
      });
    }
    return found;
  }

  /** True when every member still on the panel has submitted the lot's sheet. */
  async allSheetsIn(tenderId: number, lotId: number): Promise<boolean> {
    const members = (await this.dataSource.getRepository(PanelMember).findBy({ tenderId })).filter((p) => p.declaration !== 'conflict');
    const sheets = await this.dataSource.getRepository(ScoreSheet).findBy({ lotId, status: 'submitted' });
    return members.length > 0 && members.every((p) => sheets.some((s) => s.panelMemberId === p.id));
  }

  // ---- helpers ----

  /**
   * What the state of each of a tender's lots is made from, read once for all of them: the review of
   * every bid (from the dossier, the one given or loaded) and every score of the tender, as plain rows —
   * a large tender has 100,000s, and readiness asks for each lot in turn.
   */
  private async tenderReading(m: EntityManager, tenderId: number, dossier?: Dossier): Promise<TenderReading> {
    const reviews = reviewDossier(dossier ?? (await this.dossiers.load(m, tenderId)));
    const scores = await selectRows(m, Score, ['panelMemberId', 'bidId', 'criterionNo', 'value'], { tenderId });
    return { reviews, scores };
  }

  /**
   * A lot as the panel sees it: the members still on it, their sheets and subjective scores of the
   * valid bids, the decisions on outliers, and lotReadiness over them.
   */
  private async lotState(m: EntityManager, tender: Tender, lot: Lot, reading?: TenderReading) {
    const { reviews, scores } = reading ?? (await this.tenderReading(m, tender.id));
    const criteria = await this.criteria(tender.id, lot.schemeCode, m);
    const bids = await this.scoredBids(tender.id, lot, m, reviews);
    const [members, sheets, decisions] = await Promise.all([
      m.find(PanelMember, { where: { tenderId: tender.id }, order: { id: 'ASC' } }),
      m.findBy(ScoreSheet, { lotId: lot.id }),
      m.findBy(OutlierDecision, { lotId: lot.id }),
    ]);
    const active = members.filter((p) => p.declaration !== 'conflict');
    const scored = new Set(bids.map((b) => b.id));
    const lotScores = scores
      .filter((s) => scored.has(s.bidId))
      .map((s) => ({ member: s.panelMemberId, bidId: s.bidId, criterionNo: s.criterionNo, value: s.value }));
    const readiness: LotReadiness = lotReadiness({
      members: active.map((p) => p.id),
      submitted: new Set(sheets.filter((s) => s.status === 'submitted').map((s) => s.panelMemberId)),
      scores: lotScores,
      decisions: decisions.map(decisionScore),
      maxes: new Map(criteria.filter((c) => c.kind === 'subjective').map((c) => [c.no, c.max])),
      ratio: tender.outlierRatio,
    });
    return { criteria, bids, members: active, sheets, scores: lotScores, decisions, readiness };
  }

  /**
   * The tender, locked for the transaction, while the panel may still work on it: a confirmed award
   * locks sheets, scores and decisions (409 awardConfirmed) until a re-evaluation reopens a lot. The
   * lock makes a change to a sheet and the confirmation take turns.
   */
  private async scoringTender(m: EntityManager, tenderId: number): Promise<Tender> {
    const tender = await tenderForUpdate(m, tenderId);
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    if (!can(TENDER, tender.status, 'score')) throw conflict('awardConfirmed');
    return tender;
  }

  /** The panel leader, having declared no conflict (a member who declares one stops being leader). */
  private async leaderOf(user: AuthUser, tenderId: number, message: string): Promise<PanelMember> {
    const member = await this.memberOf(user, tenderId);
    assertDeclared(member.declaration);
    if (!member.isLeader) throw new ForbiddenException(message);
    return member;
  }

  private memberView(p: PanelMember) {
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      userId: p.userId,
      isLeader: p.isLeader,
      declaration: p.declaration,
      declaredAt: p.declaredAt?.toISOString() ?? null,
    };
  }

  private async tender(tenderId: number, m: EntityManager = this.dataSource.manager) {
    const tender = await m.findOneBy(Tender, { id: tenderId });
    if (!tender) throw new NotFoundException('招标项目不存在 / tender not found');
    return tender;
  }

  private async lot(tenderId: number, lotNo: string, m: EntityManager = this.dataSource.manager) {
    const lot = await m.findOneBy(Lot, { tenderId, no: lotNo });
    if (!lot) throw new NotFoundException('标包不存在 / lot not found');
    return lot;
  }

  /** An expert reaches a tender only through its own panel seat; others get 404 (no hint that it exists). */
  private async memberOf(user: AuthUser, tenderId: number, m: EntityManager = this.dataSource.manager) {
    const member = await m.findOneBy(PanelMember, { tenderId, userId: user.id });
    if (!member) throw new NotFoundException('招标项目不存在 / tender not found');
    return member;
  }

  /** Bids are shown to an expert only after opening and after a no-conflict declaration. */
  private async sheetAccess(user: AuthUser, tenderId: number, lotNo: string) {
    const tender = await this.tender(tenderId);
    const member = await this.memberOf(user, tenderId);
    assertCan(TENDER, tender.status, 'see-bids', '尚未开标 / bids are sealed until opening');
    assertDeclared(member.declaration);
    return { tender, member, lot: await this.lot(tenderId, lotNo) };
  }

  private async criteria(tenderId: number, schemeCode: string, m: EntityManager = this.dataSource.manager): Promise<Criterion[]> {
    const scheme = await m.findOneByOrFail(ScoringScheme, { tenderId, code: schemeCode });
    return scheme.criteria;
  }

  /** The bids the panel scores on a lot: those still valid after review. */
  private async scoredBids(tenderId: number, lot: Lot, m: EntityManager = this.dataSource.manager, reviews?: BidReview[]) {
    const valid = new Set(
      (reviews ?? reviewDossier(await this.dossiers.load(m, tenderId))).filter((r) => r.lot === lot.no && r.valid).map((r) => r.bidder),
    );
    const bids = await m.find(Bid, { where: { tenderId, lotId: lot.id }, relations: { bidder: true } });
    return bids
      .filter((b) => valid.has(b.bidder!.code))
      .map((b) => ({ id: b.id, bidderCode: b.bidder!.code, bidderName: b.bidder!.name, facts: b.facts }))
      .sort((a, b) => a.bidderCode.localeCompare(b.bidderCode));
  }

  /**
   * An expert's sheet of a lot is made on first use, in a transaction of its own: made inside the
   * writing transaction, two first uses at once would collide on the unique index (or, on MariaDB,
   * deadlock on the gap lock of the missing row). Every later save finds it and writes nothing here.
   */
  private async ensureSheet(tenderId: number, member: PanelMember, lot: Lot) {
    const sheet = { panelMemberId: member.id, lotId: lot.id };
    if (await this.dataSource.getRepository(ScoreSheet).existsBy(sheet)) return;
    await this.dataSource.transaction((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(ScoreSheet)
        .values({ tenderId, ...sheet, status: 'draft', submittedAt: null })
        .orIgnore()
        .execute(),
    );
  }

  /** The sheet, locked until the transaction ends: a submit and a save (or two submits) take turns. */
  private sheetForUpdate(m: EntityManager, panelMemberId: number, lot: Lot) {
    return m.findOneOrFail(ScoreSheet, { where: { panelMemberId, lotId: lot.id }, ...forUpdate(m) });
  }
}

/** A lot with bids to score, as the award waits for it: members on the panel, whose sheets are missing, unresolved flags. */
export interface PanelReadiness {
  lot: string;
  panel: number;
  missing: string[];
  unresolved: number;
}

const decisionScore = (d: OutlierDecision) => ({ member: d.panelMemberId, bidId: d.bidId, criterionNo: d.criterionNo, value: d.value });

/** Next panel code: E1, E2, … */
function nextCode(codes: string[]): string {
  const used = new Set(codes);
  let n = codes.length + 1;
  while (used.has(`E${n}`)) n++;
  return `E${n}`;
}

/** See PanelService.tenderReading. */
interface TenderReading {
  reviews: BidReview[];
  scores: Pick<Score, 'panelMemberId' | 'bidId' | 'criterionNo' | 'value'>[];
}
