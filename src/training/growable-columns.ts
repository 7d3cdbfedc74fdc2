/** Parallel typed-array columns that grow by doubling while a stream is read into them. */
export class GrowableColumns {
  length = 0;
  users: Int32Array;
  items: Int32Array;
  values: Float32Array;
  timestamps: Float64Array;

  constructor(capacity = 1 << 16) {
    this.users = new Int32Array(capacity);
    this.items = new Int32Array(capacity);
    this.values = new Float32Array(capacity);
    this.timestamps = new Float64Array(capacity);
  }

  push(user: number, item: number, value: number, timestamp: number): void {
    if (this.length === this.users.length) this.grow();
    const n = this.length++;
    this.users[n] = user;
    this.items[n] = item;
    this.values[n] = value;
    this.timestamps[n] = timestamp;
  }

  /** The filled part, as exact-length copies (the spare capacity is released). */
  toInteractions(): {
    users: Int32Array;
    items: Int32Array;
    values: Float32Array;
    timestamps: Float64Array;
  } {
    return {
      users: this.users.slice(0, this.length),
      items: this.items.slice(0, this.length),
      values: this.values.slice(0, this.length),
      timestamps: this.timestamps.slice(0, this.length),
    };
  }

  private grow(): void {
    const capacity = this.users.length * 2;
    const grown = <T extends Int32Array | Float32Array | Float64Array>(old: T, next: T): T => {
      next.set(old);
      return next;
    };
    this.users = grown(this.users, new Int32Array(capacity));
    this.items = grown(this.items, new Int32Array(capacity));
    this.values = grown(this.values, new Float32Array(capacity));
    this.timestamps = grown(this.timestamps, new Float64Array(capacity));
  }
}
