import type { TenderStatus } from '@domain/lifecycles';
import { lotView, tenderDetail } from '../testing/tenders';
import { PROCEDURE_STEPS, procedureState } from './procedure';

describe('procedureState', () => {
  const before = new Date('2022-09-01T00:00:00+08:00');
  const stepOf = (status: TenderStatus) => PROCEDURE_STEPS[procedureState(tenderDetail({ status }), before).current].title;

  it('puts each status at its step of 起草→发布→截止→开标→资格审查→评标→定标', () => {
    expect(PROCEDURE_STEPS.map((s) => s.title)).toEqual(['起草', '发布', '截止', '开标', '资格审查', '评标', '定标']);
    expect(PROCEDURE_STEPS.map((s) => stepOf(s.status))).toEqual(PROCEDURE_STEPS.map((s) => s.title));
    expect(procedureState(tenderDetail({ status: 'failed' }), before)).toEqual(expect.objectContaining({ current: 6, status: 'error' }));
  });

  it('names what a draft lacks before it is published, and who publishes it', () => {
    const state = procedureState(tenderDetail({ status: 'draft' }), new Date('2030-01-01T00:00:00Z'));
    expect(state.missing).toEqual(['尚无标包', '尚无评分表', '投标截止时间已过，须改为将来的时间']);
    expect(state.next).toContain('采购中心');
  });

  it('counts the bids a published lot still needs, and leaves the next step to the insurers and the clock', () => {
    const t = tenderDetail({ status: 'published', minQualifiedBidders: 3, lots: [lotView('1', { name: '中心片区', bidCount: 2 })] });
    const state = procedureState(t, before);
    expect(state.missing).toContain('投标不足3家：第1包中心片区');
    expect(state.missing[0]).toMatch(/^投标截止时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 未到$/);
    expect(state.next).toContain('保险公司');
  });

  it('has nothing missing once the opening time of a closed tender has come: procurement opens', () => {
    const state = procedureState(tenderDetail({ status: 'closed' }), new Date('2030-01-01T00:00:00Z'));
    expect(state.missing).toEqual([]);
    expect(state.next).toContain('开标');
  });
});
