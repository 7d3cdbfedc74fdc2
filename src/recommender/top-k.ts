/** One entry kept by {@link TopK}. */
export interface ScoredIndex {
  index: number;
  score: number;
}

/**
 * Bounded min-heap keeping the `capacity` highest scores seen, in O(log k) per push and
 * without allocating per push (parallel typed arrays). Equal scores rank the lower index first,
 * so results do not depend on the order entries were offered.
 */
export class TopK {
  private readonly indexes: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.indexes = new Int32Array(Math.max(capacity, 1));
    this.scores = new Float64Array(Math.max(capacity, 1));
  }

  get size(): number {
    return this.count;
  }

  /** The lowest score kept, or -Infinity while the heap is not full. */
  get threshold(): number {
    return this.count < this.capacity ? -Infinity : this.scores[0];
  }

  /** Offers an entry; it is kept when the heap is not full or it beats the lowest kept score. */
  push(index: number, score: number): void {
    if (this.capacity <= 0) return;
    if (this.count < this.capacity) {
      this.indexes[this.count] = index;
      this.scores[this.count] = score;
      this.siftUp(this.count++);
    } else if (score > this.scores[0] || (score === this.scores[0] && index < this.indexes[0])) {
      this.indexes[0] = index;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** Empties the heap so it can be reused without reallocating. */
  clear(): void {
    this.count = 0;
  }

  /** Writes the kept entries, best first, into the given arrays; returns how many. */
  drainInto(indexes: Int32Array, scores: Float32Array, offset: number): number {
    const n = this.count;
    for (let position = n - 1; position >= 0; position--) {
      indexes[offset + position] = this.indexes[0];
      scores[offset + position] = this.scores[0];
      this.popRoot();
    }
    return n;
  }

  /** The kept entries, best first; empties the heap. */
  drain(): ScoredIndex[] {
    const result: ScoredIndex[] = new Array<ScoredIndex>(this.count);
    for (let position = this.count - 1; position >= 0; position--) {
      result[position] = { index: this.indexes[0], score: this.scores[0] };
      this.popRoot();
    }
    return result;
  }

  private popRoot(): void {
    this.count--;
    if (this.count > 0) {
      this.indexes[0] = this.indexes[this.count];
      this.scores[0] = this.scores[this.count];
      this.siftDown(0);
    }
  }

  private siftUp(position: number): void {
    const { indexes, scores } = this;
    let child = position;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.isWorse(child, parent)) break;
      this.swap(parent, child, indexes, scores);
      child = parent;
    }
  }

  private siftDown(position: number): void {
    const { indexes, scores, count } = this;
    let parent = position;
    for (;;) {
      const left = 2 * parent + 1;
      if (left >= count) return;
      const right = left + 1;
      const smaller = right < count && this.isWorse(right, left) ? right : left;
      if (!this.isWorse(smaller, parent)) return;
      this.swap(parent, smaller, indexes, scores);
      parent = smaller;
    }
  }

  /** True when the entry at `a` ranks below the entry at `b` (lower score, or same score and higher index). */
  private isWorse(a: number, b: number): boolean {
    const { scores, indexes } = this;
    return scores[a] < scores[b] || (scores[a] === scores[b] && indexes[a] > indexes[b]);
  }

  private swap(a: number, b: number, indexes: Int32Array, scores: Float64Array): void {
    const index = indexes[a];
    indexes[a] = indexes[b];
    indexes[b] = index;
    const score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }
}
