import type { DataSource } from 'typeorm';
import { changeStamp } from '../database/change-stamp';

/**
 * A read that many concurrent callers share without any of them seeing data older than its own
 * arrival. A caller joins the next read that starts after it arrived: if none is running, it starts
 * one; if one is running (it may have begun before a write the caller already saw committed), the
 * caller waits for it to end and shares the one read that starts then. Under load, one read serves a
 * whole batch of requests instead of one read each; a single caller waits for no one.
 */
export class FreshRead<K, V> {
  private readonly running = new Map<K, Promise<V>>();
  private readonly queued = new Map<K, Promise<V>>();

  read(key: K, fetch: () => Promise<V>): Promise<V> {
    const queued = this.queued.get(key);
    if (queued) return queued;
    const running = this.running.get(key);
    if (!running) return this.start(key, fetch);
    const next = running
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
    const read = fetch().finally(() => {
      if (this.running.get(key) === read) this.running.delete(key);
    });
    this.running.set(key, read);
    return read;
  }
}

/**
 * A value read fresh for each caller (FreshRead), and on SQLite reused while the database's change
 * stamp stands: there a request runs to its end before the next is read (the driver never yields), so
 * requests cannot share a read, but the stamp, one prepared statement of two counters, tells at once
 * whether any row may have changed since — through this server, or another process on the same file.
 * The stamp is read first, so a change made while the value is read only forces another read. On
 * MariaDB/MySQL, which has no such counter, every caller gets a read that started after it arrived:
 * what another instance committed is seen at once, for one query per batch of concurrent callers.
 */
export class StampedRead<K, V> {
  private readonly reads = new FreshRead<K, V>();
  private readonly stamped = new Map<K, { stamp: string; value: V }>();

  constructor(
    private readonly dataSource: DataSource,
    /** How many keys' values are kept (the oldest go first). */
    private readonly size: number,
  ) {}

  async read(key: K, fetch: () => Promise<V>): Promise<V> {
    const stamp = await changeStamp(this.dataSource.manager);
    const known = this.stamped.get(key);
    if (stamp !== null && known?.stamp === stamp) return known.value;
    const value = await this.reads.read(key, fetch);
    if (stamp !== null) {
      this.stamped.delete(key); // re-inserted last: the map stays bounded, oldest first out
      this.stamped.set(key, { stamp, value });
      for (const oldest of this.stamped.keys()) if (this.stamped.size > this.size) this.stamped.delete(oldest);
    }
    return value;
  }
}
