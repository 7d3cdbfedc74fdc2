import { pgLower, similarity, trigramSequence, wordSimilarity } from './pg-trigrams';

describe('pg_trgm in process', () => {
  it('pads each lower-cased word with two spaces before and one after', () => {
    expect(trigramSequence('Cat')).toEqual(['  c', ' ca', 'cat', 'at ']);
    expect(trigramSequence('a-B')).toEqual(['  a', ' a ', '  b', ' b ']);
    expect(trigramSequence('!!')).toEqual([]);
  });

  it("gives PostgreSQL's documented values, in float4", () => {
    // The pg_trgm documentation's examples: similarity 0.36363637, word_similarity 0.8.
    expect(similarity('word', 'two words')).toBe(Math.fround(4 / 11));
    expect(wordSimilarity('word', 'two words')).toBe(Math.fround(0.8));
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('', 'abc')).toBe(0);
    expect(wordSimilarity('xyz', 'abc')).toBe(0);
  });

  it("moves the extent's lower end forward to the best ratio", () => {
    // "star" in "frankie starlight": the word "starlight" holds 4 of the query's 5 trigrams.
    expect(wordSimilarity('star', 'frankie starlight')).toBe(Math.fround(0.8));
    expect(wordSimilarity('star', 'toy story')).toBe(Math.fround(0.4));
  });

  it('lower-cases one character at a time, as the libc provider does', () => {
    expect(pgLower('İtirazım')).toBe('itirazım');
    expect(pgLower('ΟΔΥΣΣΕΥΣ')).toBe('οδυσσευσ');
    expect(pgLower('Amélie')).toBe('amélie');
  });
});
