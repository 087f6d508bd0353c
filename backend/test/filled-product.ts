import { awardConfirmedAgo } from './award-age';
import type { TestApp } from './harness';

export const DEMO_TENDER = 'NBZFCG2022B031G';

/** A small PDF as an insurer's report or the bureau's evidence (files are checked by content). */
export const pdfFile = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);

export interface Filled {
  tenderId: number;
  contractId: number;
  assessmentId: number;
}

/**
 * The demo tender carried through its life as users would: the award confirmed (two months ago, so that
 * its challenge period has run out unchallenged), lot 1's contract
 * drawn up, signed and printed, the award notice printed, the annual assessment opened with the
 * insurer's report and the bureau's evidence. Every record kind that holds bytes has rows.
 */
export async function fillProduct(t: TestApp): Promise<Filled> {
  const token: Record<string, string> = {};
  for (const u of ['clerk', 'bureau', 'insurer-e']) token[u] = await t.login(u);
  const as = (u: string) => ({ Authorization: `Bearer ${token[u]}` });
  const http = t.http;
  const tenders = (await http().get('/api/tenders').set(as('clerk')).expect(200)).body as { id: number; code: string }[];
  const tenderId = tenders.find((x) => x.code === DEMO_TENDER)!.id;
  await http().post(`/api/tenders/${tenderId}/evaluation/confirm`).set(as('clerk')).expect(200);
  await awardConfirmedAgo(t, tenderId);
  const draft = (
    await http()
      .post(`/api/tenders/${tenderId}/lots/1/contracts`)
      .set(as('bureau'))
      .send({ year: 2024, scheduleTemplate: 'ningbo' })
      .expect(201)
  ).body;
  await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 1, population: 4_012_345 }).expect(200);
  await http().patch(`/api/contracts/${draft.id}`).set(as('bureau')).send({ version: 2, status: 'signed' }).expect(200);
  await http().post(`/api/contracts/${draft.id}/pdf`).set(as('bureau')).expect(201);
  await http().post(`/api/tenders/${tenderId}/lots/1/award-notice/pdf`).set(as('bureau')).expect(201);
  const assessment = (
    await http().post(`/api/contracts/${draft.id}/assessments`).set(as('bureau')).send({ schemeCode: 'NB-PERF' }).expect(201)
  ).body;
  await http()
    .post(`/api/assessments/${assessment.id}/self-assessment`)
    .set(as('insurer-e'))
    .field('items', JSON.stringify([{ no: '3', deduction: '1', note: '人员到岗略迟' }]))
    .field('summary', '全年运行平稳')
    .attach('file', pdfFile('2024年度运行情况报告'), '2024年度运行情况报告.pdf')
    .expect(201);
  await http()
    .post(`/api/assessments/${assessment.id}/items/9/evidence`)
    .set(as('bureau'))
    .field('description', '巡查记录')
    .attach('file', pdfFile('巡查记录'), '巡查记录.pdf')
    .expect(201);
  return { tenderId, contractId: draft.id, assessmentId: assessment.id };
}
