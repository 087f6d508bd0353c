/**
 * A bounded pool of reusable resources (browser pages) with a first-come, first-served queue.
 * At most `size` resources exist; a caller beyond that waits until one is released. A resource whose
 * work failed is discarded rather than reused, since a page in an unknown state could spoil the next
 * document.
 */
export class Pool<T> {
  private readonly idle: T[] = [];
  private readonly waiting: { resolve: (resource: T) => void; reject: (error: unknown) => void }[] = [];
  private created = 0;

  constructor(
    private readonly open: () => Promise<T>,
    private readonly close: (resource: T) => Promise<void>,
    readonly size: number,
  ) {}

  async use<R>(work: (resource: T) => Promise<R>): Promise<R> {
    const resource = await this.acquire();
    try {
      const result = await work(resource);
      this.release(resource);
      return result;
    } catch (e) {
      this.created--;
      await this.close(resource).catch(() => undefined);
      this.admitNext();
      throw e;
    }
  }

  private async acquire(): Promise<T> {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    if (this.created < this.size) return this.create();
    return new Promise<T>((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async create(): Promise<T> {
    this.created++;
    try {
      return await this.open();
    } catch (e) {
      this.created--;
      throw e;
    }
  }

  private release(resource: T): void {
    const next = this.waiting.shift();
    if (next) next.resolve(resource);
    else this.idle.push(resource);
  }

  /** A discarded resource frees a place: the first waiter gets a new one (or the error opening it). */
  private admitNext(): void {
    const next = this.waiting.shift();
    if (next) this.create().then(next.resolve, next.reject);
  }
}
