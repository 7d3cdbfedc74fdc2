/** Ids below this are kept in a typed array; MovieLens ids are all far below it. */
const DENSE_LIMIT = 1 << 24;

/**
 * A map from positive integer ids (MovieLens user and movie ids) to positive integers, read
 * once per rating line: a typed array indexed by id, grown as ids appear, with a Map for the
 * rare id beyond DENSE_LIMIT so a stray large id cannot allocate gigabytes. 0 means absent.
 */
export class IdMap {
  private dense = new Int32Array(1024);
  private readonly sparse = new Map<number, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: number): number {
    return id < this.dense.length ? this.dense[id] : (this.sparse.get(id) ?? 0);
  }

  set(id: number, value: number): void {
    if (id >= DENSE_LIMIT) {
      if (!this.sparse.has(id)) this.count++;
      this.sparse.set(id, value);
      return;
    }
    if (id >= this.dense.length) {
      let length = this.dense.length;
      while (length <= id) length *= 2;
      const grown = new Int32Array(Math.min(length, DENSE_LIMIT));
      grown.set(this.dense);
      this.dense = grown;
    }
    if (this.dense[id] === 0) this.count++;
    this.dense[id] = value;
  }

  /** Every id and its value, in increasing id order for the dense part. */
  *entries(): Generator<[number, number]> {
    for (let id = 1; id < this.dense.length; id++) {
      if (this.dense[id] !== 0) yield [id, this.dense[id]];
    }
    yield* this.sparse.entries();
  }
}
