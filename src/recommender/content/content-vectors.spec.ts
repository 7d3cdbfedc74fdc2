import { RecommenderError } from '../recommender-error';
import { emptyContentInput } from './content-features';
import { buildContentVectors, contentSimilarity, ContentVectors } from './content-vectors';

/** Layout with two genres: [genre 0, genre 1 | 13 decades 1900s..2020s | termDims terms]. */
const GENRES = 2;
const DECADES = 13;

function row(vectors: ContentVectors, item: number): number[] {
  return Array.from(vectors.values.subarray(item * vectors.dim, (item + 1) * vectors.dim));
}

function norm(values: number[]): number {
  return Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
}

/**
 * Four items: 0 and 1 Horror only, 2 Horror and Comedy, 3 nothing known. Horror is on 3 of 4
 * items (idf ln(4/3) + 0.001), Comedy on 1 (idf ln 4 + 0.001).
 */
function genreCatalog(): ReturnType<typeof emptyContentInput> {
  const input = emptyContentInput(4);
  input.nGenres = GENRES;
  input.genreBits.set([0b01, 0b01, 0b11, 0]);
  return input;
}

describe('buildContentVectors', () => {
  it('sizes each row as genres + 13 decades + termDims', () => {
    const vectors = buildContentVectors(genreCatalog(), { termDims: 4 });
    expect(vectors.dim).toBe(GENRES + DECADES + 4);
    expect(vectors.values).toHaveLength(4 * vectors.dim);
  });

  it('weights genres by idf, then makes each row unit length', () => {
    const vectors = buildContentVectors(genreCatalog(), { termDims: 4 });
    const onlyHorror = row(vectors, 0);
    expect(onlyHorror[0]).toBeCloseTo(1, 6);
    expect(norm(onlyHorror.slice(1))).toBe(0);
    const horror = Math.log(4 / 3) + 1e-3;
    const comedy = Math.log(4) + 1e-3;
    const both = row(vectors, 2);
    expect(both[0]).toBeCloseTo(horror / Math.hypot(horror, comedy), 6);
    expect(both[1]).toBeCloseTo(comedy / Math.hypot(horror, comedy), 6);
    expect(contentSimilarity(vectors, 0, 1)).toBeCloseTo(1, 6);
    expect(contentSimilarity(vectors, 0, 2)).toBeCloseTo(horror / Math.hypot(horror, comedy), 6);
  });

  it('leaves an item with no genre, year or term all zeros', () => {
    const vectors = buildContentVectors(genreCatalog(), { termDims: 4 });
    expect(row(vectors, 3).every((v) => v === 0)).toBe(true);
    expect(contentSimilarity(vectors, 0, 3)).toBe(0);
  });

  it('leaves an item with a year but no genre or term all zeros: a year alone is no content', () => {
    const input = genreCatalog();
    input.years.set([1966, NaN, NaN, 1966]);
    const vectors = buildContentVectors(input, { termDims: 4 });
    expect(row(vectors, 3).every((v) => v === 0)).toBe(true);
    expect(contentSimilarity(vectors, 3, 3)).toBe(0);
    expect(contentSimilarity(vectors, 0, 3)).toBe(0);
  });

  it('encodes a year as Gaussian memberships of decades, peaked on its own', () => {
    const input = emptyContentInput(1);
    input.nGenres = 1;
    input.genreBits[0] = 1;
    input.years[0] = 1985;
    const vectors = buildContentVectors(input, { termDims: 1 });
    const years = row(vectors, 0).slice(1, 1 + DECADES);
    // Centred on 1985 (the 1980s bucket): the 1970s and 1990s get e^-1/2 of it, +-20 y e^-2.
    expect(years.indexOf(Math.max(...years))).toBe(8);
    expect(years[7] / years[8]).toBeCloseTo(Math.exp(-0.5), 6);
    expect(years[9] / years[8]).toBeCloseTo(Math.exp(-0.5), 6);
    expect(years[6] / years[8]).toBeCloseTo(Math.exp(-2), 6);
    // The year block weighs 0.5 against the genre block's 1, and the whole row is unit length.
    expect(norm(years)).toBeCloseTo(0.5 / Math.hypot(1, 0.5), 6);
  });

  it('weights the genre, year and term blocks 1 : 0.5 : 0.7 by default', () => {
    const input = emptyContentInput(2);
    input.nGenres = GENRES;
    input.genreBits.set([0b01, 0b10]);
    input.years.set([1985, NaN]);
    input.nTerms = 1;
    input.termItems = Int32Array.from([0]);
    input.termIds = Int32Array.from([0]);
    const vectors = buildContentVectors(input, { termDims: 3 });
    const first = row(vectors, 0);
    const total = Math.sqrt(1 + 0.25 + 0.49);
    expect(norm(first.slice(0, GENRES))).toBeCloseTo(1 / total, 6);
    expect(norm(first.slice(GENRES, GENRES + DECADES))).toBeCloseTo(0.5 / total, 6);
    expect(norm(first.slice(GENRES + DECADES))).toBeCloseTo(0.7 / total, 6);
    // The second item has a genre only: its row is that genre's axis.
    expect(row(vectors, 1)[1]).toBeCloseTo(1, 6);
    const custom = buildContentVectors(input, { termDims: 3, genreWeight: 0, yearWeight: 3 });
    const customRow = row(custom, 0);
    expect(norm(customRow.slice(0, GENRES))).toBe(0);
    expect(norm(customRow.slice(GENRES, GENRES + DECADES))).toBeCloseTo(3 / Math.hypot(3, 0.7), 6);
  });

  it('gives items with the same terms the same term block, and a term on every item none', () => {
    const input = emptyContentInput(3);
    input.nTerms = 2;
    // Term 0 on items 0 and 1 (twice on item 1: only the direction counts); term 1 everywhere.
    input.termItems = Int32Array.from([0, 1, 1, 0, 1, 2]);
    input.termIds = Int32Array.from([0, 0, 0, 1, 1, 1]);
    const vectors = buildContentVectors(input, { termDims: 8 });
    const first = row(vectors, 0);
    expect(norm(first)).toBeCloseTo(1, 6);
    expect(contentSimilarity(vectors, 0, 1)).toBeCloseTo(1, 6);
    // Item 2 has only the term every item has: idf ln(3/3) = 0.
    expect(row(vectors, 2).every((v) => v === 0)).toBe(true);
  });

  it('projects terms with the seeded generator: same seed, same vectors', () => {
    const input = emptyContentInput(2);
    input.nTerms = 2;
    input.termItems = Int32Array.from([0, 1]);
    input.termIds = Int32Array.from([0, 1]);
    const a = buildContentVectors(input, { termDims: 8, seed: 1 });
    const b = buildContentVectors(input, { termDims: 8, seed: 1 });
    const c = buildContentVectors(input, { termDims: 8, seed: 2 });
    expect(Array.from(b.values)).toEqual(Array.from(a.values));
    expect(Array.from(c.values)).not.toEqual(Array.from(a.values));
  });

  it('refuses out-of-range and unknown options', () => {
    expect(() => buildContentVectors(genreCatalog(), { termDims: 0 })).toThrow(RecommenderError);
    expect(() => buildContentVectors(genreCatalog(), { colour: 1 } as never)).toThrow(
      /Unknown option "colour"/,
    );
  });
});
