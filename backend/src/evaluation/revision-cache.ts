/**
 * Values computed from data that changes rarely, kept per key (a tender) while the data's revision
 * stays the same. A request arriving while the value of the current revision is being computed waits
 * for that computation instead of starting another; a failed computation is forgotten. Bounded: the
 * keys least recently asked for are dropped first. Callers share the value and must not change it.
 */
export class RevisionCache<K, V> {
  private readonly entries = new Map<K, { revision: string; value: Promise<V> }>();

  constructor(private readonly capacity: number) {}

  get(key: K, revision: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    this.entries.delete(key); // re-inserted below: a Map iterates oldest first, which makes it an LRU
    if (hit?.revision === revision) {
      this.entries.set(key, hit);
      return hit.value;
    }
    const entry = { revision, value: compute() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return entry.value;
  }
}
