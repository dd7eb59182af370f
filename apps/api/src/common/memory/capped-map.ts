/**
 * A Map that holds at most `max` entries: a new key set when it is full drops the oldest entry. For
 * what a process keeps in memory per event or per mentor, so a base with many never grows it unbounded.
 */
export class CappedMap<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (this.size >= this.max && !this.has(key)) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
