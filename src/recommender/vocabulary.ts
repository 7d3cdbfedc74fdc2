/**
 * Maps external ids (database or MovieLens ids) to dense indexes 0..size-1 and back, so the
 * maths works on typed arrays indexed by position.
 */
export class Vocabulary {
  private readonly indexById = new Map<number, number>();
  private readonly ids: number[] = [];

  /** Builds a vocabulary whose index order is the order of `ids` (duplicates are ignored). */
  static fromIds(ids: Iterable<number>): Vocabulary {
    const vocabulary = new Vocabulary();
    for (const id of ids) vocabulary.add(id);
    return vocabulary;
  }

  get size(): number {
    return this.ids.length;
  }

  /** Returns the index of `id`, adding it at the end when it is new. */
  add(id: number): number {
    const known = this.indexById.get(id);
    if (known !== undefined) return known;
    const index = this.ids.length;
    this.indexById.set(id, index);
    this.ids.push(id);
    return index;
  }

  /** The index of `id`, or -1 when it is unknown. */
  indexOf(id: number): number {
    return this.indexById.get(id) ?? -1;
  }

  /** The external id at `index`; throws on an out-of-range index. */
  idAt(index: number): number {
    const id = this.ids[index];
    if (id === undefined) throw new RangeError(`No id at index ${index}`);
    return id;
  }

  /** The ids in index order, as an Int32Array (the artifact stores it this way). */
  toInt32Array(): Int32Array {
    return Int32Array.from(this.ids);
  }
}
