import { createSeededRandom } from '../seeded-random';
import { ContentInput, ContentOptions, resolveContentOptions } from './content-features';

/** Dense, L2-normalised item vectors: row i is `values[i * dim .. (i + 1) * dim)`. */
export interface ContentVectors {
  dim: number;
  values: Float32Array;
}

/** Years are encoded as soft memberships of decades 1900s..2020s (13 buckets). */
const FIRST_DECADE = 1900;
const DECADES = 13;

/**
 * Builds item content vectors from three blocks, each L2-normalised then weighted:
 * genres (one-hot times idf = log(nItems / itemsWithGenre)), release year (Gaussian membership
 * of decades, sigma = 10 years) and terms (tags, overview words: TF-IDF reduced to `termDims`
 * by a seeded Gaussian random projection, which keeps cosines approximately). The whole vector
 * is then L2-normalised so a dot product is a cosine. An item with neither a genre nor a term
 * keeps an all-zero vector even when its year is known: a year says when, not what, and two
 * movies that share only a decade would otherwise be identical (cosine 1) to each other.
 */
export function buildContentVectors(
  input: ContentInput,
  options: Partial<ContentOptions> = {},
): ContentVectors {
  const resolved = resolveContentOptions(options);
  const dim = input.nGenres + DECADES + resolved.termDims;
  const values = new Float32Array(input.nItems * dim);
  writeGenres(input, values, dim, resolved.genreWeight);
  writeYears(input, values, dim, input.nGenres, resolved.yearWeight);
  writeTerms(input, values, dim, input.nGenres + DECADES, resolved);
  for (let i = 0; i < input.nItems; i++) {
    if (!hasWhat(values, i * dim, input.nGenres, resolved.termDims, dim)) {
      values.fill(0, i * dim, (i + 1) * dim);
    }
    normalise(values, i * dim, dim, 1);
  }
  return { dim, values };
}

/** True when the row starting at `start` has a non-zero genre or term entry. */
function hasWhat(
  values: Float32Array,
  start: number,
  nGenres: number,
  termDims: number,
  dim: number,
): boolean {
  for (let d = start; d < start + nGenres; d++) if (values[d] !== 0) return true;
  for (let d = start + dim - termDims; d < start + dim; d++) if (values[d] !== 0) return true;
  return false;
}

function normalise(values: Float32Array, start: number, length: number, weight: number): void {
  let squares = 0;
  for (let d = start; d < start + length; d++) squares += values[d] * values[d];
  if (squares === 0) return;
  const scale = weight / Math.sqrt(squares);
  for (let d = start; d < start + length; d++) values[d] *= scale;
}

function writeGenres(input: ContentInput, values: Float32Array, dim: number, weight: number): void {
  const counts = new Int32Array(input.nGenres);
  for (const bits of input.genreBits) {
    for (let g = 0; g < input.nGenres; g++) if (bits & (1 << g)) counts[g]++;
  }
  for (let i = 0; i < input.nItems; i++) {
    for (let g = 0; g < input.nGenres; g++) {
      if (input.genreBits[i] & (1 << g)) {
        values[i * dim + g] = Math.log(input.nItems / counts[g]) + 1e-3;
      }
    }
    normalise(values, i * dim, input.nGenres, weight);
  }
}

function writeYears(
  input: ContentInput,
  values: Float32Array,
  dim: number,
  offset: number,
  weight: number,
): void {
  for (let i = 0; i < input.nItems; i++) {
    const year = input.years[i];
    if (Number.isNaN(year)) continue;
    for (let d = 0; d < DECADES; d++) {
      const centre = FIRST_DECADE + 10 * d + 5;
      values[i * dim + offset + d] = Math.exp(-(((year - centre) / 10) ** 2) / 2);
    }
    normalise(values, i * dim + offset, DECADES, weight);
  }
}

function writeTerms(
  input: ContentInput,
  values: Float32Array,
  dim: number,
  offset: number,
  options: ContentOptions,
): void {
  const itemsWithTerm = new Int32Array(input.nTerms);
  const seen = new Set<number>();
  for (let e = 0; e < input.termIds.length; e++) {
    const key = input.termItems[e] * input.nTerms + input.termIds[e];
    if (!seen.has(key)) itemsWithTerm[input.termIds[e]]++;
    seen.add(key);
  }
  const projection = gaussianMatrix(input.nTerms, options.termDims, options.seed);
  for (let e = 0; e < input.termIds.length; e++) {
    const term = input.termIds[e];
    const idf = Math.log(input.nItems / itemsWithTerm[term]);
    const row = input.termItems[e] * dim + offset;
    for (let d = 0; d < options.termDims; d++) {
      values[row + d] += idf * projection[term * options.termDims + d];
    }
  }
  for (let i = 0; i < input.nItems; i++) {
    normalise(values, i * dim + offset, options.termDims, options.termWeight);
  }
}

/** rows x cols standard normal entries (Box-Muller over the seeded generator). */
function gaussianMatrix(rows: number, cols: number, seed: number): Float32Array {
  const random = createSeededRandom(seed);
  const matrix = new Float32Array(rows * cols);
  for (let x = 0; x < matrix.length; x++) {
    const u = 1 - random();
    matrix[x] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }
  return matrix;
}

/** Cosine of two items' content vectors (vectors are unit length, so a dot product). */
export function contentSimilarity(vectors: ContentVectors, a: number, b: number): number {
  let dot = 0;
  const { dim, values } = vectors;
  for (let d = 0; d < dim; d++) dot += values[a * dim + d] * values[b * dim + d];
  return dot;
}
