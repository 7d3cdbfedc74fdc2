import { Impression } from './impression';

/**
 * The impressions waiting to be written, bounded: a full buffer drops the new impression and
 * counts it rather than grow or make a request wait. `take` hands a batch over; `giveBack`
 * returns a batch that failed to write, as far as room allows (the rest is dropped and counted).
 */
export class ImpressionBuffer {
  private pending: Impression[] = [];
  private droppedCount = 0;

  constructor(readonly capacity: number) {}

  /** False when the buffer was full and the impression was dropped. */
  add(impression: Impression): boolean {
    if (this.pending.length >= this.capacity) {
      this.droppedCount++;
      return false;
    }
    this.pending.push(impression);
    return true;
  }

  /** Everything waiting, oldest first; the buffer is empty afterwards. */
  take(): Impression[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  /** Puts a batch that could not be written back in front, dropping what does not fit. */
  giveBack(batch: readonly Impression[]): void {
    const room = Math.max(0, this.capacity - this.pending.length);
    const kept = batch.slice(batch.length - Math.min(room, batch.length));
    this.droppedCount += batch.length - kept.length;
    this.pending = [...kept, ...this.pending];
  }

  get size(): number {
    return this.pending.length;
  }

  /** Impressions dropped since start: the buffer was full. */
  get dropped(): number {
    return this.droppedCount;
  }
}
