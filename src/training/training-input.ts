import { ContentInput, TrainingInput, Vocabulary, mergeFeedback } from '../recommender';
import { GrowableColumns } from './growable-columns';
import { CatalogRows } from './training-data.repository';

/** Value a watched-but-unrated movie counts as (an implicit "liked it enough to watch"). */
export const WATCH_VALUE = 3.5;

/** Maps term strings to dense term ids and builds the content model's input. */
function buildContentInput(catalog: CatalogRows): ContentInput {
  const termIndex = new Map<string, number>();
  const termItems = new Int32Array(catalog.terms.length);
  const termIds = new Int32Array(catalog.terms.length);
  catalog.terms.forEach(([item, term], p) => {
    let id = termIndex.get(term);
    if (id === undefined) {
      id = termIndex.size;
      termIndex.set(term, id);
    }
    termItems[p] = item;
    termIds[p] = id;
  });
  return {
    nItems: catalog.movieIds.length,
    genreBits: catalog.genreBits,
    nGenres: catalog.genreNames.length,
    years: catalog.years,
    termItems,
    termIds,
    nTerms: termIndex.size,
  };
}

/** One entry per (user, movie): ratings and watches merged as the core's mergeFeedback does. */
export function buildTrainingInput(
  catalog: CatalogRows,
  users: Vocabulary,
  ratings: GrowableColumns,
  watches: GrowableColumns,
): TrainingInput {
  const nItems = catalog.movieIds.length;
  const interactions = mergeFeedback(
    ratings.toInteractions(),
    watches.toInteractions(),
    users.size,
    nItems,
    {
      watchValue: WATCH_VALUE,
    },
  );
  return {
    nUsers: users.size,
    itemIds: catalog.movieIds,
    interactions,
    content: buildContentInput(catalog),
    genreNames: catalog.genreNames,
  };
}
