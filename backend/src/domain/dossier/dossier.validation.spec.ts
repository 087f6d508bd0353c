import { loadExampleDossier, shippedAssessmentScheme } from '../../../test/example-dossier';
import { validateDossier, ValidationError } from './dossier.validation';

/* The variants are deliberately malformed JSON, hence `any`. */

/** Validate the example dossier after `change`; answers the reported errors (none when valid). */
function errorsAfter(change: (dossier: any) => void): ValidationError[] {
  const dossier: any = loadExampleDossier();
  change(dossier);
  const result = validateDossier(dossier);
  return result.ok ? [] : result.errors;
}

/** A sum rule nested `depth` levels. */
const deep = (depth: number): object => (depth === 0 ? { type: 'const', points: 1 } : { type: 'sum', parts: [deep(depth - 1)] });

const pathsAfter = (change: (dossier: any) => void): string[] => errorsAfter(change).map((e) => e.path);

describe('validateDossier', () => {
  it('accepts the example dossier and hands it back typed', () => {
    const dossier = loadExampleDossier();
    expect(validateDossier(dossier)).toEqual({ ok: true, dossier });
  });

  it('rejects what is not an object', () => {
    expect(validateDossier([])).toEqual({
      ok: false,
      errors: [{ path: '$', code: 'object', params: {}, message: 'must be an object / 必须是对象' }],
    });
  });

  it('reports every missing section at once', () => {
    expect(validateDossier({})).toEqual({
      ok: false,
      errors: ['formatVersion', 'tender', 'schemes', 'lots', 'bidders', 'bids'].map((path) => ({
        path,
        code: 'required',
        params: {},
        message: 'is required / 必填',
      })),
    });
  });

  it('reports every offending path of several mistakes, not just the first', () => {
    expect(
      pathsAfter((d) => {
        d.formatVersion = 3;
        d.lots[1].maxUnitPrice = '0';
        d.bids[3].unitPrice = 'abc';
        d.scores[12].value = '4.5';
      }),
    ).toEqual(['formatVersion', 'lots[1].maxUnitPrice', 'bids[3].unitPrice', 'scores[12].value']);
  });

  it('names the rule broken, in English and Chinese', () => {
    expect(errorsAfter((d) => (d.lots[1].maxUnitPrice = '0'))).toEqual([
      { path: 'lots[1].maxUnitPrice', code: 'positive', params: {}, message: 'must be > 0 / 必须大于0' },
    ]);
  });

  describe('malformed variants', () => {
    it.each<[string, (d: any) => void, string[]]>([
      // Missing fields and wrong types
      ['missing tender code', (d) => delete d.tender.code, ['tender.code']],
      ['blank lot name', (d) => (d.lots[0].name = ' '), ['lots[0].name']],
      ['null required field', (d) => (d.bids[2].total = null), ['bids[2].total']],
      ['sme as a string', (d) => (d.bidders[0].sme = 'no'), ['bidders[0].sme']],
      ['a check that is not an object', (d) => (d.bids[2].qualification[0] = 'pass'), ['bids[2].qualification[0]']],
      [
        'no schemes at all, and so nothing they define',
        (d) => (d.schemes = []),
        ['schemes', 'tender.tieBreakers[1].category', 'lots[0].scheme', 'lots[1].scheme', 'lots[2].scheme'],
      ],
      ['regions not an array', (d) => (d.lots[2].regions = '奉化区'), ['lots[2].regions']],
      ['a blank region', (d) => (d.lots[0].regions[3] = ''), ['lots[0].regions[3]']],
      ['fixed components not an array', (d) => (d.lots[0].fixedComponents = {}), ['lots[0].fixedComponents']],
      ['fractional population', (d) => (d.lots[0].basePopulation = 3994965.5), ['lots[0].basePopulation']],
      ['population as a string', (d) => (d.lots[0].basePopulation = '3994965'), ['lots[0].basePopulation']],
      // Enums and dates
      ['unknown award rule', (d) => (d.tender.awardRule = 'lowest-price'), ['tender.awardRule']],
      ['unknown price basis', (d) => (d.tender.priceBasis = 'unit'), ['tender.priceBasis']],
      ['unknown criterion kind', (d) => (d.schemes[0].criteria[12].kind = 'expert'), ['schemes[0].criteria[12].kind']],
      ['unknown rule type', (d) => (d.schemes[1].criteria[1].rule.type = 'perItem'), ['schemes[1].criteria[1].rule.type']],
      ['unknown tie-breaker', (d) => (d.tender.tieBreakers[0] = 'lowest'), ['tender.tieBreakers[0]']],
      ['tie-breaker on an unknown category', (d) => (d.tender.tieBreakers[1].category = '服务'), ['tender.tieBreakers[1].category']],
      ['deadline without offset', (d) => (d.tender.bidDeadline = '2022-09-28T09:30:00'), ['tender.bidDeadline']],
      ['deadline on 30 February', (d) => (d.tender.bidDeadline = '2022-02-30T09:30:00+08:00'), ['tender.bidDeadline']],
      ['opening before the deadline', (d) => (d.tender.openingTime = '2022-09-28T01:29:59Z'), ['tender.openingTime']],
      // Amounts
      ['over-large SME deduction', (d) => (d.tender.smeDeduction = '1'), ['tender.smeDeduction']],
      ['zero unit cap', (d) => (d.lots[1].maxUnitPrice = '0.00'), ['lots[1].maxUnitPrice']],
      ['budget as a float', (d) => (d.lots[0].maxBudget = 4870000), ['lots[0].maxBudget']],
      ['budget with an exponent', (d) => (d.lots[0].maxBudget = '4.87e6'), ['lots[0].maxBudget']],
      ['budget below the 分', (d) => (d.lots[0].maxBudget = '4870000.001'), ['lots[0].maxBudget']],
      ['negative fixed component', (d) => (d.lots[2].fixedComponents[0].amount = '-210000.00'), ['lots[2].fixedComponents[0].amount']],
      ['negative unit price', (d) => (d.bids[3].unitPrice = '-1.16'), ['bids[3].unitPrice']],
      ['zero unit price', (d) => (d.bids[3].unitPrice = '0'), ['bids[3].unitPrice']],
      ['non-numeric unit price', (d) => (d.bids[3].unitPrice = '一块一毛六'), ['bids[3].unitPrice']],
      ['unit price as a float', (d) => (d.bids[3].unitPrice = 1.16), ['bids[3].unitPrice']],
      ['negative service total', (d) => (d.bids[4].serviceTotal = '-2716073.69'), ['bids[4].serviceTotal']],
      ['total below the 分', (d) => (d.bids[4].total = '3006073.695'), ['bids[4].total']],
      ['unreadable capitals', (d) => (d.bids[0].totalCapitals = '伍佰万元'), ['bids[0].totalCapitals']],
      ['negative itemised figure', (d) => (d.bids[0].itemised = { serviceTotal: '-1.00' }), ['bids[0].itemised.serviceTotal']],
      // References
      ['unknown scheme', (d) => (d.lots[2].scheme = 'NB-LOT9'), ['lots[2].scheme']],
      ['unknown bidder on a bid', (d) => d.bids.push({ ...d.bids[0], bidder: 'Z' }), ['bids[15].bidder']],
      ['unknown lot on a bid', (d) => d.bids.push({ ...d.bids[0], lot: '9' }), ['bids[15].lot']],
      ['unknown parent', (d) => (d.bidders[1].parentCode = 'X'), ['bidders[1].parentCode']],
      ['own parent', (d) => (d.bidders[1].parentCode = 'B'), ['bidders[1].parentCode']],
      ['unknown expert', (d) => (d.scores[12].expert = 'E9'), ['scores[12].expert']],
      ['unknown criterion', (d) => (d.scores[12].criterion = '21'), ['scores[12].criterion']],
      [
        'score of a bid that does not exist',
        (d) => {
          d.bidders.push({ code: 'F', name: '己', sme: false });
          d.scores.push({ ...d.scores[0], bidder: 'F' });
        },
        ['scores[450]'],
      ],
      ['draw for an unknown lot', (d) => (d.draws = [{ lot: '4', seed: 7 }]), ['draws[0].lot']],
      ['assessment of an unknown scheme', (d) => (d.assessments[0].scheme = 'NB'), ['assessments[0].scheme']],
      ['assessment of an unknown item', (d) => (d.assessments[0].items[1].no = '15'), ['assessments[0].items[1].no']],
      ['assessment outside the contract years', (d) => (d.assessments[0].year = 2026), ['assessments[0].year']],
      // Duplicates
      ['duplicate bid', (d) => d.bids.push({ ...d.bids[7], unitPrice: '1.10' }), ['bids[15]']],
      ['duplicate bidder', (d) => d.bidders.push({ ...d.bidders[4] }), ['bidders[5].code']],
      ['duplicate scheme', (d) => d.schemes.push({ ...d.schemes[0] }), ['schemes[2].code']],
      ['duplicate criterion no', (d) => (d.schemes[0].criteria[3].no = '3'), ['schemes[0].criteria[3].no']],
      ['duplicate lot no', (d) => d.lots.push({ ...d.lots[1], evaluationOrder: 4 }), ['lots[3].no']],
      ['shared evaluation order', (d) => (d.lots[2].evaluationOrder = 1), ['lots[2].evaluationOrder']],
      [
        'duplicate fixed component',
        (d) => d.lots[1].fixedComponents.push({ name: '绩效考核', amount: '0.00' }),
        ['lots[1].fixedComponents[1].name'],
      ],
      ['duplicate expert', (d) => d.panel.push({ ...d.panel[0] }), ['panel[5].code']],
      ['duplicate score', (d) => d.scores.push({ ...d.scores[5], value: 1 }), ['scores[450]']],
      ['duplicate assessment item', (d) => (d.assessments[0].items[2].no = '3'), ['assessments[0].items[2].no']],
      // Scores
      ['score above the criterion max', (d) => (d.scores[12].value = '4.1'), ['scores[12].value']],
      ['negative score', (d) => (d.scores[12].value = -0.5), ['scores[12].value']],
      ['score not in 0.1 steps', (d) => (d.scores[12].value = '2.25'), ['scores[12].value']],
      ['score as a float not in 0.1 steps', (d) => (d.scores[12].value = 2.05), ['scores[12].value']],
      ['score of the price criterion', (d) => (d.scores[12].criterion = '1'), ['scores[12].criterion']],
      ['score as text', (d) => (d.scores[12].value = '满分'), ['scores[12].value']],
      // Scoring rules
      ['rule max above criterion max', (d) => (d.schemes[0].criteria[1].rule.cap = '5'), ['schemes[0].criteria[1].rule']],
      [
        'nested sum above criterion max',
        (d) => (d.schemes[1].criteria[21].rule.then.parts[0].points = '5'),
        ['schemes[1].criteria[21].rule'],
      ],
      ['bands above criterion max', (d) => (d.schemes[0].criteria[2].rule.else = '3'), ['schemes[0].criteria[2].rule']],
      ['per-unit rule without a cap', (d) => delete d.schemes[0].criteria[7].rule.cap, ['schemes[0].criteria[7].rule.cap']],
      ['band with two conditions', (d) => (d.schemes[0].criteria[2].rule.bands[0].max = '300'), ['schemes[0].criteria[2].rule.bands[0]']],
      ['band without points', (d) => delete d.schemes[0].criteria[4].rule.bands[1].points, ['schemes[0].criteria[4].rule.bands[1].points']],
      ['zero deduction step', (d) => (d.schemes[0].criteria[3].rule.per = '0'), ['schemes[0].criteria[3].rule.per']],
      ['objective criterion without a rule', (d) => delete d.schemes[0].criteria[6].rule, ['schemes[0].criteria[6].rule']],
      [
        'subjective criterion with a rule',
        (d) => (d.schemes[0].criteria[12].rule = { type: 'const', points: '1' }),
        ['schemes[0].criteria[12].rule'],
      ],
      ['empty sum', (d) => (d.schemes[0].criteria[8].rule.parts = []), ['schemes[0].criteria[8].rule.parts']],
      [
        'a fact used as number and yes/no',
        (d) => (d.schemes[0].criteria[17].rule.fact = 'aRatings'),
        ['schemes[0].criteria[17].rule.fact'],
      ],
      [
        'two price criteria',
        (d) => {
          d.schemes[1].criteria[1].kind = 'price';
          delete d.schemes[1].criteria[1].rule;
        },
        ['schemes[1].criteria'],
      ],
      ['no price criterion', (d) => (d.schemes[1].criteria = d.schemes[1].criteria.slice(1)), ['schemes[1].criteria']],
      [
        'price criterion max ≠ price weight',
        (d) => (d.tender.priceWeight = 30),
        ['schemes[0].criteria[0].max', 'schemes[1].criteria[0].max'],
      ],
      // Facts
      ['count fact given as yes/no', (d) => (d.bids[0].facts.aRatings = true), ['bids[0].facts.aRatings']],
      ['yes/no fact given as a count', (d) => (d.bids[0].facts.ningboExperience = 1), ['bids[0].facts.ningboExperience']],
      ['fact given as text', (d) => (d.bids[0].facts.solvencyRatio = '205%'), ['bids[0].facts.solvencyRatio']],
      // Assessment schemes and assessments
      ['points on a deduction scheme', (d) => (d.assessments[0].items[0].points = 6), ['assessments[0].items[0].points']],
      ['negative deduction', (d) => (d.assessments[0].items[0].deduction = '-1'), ['assessments[0].items[0].deduction']],
      [
        'points above the item max',
        (d) => d.assessments.push({ lot: '2', year: 2023, scheme: 'SY-17', items: [{ no: '2', points: '4.5' }] }),
        ['assessments[1].items[0].points'],
      ],
      ['fail deduction rate above 1', (d) => (d.assessmentSchemes[1].failDeductionRate = '5'), ['assessmentSchemes[1].failDeductionRate']],
      ['points scheme without pass mark', (d) => delete d.assessmentSchemes[1].passMark, ['assessmentSchemes[1].passMark']],
      ['bands not descending', (d) => (d.assessmentSchemes[0].bands[2].min = '85'), ['assessmentSchemes[0].bands[2].min']],
      ['reward rate above 1', (d) => (d.assessmentSchemes[0].bands[0].rewardRate = '1.2'), ['assessmentSchemes[0].bands[0].rewardRate']],
      ['lowest band above 0', (d) => d.assessmentSchemes[0].bands.pop(), ['assessmentSchemes[0].bands[3].min']],
      ['duplicate assessment', (d) => d.assessments.push({ ...d.assessments[0] }), ['assessments[1]']],
      [
        'a repeated-failure decision without a proposed deduction or a reason',
        (d) => (d.bids[0].repeatedFailureDecision = 'applied'),
        ['bids[0].repeatedFailureDecision', 'bids[0].repeatedFailureNote'],
      ],
      [
        'a repeated-failure decision of another kind',
        (d) => (d.bids[0].repeatedFailureDecision = 'halved'),
        ['bids[0].repeatedFailureDecision'],
      ],
    ])('%s', (_name, change, paths) => {
      expect(pathsAfter(change)).toEqual(paths);
    });
  });

  describe('what is not a validation error', () => {
    it.each<[string, (d: any) => void]>([
      ['a unit price above the cap (review makes the bid invalid)', (d) => (d.bids[0].unitPrice = '9.99')],
      ['a unit price below the 分 (price correction judges it as written)', (d) => (d.bids[0].unitPrice = '1.161')],
      ['null for an optional field: nothing given', (d) => (d.lots[0].rewardBudget = d.tender.priceBasis = d.bids[0].facts = null)],
      ['a service total above the budget', (d) => (d.bids[0].serviceTotal = '9999999.99')],
      ['capitals that differ from the figures (price correction)', (d) => (d.bids[0].totalCapitals = '壹佰元整')],
      ['a wrong fixed component (review)', (d) => (d.bids[0].fixedComponents = [])],
      ['capitals in a tolerated spelling', (d) => (d.bids[0].totalCapitals = '人民币伍佰肆拾叁万肆仟壹佰伍拾玖圆肆角整')],
      ['scores as numbers', (d) => (d.scores[12].value = 2)],
      ['unknown extra fields', (d) => (d.tender.extension = { anything: true })],
      [
        'no scores, panel or assessments yet',
        (d) => {
          delete d.scores;
          delete d.panel;
          delete d.assessments;
          delete d.assessmentSchemes;
        },
      ],
      ['a UTC deadline', (d) => (d.tender.bidDeadline = d.tender.openingTime = '2022-09-28T01:30:00Z')],
      ['a recorded draw', (d) => (d.draws = [{ lot: '1', seed: 'a1b2' }])],
      ['a parent listed after its subsidiary', (d) => (d.bidders[0].parentCode = 'E')],
    ])('%s', (_name, change) => {
      expect(errorsAfter(change)).toEqual([]);
    });
  });

  describe('assessment item rules (format 2 ITEM_RULE)', () => {
    const shippedRules = new Map<string, unknown>(shippedAssessmentScheme('SY-17').items.map((i) => [i.no, i.rule]));
    /** The example as format 2, its SY-17 with the shipped rules and a complete lot 2 assessment of it (score 83). */
    const withRules = (change: (d: any) => void) => (d: any) => {
      d.formatVersion = 2;
      const sy = d.assessmentSchemes.find((s: any) => s.code === 'SY-17');
      for (const item of sy.items) item.rule = structuredClone(shippedRules.get(item.no));
      const input: Record<string, object> = { binary: { met: true }, 'k-of-n': { achieved: 1 }, 'per-case-deduction': { cases: 0 } };
      d.assessments.push({
        lot: '2',
        year: 2023,
        scheme: 'SY-17',
        operatingCost: '1000000.00',
        items: sy.items.map((i: any) => ({ no: i.no, ...(input[i.rule.kind] ?? { points: '7' }) })),
      });
      change(d);
    };

    it('accepts each item given its rule’s input', () => {
      expect(errorsAfter(withRules(() => undefined))).toEqual([]);
    });

    it.each<[string, (d: any) => void, string[]]>([
      [
        'points on a binary item',
        (d) => (d.assessments[1].items[1] = { no: '2', points: '4' }),
        ['assessments[1].items[1].met', 'assessments[1].items[1].points'],
      ],
      ['achieved > n', (d) => (d.assessments[1].items[2].achieved = 3), ['assessments[1].items[2].achieved']],
      ['a fraction of a case', (d) => (d.assessments[1].items[0].cases = 1.5), ['assessments[1].items[0].cases']],
      ['met on a judgement item', (d) => (d.assessments[1].items[16].met = true), ['assessments[1].items[16].met']],
      ['judgement points above the max', (d) => (d.assessments[1].items[16].points = '10.5'), ['assessments[1].items[16].points']],
      ['an item without input', (d) => d.assessments[1].items.splice(4, 1), ['assessments[1].items']],
      [
        'k-of-n whose n × pointsEach ≠ max',
        (d) => (d.assessmentSchemes[1].items[2].rule.pointsEach = '4'),
        ['assessmentSchemes[1].items[2].rule.pointsEach'],
      ],
      [
        'an unknown rule kind',
        (d) => (d.assessmentSchemes[1].items[1].rule.kind = 'all-or-nothing'),
        ['assessmentSchemes[1].items[1].rule.kind'],
      ],
      [
        'a rule on a deduction scheme',
        (d) => (d.assessmentSchemes[0].items[0].rule = { kind: 'binary' }),
        ['assessmentSchemes[0].items[0].rule'],
      ],
      ['met on a deduction scheme', (d) => (d.assessments[0].items[0].met = false), ['assessments[0].items[0].met']],
    ])('refuses %s, naming its path', (_name, change, paths) => {
      expect(pathsAfter(withRules(change))).toEqual(paths);
    });

    it('says what the rule takes, in English and Chinese', () => {
      const [, points] = errorsAfter(withRules((d) => (d.assessments[1].items[1] = { no: '2', points: '4' })));
      expect(points).toMatchObject({ code: 'ruleInput', params: { no: '2', rule: 'binary', field: 'points' } });
      expect(errorsAfter(withRules((d) => d.assessments[1].items.splice(4, 1)))[0].message).toBe(
        'item 5 has no input: a points scheme scores every item / 第5项未录入：得分制考核须逐项评分',
      );
    });
  });

  describe('codes: what the UI renders from', () => {
    it.each<[string, (d: any) => void, object]>([
      ['unknown reference', (d) => (d.lots[2].scheme = 'NB-LOT9'), { code: 'unknown', params: { what: 'scheme', code: 'NB-LOT9' } }],
      [
        'duplicate bid',
        (d) => d.bids.push({ ...d.bids[7] }),
        { code: 'duplicate', params: { what: 'bid', key: 'C, 2', first: 'bids[7]' } },
      ],
      ['score range', (d) => (d.scores[12].value = '4.1'), { code: 'atMost', params: { max: '4', of: 'criterionMax' } }],
      ['too long', (d) => (d.tender.code = 'C'.repeat(65)), { code: 'tooLong', params: { max: 64 } }],
      ['rule maximum', (d) => (d.schemes[0].criteria[1].rule.cap = '5'), { code: 'ruleMaximum', params: { ruleMax: '5', max: '4' } }],
      [
        'capitals',
        (d) => (d.bids[0].totalCapitals = '伍佰万元'),
        { code: 'capitals', params: expect.objectContaining({ text: '伍佰万元' }) },
      ],
      ['nested too deep', (d) => (d.schemes[0].criteria[1].rule = deep(40)), { code: 'tooDeep', params: { max: 32 } }],
    ])('%s', (_name, change, expected) => {
      expect(errorsAfter(change)[0]).toMatchObject(expected);
    });
  });

  describe('messages', () => {
    it.each<[string, (d: any) => void, string]>([
      ['float amount', (d) => (d.lots[0].maxBudget = 4870000), 'must be a decimal string such as "4870000.00", not a number'],
      ['unknown reference', (d) => (d.lots[2].scheme = 'NB-LOT9'), 'unknown scheme "NB-LOT9" / 未知的评分表“NB-LOT9”'],
      ['duplicate bid', (d) => d.bids.push({ ...d.bids[7] }), 'duplicate bid (bidder, lot) "C, 2" (first at bids[7])'],
      ['score range', (d) => (d.scores[12].value = '4.1'), 'must be at most 4 (the criterion maximum) / 不得超过4（该项满分）'],
      ['score steps', (d) => (d.scores[12].value = '2.25'), 'must be in steps of 0.1'],
      [
        'rule maximum',
        (d) => (d.schemes[0].criteria[1].rule.cap = '5'),
        'can award up to 5, above the criterion maximum 4 / 规则最高可得5分，超过该项满分4分',
      ],
      ['capitals', (d) => (d.bids[0].totalCapitals = '伍佰万元'), '大写金额无效'],
      ['price weight', (d) => (d.tender.priceWeight = 30), 'must equal tender.priceWeight (30) / 须等于价格权重30'],
      [
        'missing bid',
        (d) => {
          d.bidders.push({ code: 'F', name: '己', sme: false });
          d.scores.push({ ...d.scores[0], bidder: 'F' });
        },
        'bidder F has no bid on lot 1 / 投标人F未投标包1',
      ],
    ])('%s', (_name, change, message) => {
      expect(errorsAfter(change)[0].message).toContain(message);
    });
  });
});
