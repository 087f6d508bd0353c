import { Pool } from './pool';

const tick = () => new Promise((r) => setImmediate(r));

describe('Pool', () => {
  const counting = () => {
    const opened: number[] = [];
    const closed: number[] = [];
    const open = async () => {
      opened.push(opened.length + 1);
      return opened.length;
    };
    const pool = new Pool<number>(open, async (n) => void closed.push(n), 2);
    return { pool, opened, closed };
  };

  it('opens at most `size` resources and reuses released ones', async () => {
    const { pool, opened } = counting();
    const seen: number[] = [];
    await Promise.all(Array.from({ length: 6 }, () => pool.use(async (n) => (seen.push(n), tick()))));
    expect(opened).toEqual([1, 2]);
    expect(new Set(seen)).toEqual(new Set([1, 2]));
  });

  it('serves waiters first come, first served', async () => {
    const { pool } = counting();
    const order: string[] = [];
    let releaseFirst!: () => void;
    const held = new Promise<void>((r) => (releaseFirst = r));
    const a = pool.use(() => held);
    const b = pool.use(() => held);
    const c = pool.use(async () => void order.push('c'));
    const d = pool.use(async () => void order.push('d'));
    await tick();
    expect(order).toEqual([]);
    releaseFirst();
    await Promise.all([a, b, c, d]);
    expect(order).toEqual(['c', 'd']);
  });

  it('discards a resource whose work failed and opens a new one for the next caller', async () => {
    const { pool, opened, closed } = counting();
    await expect(pool.use(async () => Promise.reject(new Error('crashed')))).rejects.toThrow('crashed');
    expect(closed).toEqual([1]);
    await pool.use(async (n) => expect(n).toBe(2));
    expect(opened).toEqual([1, 2]);
  });

  it('passes an error opening a resource to the waiter that needed it', async () => {
    let fail = false;
    const pool = new Pool<number>(
      async () => (fail ? Promise.reject(new Error('no browser')) : 1),
      async () => undefined,
      1,
    );
    let releaseFirst!: () => void;
    const first = pool.use(() => new Promise<void>((_, reject) => (releaseFirst = () => reject(new Error('page died')))));
    await tick();
    const second = pool.use(async () => 'done');
    fail = true;
    releaseFirst();
    await expect(first).rejects.toThrow('page died');
    await expect(second).rejects.toThrow('no browser');
  });
});
