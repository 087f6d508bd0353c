import { fen, publish } from './decimal';

describe('decimal helpers', () => {
  it('rounds amounts half-up to the 分', () => {
    expect(fen('4913806.945')).toBe('4913806.95');
    expect(fen('1.005')).toBe('1.01');
    expect(fen('2')).toBe('2.00');
  });
  it('publishes scores half-up', () => {
    expect(publish('84.995')).toBe('85.00');
    expect(publish('84.994999')).toBe('84.99');
  });
});
