import { IdMap } from './id-map';
import { RatingBatch, readRatings, ReadRatingsOptions } from './rating-lines';

/** Per-movie tallies of a ratings file, by MovieLens movie id. */
export class MovieTallies {
  /** MovieLens movie id → slot (1-based) in the arrays below. */
  readonly slots = new IdMap();
  counts = new Float64Array(1024);
  /** Sums of the ratings times two: integers, so exact whatever the order of addition. */
  halfSums = new Float64Array(1024);

  add(movie: number, half: number): void {
    let slot = this.slots.get(movie);
    if (slot === 0) {
      slot = this.slots.size + 1;
      this.slots.set(movie, slot);
      if (slot >= this.counts.length) {
        this.counts = grow(this.counts);
        this.halfSums = grow(this.halfSums);
      }
    }
    this.counts[slot]++;
    this.halfSums[slot] += half;
  }
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
}

/** What a first pass over the ratings file found, before anything is written. */
export interface RatingsScan {
  /** Data lines (header and blank lines excluded). */
  rows: number;
  /** MovieLens user ids that rated (value 1). */
  users: IdMap;
  movies: MovieTallies;
}

/**
 * The first of two passes over the ratings file: checks every line (a bad one throws before
 * the database is written), and collects the users to create and each movie's rating count and
 * sum, so the second pass can write ratings with our ids straight into the table and the
 * movies' statistics need no scan of it. Memory grows with distinct users and movies only.
 */
export async function scanRatings(
  options: ReadRatingsOptions,
  onBatch: (batch: RatingBatch) => void = () => undefined,
): Promise<RatingsScan> {
  const users = new IdMap();
  const movies = new MovieTallies();
  let rows = 0;
  let lastUser = 0;
  for await (const batch of readRatings(options)) {
    for (let i = 0; i < batch.count; i++) {
      const user = batch.users[i];
      // Ratings come grouped by user: one look-up per user rather than per line.
      if (user !== lastUser) {
        users.set(user, 1);
        lastUser = user;
      }
      movies.add(batch.movies[i], batch.halves[i]);
    }
    rows += batch.count;
    onBatch(batch);
  }
  return { rows, users, movies };
}
