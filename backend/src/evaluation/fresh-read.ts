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
