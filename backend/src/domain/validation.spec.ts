import { nestsDeeperThan } from './validation';

describe('nestsDeeperThan', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('counts objects and arrays alike', () => {
    expect(nestsDeeperThan(bytes('{"a":[{"b":[]}]}'), 4)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":[{"b":[]}]}'), 3)).toBe(true);
    expect(nestsDeeperThan(bytes('[[],[],[]]'), 2)).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(bytes('{"a":"[[[{{{"}'), 1)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":"\\"[[[","b":"\\\\"}'), 1)).toBe(false);
    expect(nestsDeeperThan(bytes('{"a":"\\\\",  "b":[[]]}'), 2)).toBe(true);
  });

  it('reads 2,000 levels without recursion', () => {
    expect(nestsDeeperThan(bytes('['.repeat(2000) + ']'.repeat(2000)), 64)).toBe(true);
    expect(nestsDeeperThan(bytes('['.repeat(64) + ']'.repeat(64)), 64)).toBe(false);
  });
});
