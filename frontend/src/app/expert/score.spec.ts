import { checkScore, sumScores } from './score';

describe('checkScore', () => {
  it('accepts 0..max in steps of 0.1 and normalises the value', () => {
    expect(checkScore('', '5')).toEqual({ state: 'empty' });
    expect(checkScore('  ', '5')).toEqual({ state: 'empty' });
    expect(checkScore('0', '5')).toEqual({ state: 'valid', value: '0' });
    expect(checkScore('4.5', '5')).toEqual({ state: 'valid', value: '4.5' });
    expect(checkScore('5', '5')).toEqual({ state: 'valid', value: '5' });
    expect(checkScore('5.0', '5.00')).toEqual({ state: 'valid', value: '5' });
    expect(checkScore('2.50', '5')).toEqual({ state: 'valid', value: '2.5' });
    expect(checkScore(' 3.7 ', '10')).toEqual({ state: 'valid', value: '3.7' });
  });

  it('rejects values above the max, off the 0.1 grid, negative or not numbers', () => {
    expect(checkScore('5.1', '5')).toMatchObject({ state: 'invalid', message: '不得超过该项满分5' });
    expect(checkScore('2.85', '5')).toMatchObject({ state: 'invalid', message: '分值须以0.1为单位' });
    expect(checkScore('-1', '5').state).toBe('invalid');
    expect(checkScore('abc', '5').state).toBe('invalid');
    expect(checkScore('1e1', '5').state).toBe('invalid');
    expect(checkScore('.5', '5').state).toBe('invalid');
  });
});

describe('sumScores', () => {
  it('adds decimals exactly and skips blanks', () => {
    expect(sumScores(['0.1', '0.2'])).toBe('0.3');
    expect(sumScores(['2', '1.5', '', '3.25'])).toBe('6.75');
    expect(sumScores([])).toBe('0');
    expect(sumScores(['4.5', '0.5'])).toBe('5');
  });
});
