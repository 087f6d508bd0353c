import { ConflictException } from '@nestjs/common';
import { loadExampleDossier } from '../../test/example-dossier';
import { awardConfirmedAgo } from '../../test/award-age';
import { startApp, TestApp } from '../../test/harness';
import { as, openForReview, schedule, setUpTender } from '../../test/tenders-fixture';
import { TENDER } from '../domain/lifecycles';
import { Award } from '../evaluation/award.entity';
import { Tender } from '../tenders/tender.entity';
import { Lot } from '../tenders/lot.entity';
import { PanelMember } from '../panel/panel-member.entity';
import { ScoreSheet } from '../panel/score-sheet.entity';
import { AuditEntry } from './audit-entry.entity';
import { Transitions } from './transitions';

// Tenders are set up through the API, request by request, on a machine shared with other suites.
jest.setTimeout(60_000);

/** Status changes through the lifecycle tables: a wrong move and a lost race are 409s that change nothing. */
describe('transitions', () => {
  let t: TestApp;
  let clerk: string;
  let bureau: string;
  const tender = (id: number) => t.dataSource.getRepository(Tender).findOneByOrFail({ id });
  const audits = (action: string, id: number) => t.dataSource.getRepository(AuditEntry).findBy({ action, entityId: String(id) });
  const confirm = (id: number) => t.http().post(`/api/tenders/${id}/evaluation/confirm`).set(as(clerk)).send({});
  const importExample = async (code: string) => {
    const dossier = loadExampleDossier();
    dossier.tender.code = code;
    return (await t.http().post('/api/dossiers').set(as(clerk)).send(dossier).expect(201)).body.tenderId as number;
  };

  beforeAll(async () => {
    t = await startApp();
    [clerk, bureau] = await Promise.all([t.login('clerk'), t.login('bureau')]);
  });
  afterAll(() => t.close());

  it('confirms the award only once the review is finished: an opened tender answers 409 naming its state and the move', async () => {
    const when = schedule(2101);
    const bids: [string, string][] = [
      ['A', '1'],
      ['B', '1'],
      ['C', '1'],
    ];
    const id = await setUpTender(t, clerk, 'TR-1', when, { bids });
    await openForReview(t, when);
    expect((await tender(id)).status).toBe('opened');

    const refused = await confirm(id).expect(409);
    expect(refused.body).toMatchObject({
      code: 'lifecycle.not-allowed',
      params: { lifecycle: 'tender', state: 'opened', event: 'confirm' },
      message: expect.stringContaining('opened'),
    });
    expect((await tender(id)).status).toBe('opened');
    expect(await t.dataSource.getRepository(Award).existsBy({ tenderId: id })).toBe(false);
    expect(await audits('evaluation.confirm', id)).toEqual([]);

    const step = () => t.http().post(`/api/tenders/${id}/advance-to-review`).set(as(clerk)).send({});
    await step().expect(200);
    await step().expect(200);
    // The award waits for a panel that has submitted its sheets (issue 13): none yet.
    expect((await confirm(id).expect(409)).body).toMatchObject({ code: 'panelEmpty', params: { lot: '1' } });
    const lot = await t.dataSource.getRepository(Lot).findOneByOrFail({ tenderId: id, no: '1' });
    const member = await t.dataSource
      .getRepository(PanelMember)
      .save({ tenderId: id, code: 'E1', name: '专家', declaration: 'no-conflict' });
    await t.dataSource.getRepository(ScoreSheet).save({ tenderId: id, panelMemberId: member.id, lotId: lot.id, status: 'submitted' });
    const confirmed = (await confirm(id).expect(200)).body;
    expect((await tender(id)).status).toBe(confirmed.status);
    expect(await audits('evaluation.confirm', id)).toEqual([
      expect.objectContaining({
        actorName: 'clerk',
        before: { status: 'evaluation' },
        after: { status: confirmed.status, winners: expect.any(Object) },
      }),
    ]);

    const finished = await step().expect(409);
    expect(finished.body).toMatchObject({ code: 'lifecycle.not-allowed', params: { lifecycle: 'tender', state: confirmed.status } });
  });

  it('refuses a contract move the table does not have (409), and keeps the contract as it was', async () => {
    const id = await importExample('TR-2');
    await confirm(id).expect(200);
    await awardConfirmedAgo(t, id);
    const patch = (contractId: number, body: object) => t.http().patch(`/api/contracts/${contractId}`).set(as(bureau)).send(body);
    const draft = (
      await t
        .http()
        .post(`/api/tenders/${id}/lots/1/contracts`)
        .set(as(bureau))
        .send({ year: 2023, scheduleTemplate: 'ningbo' })
        .expect(201)
    ).body;
    const terminated = (await patch(draft.id, { version: draft.version, status: 'terminated' }).expect(200)).body;

    const resign = await patch(draft.id, { version: terminated.version, status: 'signed' }).expect(409);
    expect(resign.body).toMatchObject({
      code: 'lifecycle.not-allowed',
      params: { lifecycle: 'contract', state: 'terminated', event: 'sign' },
    });
    // No event leads back to a draft: that is a bad request, whatever the state.
    const redraft = await patch(draft.id, { version: terminated.version, status: 'draft' }).expect(400);
    expect(redraft.body.errors).toEqual([expect.objectContaining({ path: 'status' })]);
    const now = (await t.http().get(`/api/contracts/${draft.id}`).set(as(bureau)).expect(200)).body;
    expect(now).toMatchObject({ status: 'terminated', version: terminated.version });
  });

  it('loses a race without a trace: a move from a status read before someone else moved the row is a 409, or false for a job', async () => {
    const id = await setUpTender(t, clerk, 'TR-3', schedule(2102), { publish: false });
    const read = await tender(id);
    await t.http().post(`/api/tenders/${id}/publish`).set(as(clerk)).send({}).expect(200);
    const after = await tender(id);
    const entries = await t.dataSource.getRepository(AuditEntry).count();
    const transitions = t.app.get(Transitions);
    const publishAgain = (lost: 'conflict' | 'ignore') =>
      t.dataSource.transaction((m) =>
        transitions.move(m, TENDER, Tender, { id, from: read.status, event: 'publish', actor: { id: null, username: 'clerk' }, lost }),
      );

    const error = await publishAgain('conflict').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictException);
    expect((error as ConflictException).getResponse()).toMatchObject({
      statusCode: 409,
      code: 'lifecycle.changed',
      params: { lifecycle: 'tender', state: 'draft' },
    });
    expect(await publishAgain('ignore')).toBe(false);
    expect(await tender(id)).toMatchObject({ status: 'published', version: after.version });
    expect(await t.dataSource.getRepository(AuditEntry).count()).toBe(entries);
  });

  it('lets exactly one of several confirmations at once through', async () => {
    const id = await importExample('TR-4');
    const answers = await Promise.all([confirm(id), confirm(id), confirm(id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await t.dataSource.getRepository(Award).countBy({ tenderId: id })).toBe(1);
    expect(await audits('evaluation.confirm', id)).toHaveLength(1);
    expect(['awarded', 'failed']).toContain((await tender(id)).status);
  });
});
