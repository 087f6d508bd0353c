import { fieldError } from '../../domain/errors';
import { noteCode } from './1766000000000-AssessmentNoteCodes';

describe('migration AssessmentNoteCodes', () => {
  it('gives each English note the assessment rules wrote the code that now says it', () => {
    expect(
      [
        'item 99: not in scheme SY',
        'item 1: deduction is not a number',
        'item 3: recorded more than once',
        'item 1: points 12 outside 0..10',
        'item 2: deduction -1 is negative (counted as 0)',
        'assessment names scheme OTHER, evaluated with NB',
        'operatingCost is missing: the deduction cannot be computed',
        'score 50 is below every grade band',
        'no maximum reward (assessment.maxReward or the lot reward budget)',
        'something else',
      ].map(noteCode),
    ).toEqual([
      fieldError('items[99].no', 'noSuchItem', { no: '99' }),
      fieldError('items[1].deduction', 'number'),
      fieldError('items[3].no', 'itemTwice', { no: '3' }),
      fieldError('items[1].points', 'itemPointsRange', { no: '1', value: '12', max: '10' }),
      fieldError('items[2].deduction', 'negativeDeduction', { no: '2', value: '-1' }),
      fieldError('scheme', 'assessmentSchemeNamed', { scheme: 'OTHER', used: 'NB' }),
      fieldError('operatingCost', 'operatingCostMissing'),
      fieldError('scheme.bands', 'belowGradeBands', { score: '50' }),
      fieldError('maxReward', 'noMaxReward'),
      fieldError('$', 'invalid'),
    ]);
  });
});
