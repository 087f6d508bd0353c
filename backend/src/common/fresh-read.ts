import type { DataSource } from 'typeorm';
import { readChangeStamp, stampsByQuery } from '../database/change-stamp';

/** Reads started so far by every FreshRead: a caller's mark (freshMark) tells the reads started after it. */
let started = 0;

/**
 * The moment a caller arrived, as the number of reads started before it: a read numbered above it
 * started after it arrived, so it shows every write committed before. A request takes its mark when it
 * arrives and hands it to each read it makes; a caller without one arrives when it asks.
 */
export const freshMark = (): number => started;

interface Started<V> {
  no: number;
  value: Promise<V>;
  settled: boolean;
}

/**
 * A read that many concurrent callers share without any of them seeing data older than its own
 * arrival. A caller joins a read that started after it arrived: the one running, or else the next one
 * to start — if the running read began earlier (it may predate a write the caller already saw
 * committed), the caller waits for it to end and shares the one read that starts then. Under load, one
 * read serves a whole batch of requests instead of one read each; a single caller waits for no one.
 * With `reuseSettled`, a read that has ended still serves the callers that arrived before it started
 * (the several reads of one request share one): for few keys only, as each key's last read is kept.
 */
export class FreshRead<K, V> {
  private readonly latest = new Map<K, Started<V>>();
  private readonly queued = new Map<K, Promise<V>>();

  constructor(private readonly reuseSettled = false) {}

  read(key: K, fetch: () => Promise<V>, since = freshMark()): Promise<V> {
    const latest = this.latest.get(key);
    if (latest && latest.no > since) return latest.value;
    const queued = this.queued.get(key);
    if (queued) return queued;
    if (!latest || latest.settled) return this.start(key, fetch);
    const next = latest.value
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        this.queued.delete(key);
        return this.start(key, fetch);
      });
    this.queued.set(key, next);
    return next;
  }

  private start(key: K, fetch: () => Promise<V>): Promise<V> {
    const read: Started<V> = { no: ++started, value: fetch(), settled: false };
    this.latest.set(key, read);
    const ended = (failed: boolean) => {
      read.settled = true;
      // Kept only to be reused; a failed read serves no one.
      if (this.latest.get(key) === read && (failed || !this.reuseSettled)) this.latest.delete(key);
    };
    read.value.then(
      () => ended(false),
      () => ended(true),
    );
    return read.value;
  }
}

/** Per data source: its change stamp as FreshRead reads it where it is a query (MariaDB/MySQL), one read per batch of callers of every StampedRead. */
const stampReads = new WeakMap<DataSource, FreshRead<0, string>>();

/** The database's change stamp as it stands at `since` or later (see readChangeStamp). */
function changeStamp(dataSource: DataSource, since: number): string | Promise<string> {
  if (!stampsByQuery(dataSource)) return readChangeStamp(dataSource);
  let reads = stampReads.get(dataSource);
  if (!reads) stampReads.set(dataSource, (reads = new FreshRead<0, string>(true)));
  return reads.read(0, async () => readChangeStamp(dataSource), since);
}

/**
 * A value read fresh for each caller (FreshRead), and reused while the database's change stamp
 * (database/change-stamp.ts) stands: it changes with every write to the rows such values are read from
 * — through this server, or another process or instance on the same database. The stamp is read
 * first, so a change made while the value is read only forces another read. On SQLite the stamp is one
 * prepared statement of two counters, and a request runs to its end before the next is read (the driver
 * never yields); on MariaDB/MySQL it is one row, read once for a batch of concurrent callers and for all
 * the reads of each of their requests (the mark they arrived with): what another instance committed is
 * seen at once, for one query per batch while nothing changes.
 */
export class StampedRead<K, V> {
  private readonly reads = new FreshRead<K, V>();
  private readonly stamped = new Map<K, { stamp: string; value: V }>();

  constructor(
    private readonly dataSource: DataSource,
    /** How many keys' values are kept (the oldest go first). */
    private readonly size: number,
  ) {}

  async read(key: K, fetch: () => Promise<V>, since = freshMark()): Promise<V> {
    const stamp = await changeStamp(this.dataSource, since);
    const known = this.stamped.get(key);
    if (known?.stamp === stamp) return known.value;
    const value = await this.reads.read(key, fetch, since);
    this.stamped.delete(key); // re-inserted last: the map stays bounded, oldest first out
    this.stamped.set(key, { stamp, value });
    for (const oldest of this.stamped.keys()) if (this.stamped.size > this.size) this.stamped.delete(oldest);
    return value;
  }
}
