import type { UserItem } from '../recommender';
import { UnseenItemFeatures, standInsForUnseenItem } from '../recommender/cold-item';
import type { LoadedModel } from './model-registry';
import type { UnseenFeedback } from './user-feedback';

/**
 * Unseen movies whose feedback counts in one request, the most recent first. Each costs a
 * cosine with every item's content vector (3,706 x 63 multiplications at M), so a user who
 * rated hundreds of new movies cannot make a request cost hundreds of catalog passes; the next
 * training learns them all.
 */
export const MAX_UNSEEN_MOVIES = 20;

/**
 * Stand-ins per unseen movie: a few, so the movie's pull comes from a small set of films like
 * it rather than from one (a single closest film brings its own quirks), yet not so many that
 * looser matches dilute it.
 */
export const STAND_INS_PER_MOVIE = 5;

/**
 * The least content cosine a stand-in needs. A film sharing the movie's one genre scores 0.68
 * or more (0.8 or more without tags or overview terms, which the new movie lacks), one sharing
 * only a decade 0.2 at most: 0.5 keeps films of the same kind and never a mere contemporary.
 */
export const MIN_STAND_IN_SIMILARITY = 0.5;

/** What the catalog says of a movie's content. */
export interface MovieContent {
  genres: string[];
  releaseYear: number | null;
}

/** The movie's genres as the model's genre bits (genres it lacks are left out), and its year. */
export function featuresOf(
  genreBit: ReadonlyMap<string, number>,
  movie: MovieContent,
): UnseenItemFeatures {
  let genreBits = 0;
  for (const genre of movie.genres) {
    const bit = genreBit.get(genre.toLowerCase());
    if (bit !== undefined) genreBits |= 1 << bit;
  }
  return { genreBits, year: movie.releaseYear };
}

/**
 * Feedback on movies the model has not seen, as stand-ins: for each movie (found in `movies`),
 * the known movies most like it by content, each carrying the movie's value and time. A stand-in's
 * share is its cosine divided by the number of stand-ins, so the movie as a whole weighs as much
 * as one known movie as alike as they are on average, not five. A movie with no content (none of
 * the model's genres) has none.
 */
export function standInsFor(
  loaded: Pick<LoadedModel, 'model' | 'genreBit'>,
  unseen: readonly UnseenFeedback[],
  movies: ReadonlyMap<number, MovieContent>,
): UserItem[] {
  const items: UserItem[] = [];
  for (const { movieId, value, timestamp } of unseen) {
    const movie = movies.get(movieId);
    if (!movie) continue;
    const found = standInsForUnseenItem(
      loaded.model,
      featuresOf(loaded.genreBit, movie),
      STAND_INS_PER_MOVIE,
      MIN_STAND_IN_SIMILARITY,
    );
    for (const { item, similarity } of found) {
      const share = similarity / found.length;
      items.push({ item, value, timestamp, standIn: { share, unseen: movieId } });
    }
  }
  return items;
}
