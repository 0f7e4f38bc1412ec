/**
 * A small in-process cache of loaded values, each kept `ttlMs` from when its load started; concurrent reads of one key
 * share one load, a failed load is not kept, and `invalidate` drops a key so the next read loads afresh (a load already
 * under way when the key is dropped serves the reads that were waiting for it, and is not kept).
 */
export class TtlCache<K, V> {
  private readonly entries = new Map<K, { until: number; value: Promise<V> }>();

  constructor(
    private readonly load: (key: K) => Promise<V>,
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: K): Promise<V> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return hit.value;
    if (this.entries.size >= this.maxEntries) this.prune(t);
    const entry = { until: t + this.ttlMs, value: this.load(key) };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  invalidate(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(t: number) {
    for (const [k, e] of this.entries) if (e.until <= t) this.entries.delete(k);
    // still full of live entries: forget them all rather than grow (each is reloaded on its next read)
    if (this.entries.size >= this.maxEntries) this.entries.clear();
  }
}
