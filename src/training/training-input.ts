import { ContentInput, Interactions, TrainingInput, mergeFeedback } from '../recommender';

/** (item index, label) pairs: a movie's genres, or its content terms (tags, overview words). */
export type ItemLabels = ReadonlyArray<readonly [number, string]>;

/** The catalog as training reads it, from the database or a MovieLens folder. */
export interface CatalogSource {
  /** External movie id of each dense item index (index = position). */
  movieIds: Int32Array;
  /** Release year per item, NaN when unknown. */
  years: Float32Array;
  genres: ItemLabels;
  /** Lower-cased tags and overview words; repeats add up. */
  terms: ItemLabels;
}

/** Feedback with dense user and item indexes. */
export interface FeedbackSource {
  nUsers: number;
  /** Values are the ratings (0.5..5). */
  ratings: Interactions;
  /** Values are the watched share (0..1). */
  watches: Interactions;
}

/** The content model keeps a bitset of genres: the most used ones past this are dropped. */
export const MAX_GENRES = 32;

/**
 * The one builder of training input, for the server's training and for `npm run evaluate`:
 * ratings and watches merged per (user, movie) by the feedback rule, genre bits of the most
 * used genres (ties by name, so the choice does not depend on read order), terms mapped to
 * dense ids in order of first appearance.
 */
export function buildTrainingInput(
  catalog: CatalogSource,
  feedback: FeedbackSource,
): TrainingInput {
  const nItems = catalog.movieIds.length;
  const interactions = mergeFeedback(feedback.ratings, feedback.watches, feedback.nUsers, nItems);
  const { genreBits, genreNames } = genreBitsOf(catalog.genres, nItems);
  const content: ContentInput = {
    nItems,
    genreBits,
    nGenres: genreNames.length,
    years: catalog.years,
    ...termColumns(catalog.terms),
  };
  return { nUsers: feedback.nUsers, itemIds: catalog.movieIds, interactions, content, genreNames };
}

function genreBitsOf(
  genres: ItemLabels,
  nItems: number,
): { genreBits: Uint32Array; genreNames: string[] } {
  const counts = new Map<string, number>();
  for (const [, name] of genres) counts.set(name, (counts.get(name) ?? 0) + 1);
  const genreNames = [...counts.keys()]
    .sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_GENRES);
  const bitOf = new Map(genreNames.map((name, bit) => [name, bit]));
  const genreBits = new Uint32Array(nItems);
  for (const [item, name] of genres) {
    const bit = bitOf.get(name);
    if (bit !== undefined) genreBits[item] |= 1 << bit;
  }
  return { genreBits, genreNames };
}

function termColumns(terms: ItemLabels): Pick<ContentInput, 'termItems' | 'termIds' | 'nTerms'> {
  const termIndex = new Map<string, number>();
  const termItems = new Int32Array(terms.length);
  const termIds = new Int32Array(terms.length);
  terms.forEach(([item, term], p) => {
    let id = termIndex.get(term);
    if (id === undefined) {
      id = termIndex.size;
      termIndex.set(term, id);
    }
    termItems[p] = item;
    termIds[p] = id;
  });
  return { termItems, termIds, nTerms: termIndex.size };
}
