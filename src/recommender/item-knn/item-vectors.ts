import { Interactions } from '../interactions';
import { ArrayMemory, SparseRows, buildSparseRows, transposeSparseRows } from '../sparse-rows';
import { VectorKind } from './item-knn-options';

/** The user-major and item-major views of the same user x item matrix. */
export interface RatingMatrices {
  byUser: SparseRows;
  byItem: SparseRows;
}

/**
 * The value each interaction contributes to the item vectors: 1 (binary), the rating, or the
 * rating minus the user's mean rating (user-centred, the "adjusted cosine"), times
 * count(u)^-userDamping.
 */
export function vectorValues(
  data: Interactions,
  nUsers: number,
  kind: VectorKind,
  userDamping = 0,
): Float32Array {
  const values = baseValues(data, nUsers, kind);
  if (userDamping === 0) return values;
  const counts = new Int32Array(nUsers);
  for (const u of data.users) counts[u]++;
  for (let e = 0; e < values.length; e++)
    values[e] *= Math.pow(counts[data.users[e]], -userDamping);
  return values;
}

function baseValues(data: Interactions, nUsers: number, kind: VectorKind): Float32Array {
  if (kind === 'binary') return new Float32Array(data.values.length).fill(1);
  if (kind === 'rating') return Float32Array.from(data.values);
  const sums = new Float64Array(nUsers);
  const counts = new Int32Array(nUsers);
  for (let e = 0; e < data.users.length; e++) {
    sums[data.users[e]] += data.values[e];
    counts[data.users[e]]++;
  }
  const values = new Float32Array(data.values.length);
  for (let e = 0; e < values.length; e++) {
    const u = data.users[e];
    values[e] = data.values[e] - sums[u] / counts[u];
  }
  return values;
}

/**
 * Builds both CSR views from (deduplicated) interactions; `shared` memory lets worker threads
 * read them without a copy.
 */
export function buildRatingMatrices(
  data: Interactions,
  nUsers: number,
  nItems: number,
  kind: VectorKind,
  memory: ArrayMemory = 'local',
  userDamping = 0,
): RatingMatrices {
  const values = vectorValues(data, nUsers, kind, userDamping);
  const byUser = buildSparseRows(data.users, data.items, values, nUsers, nItems, memory);
  return { byUser, byItem: transposeSparseRows(byUser, memory) };
}
