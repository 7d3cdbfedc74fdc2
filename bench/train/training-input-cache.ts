import { TrainingInput } from '../../src/recommender';
import { BundleArray, readBundle, writeBundle } from '../support/array-bundle';

interface CacheMeta {
  nUsers: number;
  nGenres: number;
  nTerms: number;
  genreNames: string[];
}

/** Saves a training input as a bundle of typed arrays (see writeBundle). */
export function saveTrainingInput(path: string, input: TrainingInput): void {
  const content = input.content;
  if (!content) throw new Error('the benchmark data set always has content');
  const meta: CacheMeta = {
    nUsers: input.nUsers,
    nGenres: content.nGenres,
    nTerms: content.nTerms,
    genreNames: input.genreNames ?? [],
  };
  writeBundle(path, meta, {
    itemIds: input.itemIds,
    users: input.interactions.users,
    items: input.interactions.items,
    values: input.interactions.values,
    timestamps: input.interactions.timestamps,
    genreBits: content.genreBits,
    years: content.years,
    termItems: content.termItems,
    termIds: content.termIds,
  });
}

function take<T extends BundleArray>(
  arrays: Map<string, BundleArray>,
  name: string,
  kind: new (length: number) => T,
): T {
  const array = arrays.get(name);
  if (!(array instanceof kind)) throw new Error(`cache section ${name} is missing or mistyped`);
  return array;
}

/** Loads a training input saved by {@link saveTrainingInput}. */
export function loadTrainingInput(path: string): TrainingInput {
  const { meta, arrays } = readBundle(path);
  const { nUsers, nGenres, nTerms, genreNames } = meta as CacheMeta;
  const itemIds = take(arrays, 'itemIds', Int32Array);
  return {
    nUsers,
    itemIds,
    interactions: {
      users: take(arrays, 'users', Int32Array),
      items: take(arrays, 'items', Int32Array),
      values: take(arrays, 'values', Float32Array),
      timestamps: take(arrays, 'timestamps', Float64Array),
    },
    content: {
      nItems: itemIds.length,
      genreBits: take(arrays, 'genreBits', Uint32Array),
      nGenres,
      years: take(arrays, 'years', Float32Array),
      termItems: take(arrays, 'termItems', Int32Array),
      termIds: take(arrays, 'termIds', Int32Array),
      nTerms,
    },
    genreNames,
  };
}
