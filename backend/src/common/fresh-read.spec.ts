import { FreshRead } from './fresh-read';

describe('FreshRead', () => {
  /** Reads whose results the test releases one by one, in the order they started. */
  const reads = () => {
    const pending: ((v: number) => void)[] = [];
    const fetch = () => new Promise<number>((resolve) => pending.push(resolve));
    return { fetch, finish: (i: number, v: number) => pending[i](v), started: () => pending.length };
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it('runs a lone read at once', async () => {
    const r = new FreshRead<number, number>();
    expect(await r.read(1, async () => 7)).toBe(7);
  });

  it('gives callers that arrive during a read the next read, one for all of them', async () => {
    const r = new FreshRead<number, number>();
    const s = reads();
    const first = r.read(1, s.fetch);
    const later = [r.read(1, s.fetch), r.read(1, s.fetch), r.read(1, s.fetch)];
    expect(s.started()).toBe(1); // the later callers wait: the running read may predate their arrival
    s.finish(0, 1);
    expect(await first).toBe(1);
    await settle();
    expect(s.started()).toBe(2);
    s.finish(1, 2);
    expect(await Promise.all(later)).toEqual([2, 2, 2]);
  });

  it('keeps keys apart and starts afresh after a failed read', async () => {
    const r = new FreshRead<number, number>();
    await expect(r.read(1, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await r.read(1, async () => 3)).toBe(3);
    expect(await Promise.all([r.read(1, async () => 4), r.read(2, async () => 5)])).toEqual([4, 5]);
  });
});
