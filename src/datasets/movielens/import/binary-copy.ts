/**
 * PostgreSQL's binary COPY format for rows of integers, reals and timestamps: what the server
 * reads with the least work (no text parsing), which matters at 25 million rows.
 * See https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */
export const COPY_BINARY_HEADER = Buffer.from([
  ...Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'),
  0,
  0,
  0,
  0, // flags
  0,
  0,
  0,
  0, // header extension length
]);

/** The file trailer: a field count of -1. */
export const COPY_BINARY_TRAILER = Buffer.from([0xff, 0xff]);

/** Seconds from the Unix epoch to PostgreSQL's (2000-01-01 UTC). */
const PG_EPOCH_SECONDS = 946_684_800;
const TWO_TO_32 = 2 ** 32;
/** Microseconds stay exact in a double below 2^53. */
const MAX_EXACT_MICROS = 2 ** 53;

/** Appends rows of a fixed list of column types to one buffer, resized as it fills. */
export class BinaryRowWriter {
  private buf: Buffer;
  private at = 0;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Makes room for `bytes` more. */
  reserve(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }

  /** Starts a row of `fields` columns; the caller reserved its bytes. */
  row(fields: number): void {
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
  }

  int4(value: number): void {
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeInt32BE(value, this.at + 4);
    this.at += 8;
  }

  float4(value: number): void {
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeFloatBE(value, this.at + 4);
    this.at += 8;
  }

  /** A timestamptz from whole epoch seconds. */
  timestampFromSeconds(seconds: number): void {
    const micros = (seconds - PG_EPOCH_SECONDS) * 1_000_000;
    this.buf.writeInt32BE(8, this.at);
    if (Math.abs(micros) < MAX_EXACT_MICROS) {
      const high = Math.floor(micros / TWO_TO_32);
      this.buf.writeInt32BE(high, this.at + 4);
      this.buf.writeUInt32BE(micros - high * TWO_TO_32, this.at + 8);
    } else {
      const exact = (BigInt(seconds) - BigInt(PG_EPOCH_SECONDS)) * 1_000_000n;
      this.buf.writeBigInt64BE(BigInt.asIntN(64, exact), this.at + 4);
    }
    this.at += 12;
  }

  /** The rows written since the last take, as a copy-free view; the writer starts over. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.at);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.at = 0;
    return out;
  }
}
