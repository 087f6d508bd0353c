import { compare, hash } from 'bcryptjs';
import { performance } from 'node:perf_hooks';
import { DEMO_PASSWORD, startApp, TestApp } from '../../test/harness';
import { User } from '../users/user.entity';
import { PASSWORD_HASH_COST } from '../config/config';

/**
 * Issue 12 item 8: a login answer tells nothing about which usernames exist. An unknown user, a wrong
 * password, a locked and a disabled account get the same status and body, in the same time (a hash is
 * compared in every case). Only the right password on a locked account learns of the lock.
 */
describe('login: no username enumeration', () => {
  let t: TestApp;
  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

  beforeAll(async () => {
    // The full cost: the test tells a skipped comparison by its time, which the tests' cheap hashes would hide.
    t = await startApp({ PASSWORD_HASH_COST: String(PASSWORD_HASH_COST) });
    const users = t.dataSource.getRepository(User);
    await users.update({ username: 'expert3' }, { lockedUntil: new Date(Date.now() + 15 * 60_000) });
    await users.update({ username: 'expert4' }, { disabled: true });
  });
  afterAll(() => t.close());

  const CASES: [string, string, string][] = [
    ['unknown user', 'nobody-here', 'Wrong#Password1'],
    ['wrong password', 'expert2', 'Wrong#Password1'],
    ['locked account', 'expert3', 'Wrong#Password1'],
    ['disabled account', 'expert4', 'Wrong#Password1'],
    ['disabled account, right password', 'expert4', DEMO_PASSWORD],
  ];

  it('answers the same 401 and body in every case', async () => {
    const answers = [];
    for (const [, username, password] of CASES) {
      const res = await login(username, password);
      answers.push({ status: res.status, body: res.body });
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]).toEqual({
      status: 401,
      body: { statusCode: 401, error: 'Unauthorized', message: '用户名或密码错误 / wrong username or password' },
    });
  });

  it('takes the same time in every case: each compares a password hash', async () => {
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const rounds: number[][] = [];
    const hashTimes: number[] = [];
    const someHash = await hash('Some#Password1', PASSWORD_HASH_COST);
    // Each round times every case once, and one bare hash comparison, back to back: the machine's load
    // (other tests on the same cores) falls on a round's cases alike, so they are compared within rounds.
    for (let round = 0; round < 21; round++) {
      const times: number[] = [];
      for (const [, username, password] of CASES) {
        const start = performance.now();
        await login(username, password).expect(401);
        times.push(performance.now() - start);
      }
      rounds.push(times);
      const start = performance.now();
      await compare('Wrong#Password1', someHash);
      hashTimes.push(performance.now() - start);
    }
    // Per case, the median over the rounds of its time less the unknown user's in the same round.
    const gaps = CASES.map((_, c) => Math.abs(median(rounds.map((times) => times[c] - times[0]))));
    // An answer that skipped the comparison would be one comparison faster. On a quiet machine the gaps
    // are a few ms; under load they stay well under a fifth of a comparison.
    expect(Math.max(...gaps)).toBeLessThan(Math.max(8, median(hashTimes) / 5));
  });

  it('tells the lock only to someone who gives the right password, and still refuses it', async () => {
    const res = await login('expert3', DEMO_PASSWORD).expect(423);
    expect(res.body.message).toContain('账户已锁定');
  });
});
