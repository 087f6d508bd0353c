import { ASSESSMENT_LIMITS, fileRefusal, objectionRefusal } from './limits';

describe('assessment limits', () => {
  const open = (itemNo: string | null) => ({ itemNo, open: true });
  const answered = (itemNo: string | null) => ({ itemNo, open: false });

  it('allows one open objection per item, and one on the result as a whole', () => {
    expect(objectionRefusal([], '3')).toBeNull();
    expect(objectionRefusal([open('3')], '3')).toEqual({ code: 'objectionOpen', params: { item: '3' } });
    expect(objectionRefusal([open('3')], '4')).toBeNull();
    expect(objectionRefusal([open('3')], null)).toBeNull();
    expect(objectionRefusal([open(null)], null)).toEqual({ code: 'objectionOpen', params: { item: '' } });
    expect(objectionRefusal([answered('3')], '3')).toBeNull();
  });

  it('allows 20 objections in all, answered ones included', () => {
    const twenty = Array.from({ length: ASSESSMENT_LIMITS.objections }, (_, i) => answered(String(i)));
    expect(objectionRefusal(twenty.slice(1), '1')).toBeNull();
    expect(objectionRefusal(twenty, '99')).toEqual({ code: 'objectionLimit', params: { max: 20 } });
  });

  it('refuses a file beyond its limit', () => {
    expect(fileRefusal(9, 10)).toBeNull();
    expect(fileRefusal(10, 10)).toEqual({ code: 'fileLimit', params: { max: 10 } });
  });
});
