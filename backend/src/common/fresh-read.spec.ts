import { FreshRead, freshMark } from './fresh-read';

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

  it('lets a caller that arrived before the running read started join it', async () => {
    const r = new FreshRead<number, number>();
    const s = reads();
    const arrived = freshMark();
    const first = r.read(1, s.fetch);
    const joined = r.read(1, s.fetch, arrived); // started after that caller arrived: it shows what the caller must see
    const later = r.read(1, s.fetch); // arrives now: the running read may predate it
    expect(s.started()).toBe(1);
    s.finish(0, 1);
    expect(await Promise.all([first, joined])).toEqual([1, 1]);
    await settle();
    s.finish(1, 2);
    expect(await later).toBe(2);
  });

  it('serves from a settled read only the callers that arrived before it started, and only when asked to', async () => {
    const kept = new FreshRead<number, number>(true);
    const dropped = new FreshRead<number, number>();
    const arrived = freshMark();
    expect(await kept.read(1, async () => 1)).toBe(1);
    expect(await dropped.read(1, async () => 1)).toBe(1);
    expect(await kept.read(1, async () => 2, arrived)).toBe(1); // the request's second read shares its first
    expect(await dropped.read(1, async () => 2, arrived)).toBe(2);
    expect(await kept.read(1, async () => 3)).toBe(3); // a caller arriving now gets a read of its own
    await expect(kept.read(2, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await kept.read(2, async () => 4, arrived)).toBe(4); // a failed read serves no one
  });
});
