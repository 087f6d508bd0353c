import { RevisionCache } from './revision-cache';

describe('RevisionCache', () => {
  const counter = () => {
    let calls = 0;
    return { compute: (v: string) => () => (calls++, Promise.resolve(v)), calls: () => calls };
  };

  it('computes once per revision and again when the revision changes', async () => {
    const cache = new RevisionCache<number, string>(4);
    const c = counter();
    expect(await cache.get(1, 'r1', c.compute('a'))).toBe('a');
    expect(await cache.get(1, 'r1', c.compute('x'))).toBe('a');
    expect(await cache.get(1, 'r2', c.compute('b'))).toBe('b');
    expect(await cache.get(1, 'r1', c.compute('c'))).toBe('c'); // only the latest revision is kept
    expect(c.calls()).toBe(3);
  });

  it('lets requests that arrive during a computation share it', async () => {
    const cache = new RevisionCache<number, string>(4);
    let finish!: (v: string) => void;
    let calls = 0;
    const slow = () => (calls++, new Promise<string>((r) => (finish = r)));
    const waiting = [cache.get(1, 'r1', slow), cache.get(1, 'r1', slow), cache.get(1, 'r1', slow)];
    finish('done');
    expect(await Promise.all(waiting)).toEqual(['done', 'done', 'done']);
    expect(calls).toBe(1);
  });

  it('forgets a failed computation, so the next request tries again', async () => {
    const cache = new RevisionCache<number, string>(4);
    await expect(cache.get(1, 'r1', () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get(1, 'r1', () => Promise.resolve('ok'))).toBe('ok');
  });

  it('drops the key least recently asked for beyond its capacity', async () => {
    const cache = new RevisionCache<number, string>(2);
    const c = counter();
    await cache.get(1, 'r', c.compute('one'));
    await cache.get(2, 'r', c.compute('two'));
    await cache.get(1, 'r', c.compute('one again')); // 1 is now the most recent
    await cache.get(3, 'r', c.compute('three')); // drops 2
    expect(await cache.get(1, 'r', c.compute('x'))).toBe('one');
    expect(await cache.get(2, 'r', c.compute('two again'))).toBe('two again');
    expect(c.calls()).toBe(4);
  });
});
