import { OptionRules, resolveOptions } from '../options';

/**
 * Catalog side information, item-indexed. Terms are tags and overview words after the caller
 * maps them to dense term ids (one (item, term) entry per application; repeats add up).
 */
export interface ContentInput {
  nItems: number;
  /** Bit g set when item i has genre g (at most 32 genres). */
  genreBits: Uint32Array;
  nGenres: number;
  /** Release year, NaN when unknown. */
  years: Float32Array;
  termItems: Int32Array;
  termIds: Int32Array;
  nTerms: number;
}

/** Options of the content vectors: the weight of each block and the size of the term block. */
export interface ContentOptions {
  genreWeight: number;
  yearWeight: number;
  termWeight: number;
  /** Width of the random projection the TF-IDF term vectors are reduced to. */
  termDims: number;
  seed: number;
}

export const DEFAULT_CONTENT_OPTIONS: Readonly<ContentOptions> = Object.freeze({
  genreWeight: 1,
  yearWeight: 0.5,
  termWeight: 0.7,
  termDims: 32,
  seed: 7,
});

const RULES: OptionRules<ContentOptions> = {
  genreWeight: { kind: 'number', min: 0, max: 100 },
  yearWeight: { kind: 'number', min: 0, max: 100 },
  termWeight: { kind: 'number', min: 0, max: 100 },
  termDims: { kind: 'number', min: 1, max: 1024, integer: true },
  seed: { kind: 'number', min: 0, max: 2 ** 32 - 1, integer: true },
};

/** Validates content options over the defaults. */
export function resolveContentOptions(input: unknown = {}): ContentOptions {
  return resolveOptions(DEFAULT_CONTENT_OPTIONS, RULES, input);
}

/** An empty content input for a catalog with no side information. */
export function emptyContentInput(nItems: number): ContentInput {
  return {
    nItems,
    genreBits: new Uint32Array(nItems),
    nGenres: 0,
    years: new Float32Array(nItems).fill(NaN),
    termItems: new Int32Array(0),
    termIds: new Int32Array(0),
    nTerms: 0,
  };
}
