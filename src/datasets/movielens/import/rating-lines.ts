import { createReadStream } from 'node:fs';
import { FieldLayout, ratingRow } from './copy-rows';
import { BadLineError, MovieLensImportError } from './import-error';

/**
 * The ratings of one chunk of a ratings file, column by column. The arrays are reused from
 * one batch to the next: read them before asking for the next batch.
 */
export interface RatingBatch {
  count: number;
  users: Int32Array;
  movies: Int32Array;
  /** The rating times two (1 to 10: half stars are exact integers). */
  halves: Uint8Array;
  /** Epoch seconds as written. */
  seconds: Float64Array;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
}

const CHUNK_BYTES = 1 << 20;
/** The shortest rating line ("1,1,1,1\n") bounds the rows a chunk can hold. */
const MIN_LINE_BYTES = 8;

/** The bytes the parser looks for (ASCII). */
const [NL, CR, ZERO, DOT, MINUS] = [0x0a, 0x0d, 0x30, 0x2e, 0x2d];

function isDigit(byte: number): boolean {
  return byte >= ZERO && byte <= ZERO + 9;
}

/** Where one line's fields are parsed into; `at` is the cursor within the buffer. */
interface Cursor {
  at: number;
  user: number;
  movie: number;
  half: number;
  seconds: number;
}

/**
 * Parses the usual form of a rating line on its bytes (ids of 1 to 9 digits without a leading
 * zero, a half-step rating such as 4, 4.0 or 3.5, an integer time, one separator between them),
 * which is every line of a GroupLens release. Returns false for anything else, so that the
 * strict string parser decides (and names what is wrong).
 */
function parsePlain(buf: Buffer, end: number, sep: number, sepLength: number, c: Cursor): boolean {
  let at = c.at;
  const id = (): number => {
    if (at >= end || buf[at] === ZERO || !isDigit(buf[at])) return 0;
    let value = 0;
    const start = at;
    while (at < end && isDigit(buf[at])) value = value * 10 + buf[at++] - ZERO;
    return at - start <= 9 ? value : 0;
  };
  const separator = (): boolean => {
    for (let i = 0; i < sepLength; i++) if (buf[at++] !== sep) return false;
    return true;
  };
  c.user = id();
  if (c.user === 0 || !separator()) return false;
  c.movie = id();
  if (c.movie === 0 || !separator()) return false;
  if (at >= end || !isDigit(buf[at])) return false;
  let half = (buf[at++] - ZERO) * 2;
  if (at < end && buf[at] === DOT) {
    at++;
    if (at >= end || (buf[at] !== ZERO && buf[at] !== ZERO + 5)) return false;
    if (buf[at++] === ZERO + 5) half++;
    while (at < end && buf[at] === ZERO) at++;
  }
  if (half < 1 || half > 10 || !separator()) return false;
  const negative = buf[at] === MINUS;
  if (negative) at++;
  const start = at;
  let seconds = 0;
  while (at < end && isDigit(buf[at])) seconds = seconds * 10 + buf[at++] - ZERO;
  if (at !== end || at === start || at - start > 12) return false;
  c.half = half;
  c.seconds = negative ? -seconds : seconds;
  return true;
}

/** A line the fast parser left: the strict parser's row, or BadLineError. */
function parseStrict(layout: FieldLayout, line: string, c: Cursor): void {
  const [user, movie, rating, seconds] = ratingRow(layout, line).slice(0, -1).split('\t');
  c.user = Number(user);
  c.movie = Number(movie);
  c.half = Number(rating) * 2;
  c.seconds = Number(seconds);
}

export interface ReadRatingsOptions {
  path: string;
  /** For error messages. */
  file: string;
  layout: FieldLayout;
  /** CSV files start with a header line (a first line not starting with a digit). */
  hasHeader: boolean;
}

/**
 * Streams a ratings file (CSV, `::` or tab separated) as batches of parsed ratings, one chunk
 * of about 1 MiB at a time, so memory stays flat whatever the file's size. Lines are parsed on
 * their bytes; an unusual line goes through the strict parser ratingRow, and a bad one throws
 * MovieLensImportError with the file and line. Blank lines are skipped.
 */
export async function* readRatings(options: ReadRatingsOptions): AsyncGenerator<RatingBatch> {
  const sep = { csv: 0x2c, dat: 0x3a, tab: 0x09, pipe: 0x7c }[options.layout];
  const sepLength = options.layout === 'dat' ? 2 : 1;
  let batch: RatingBatch | null = null;
  const cursor: Cursor = { at: 0, user: 0, movie: 0, half: 0, seconds: 0 };
  let rest: Buffer = Buffer.alloc(0);
  let lineNumber = 0;
  let bytesRead = 0;

  const parse = (buf: Buffer, limit: number): RatingBatch => {
    const capacity = Math.ceil(limit / MIN_LINE_BYTES) + 1;
    if (!batch || batch.users.length < capacity) {
      batch = {
        count: 0,
        users: new Int32Array(capacity),
        movies: new Int32Array(capacity),
        halves: new Uint8Array(capacity),
        seconds: new Float64Array(capacity),
        bytesRead: 0,
      };
    }
    const b = batch;
    b.count = 0;
    b.bytesRead = bytesRead;
    let start = 0;
    while (start < limit) {
      let next = buf.indexOf(NL, start);
      if (next === -1 || next >= limit) next = limit;
      const end = next > start && buf[next - 1] === CR ? next - 1 : next;
      lineNumber++;
      const isHeader = lineNumber === 1 && options.hasHeader && !isDigit(buf[start]);
      if (!isHeader && end > start) {
        cursor.at = start;
        if (!parsePlain(buf, end, sep, sepLength, cursor)) {
          const line = buf.toString('utf8', start, end);
          if (line.trim() === '') {
            start = next + 1;
            continue;
          }
          try {
            parseStrict(options.layout, line, cursor);
          } catch (error) {
            if (!(error instanceof BadLineError)) throw error;
            throw new MovieLensImportError(options.file, lineNumber, error.message);
          }
        }
        const i = b.count++;
        b.users[i] = cursor.user;
        b.movies[i] = cursor.movie;
        b.halves[i] = cursor.half;
        b.seconds[i] = cursor.seconds;
      }
      start = next + 1;
    }
    return b;
  };

  for await (const chunk of createReadStream(options.path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    bytesRead += bytes.length;
    const buf = rest.length > 0 ? Buffer.concat([rest, bytes]) : bytes;
    const complete = buf.lastIndexOf(NL) + 1;
    rest = Buffer.from(buf.subarray(complete));
    if (complete > 0) yield parse(buf, complete);
  }
  if (rest.length > 0) yield parse(rest, rest.length);
}
