import { pgLower, trigramRatio, trigramSequence, wordSimilarityOf } from './pg-trigrams';
import { titleCore, titleWords, WORD_SIMILARITY_THRESHOLD } from './title-search';

/** One movie as the index holds it. */
export interface TitleEntry {
  id: number;
  title: string;
  popularity: number;
  releaseYear: number | null;
  /** Genre names, lower-case. */
  genres: readonly string[];
}

/** What a search may be narrowed by, as the SQL search's filters. */
export interface TitleFilter {
  /** Lower-case genre name. */
  genre?: string;
  yearFrom?: number;
  yearTo?: number;
}

interface Candidate {
  index: number;
  exact: boolean;
  wholeWords: boolean;
  prefix: boolean;
  similarity: number;
}

/**
 * The catalog's titles, searched in process with the SQL title search's exact matching and
 * order (MoviesRepository.search with a query, by relevance): a title matches when pg_trgm's
 * word similarity of the query to it reaches 0.4 or it starts with the query; matches are ranked
 * by exact core title, then the core as whole words, then prefix, then word similarity plus
 * similarity, then popularity, then id. Built once from every movie (a 62,000-movie catalog in
 * under a second); a search reads only the titles sharing a trigram with the query,
 * through an inverted index, and skips those sharing too few of them to reach the threshold.
 */
export class TitleIndex {
  private readonly trigramIds = new Map<string, number>();
  private readonly lowerTitles: string[] = [];
  /** Each title's words with a space at either end, for whole-word matches. */
  private readonly paddedWords: string[] = [];
  private readonly cores: string[] = [];
  /** Each title's trigrams in order, as ids into `trigramIds`. */
  private readonly sequences: Int32Array[] = [];
  /** Per trigram id, the titles holding it (each once); Int32Arrays once built. */
  private postings: Int32Array[] = [];
  /** Distinct trigrams per title. */
  private distinctCounts = new Int32Array(0);
  /** Title indexes sorted by lower-case title, for prefix matches by binary search. */
  private byLowerTitle = new Int32Array(0);
  /** Per search, zero (or -1) between searches: searches run one at a time, synchronously. */
  private scratch = {
    shared: new Int32Array(0),
    inQuery: new Uint8Array(0),
    lastPosition: new Int32Array(0),
  };

  private constructor(private readonly entries: readonly TitleEntry[]) {}

  /**
   * Indexes `entries`, yielding to the event loop after every `slice` of them so that requests
   * go on being answered while a large catalog is indexed (about a second for 62,000 titles).
   */
  static async build(entries: readonly TitleEntry[], slice = 2_000): Promise<TitleIndex> {
    const index = new TitleIndex([...entries]);
    const lists: number[][] = [];
    for (let from = 0; from < entries.length; from += slice) {
      for (let at = from; at < Math.min(from + slice, entries.length); at++) {
        index.add(at, lists);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    index.postings = lists.map((list) => Int32Array.from(list));
    index.distinctCounts = Int32Array.from(index.sequences, (sequence) => new Set(sequence).size);
    index.byLowerTitle = Int32Array.from(index.entries.keys()).sort((a, b) =>
      compareStrings(index.lowerTitles[a], index.lowerTitles[b]),
    );
    const trigrams = index.trigramIds.size;
    index.scratch = {
      shared: new Int32Array(index.entries.length),
      inQuery: new Uint8Array(trigrams),
      lastPosition: new Int32Array(trigrams).fill(-1),
    };
    return index;
  }

  /** Title `at`'s texts and trigrams, and its place in each trigram's list. */
  private add(at: number, lists: number[][]): void {
    const title = pgLower(this.entries[at].title);
    this.lowerTitles.push(title);
    this.paddedWords.push(` ${titleWords(title)} `);
    this.cores.push(titleCore(title));
    const sequence = Int32Array.from(trigramSequence(title), (trigram) => {
      let id = this.trigramIds.get(trigram);
      if (id === undefined) {
        id = this.trigramIds.size;
        this.trigramIds.set(trigram, id);
        lists.push([]);
      }
      const list = lists[id];
      if (list[list.length - 1] !== at) list.push(at);
      return id;
    });
    this.sequences.push(sequence);
  }

  get size(): number {
    return this.entries.length;
  }

  /** One page of matching movie ids, best first, and how many match in all. */
  search(
    query: string,
    filter: TitleFilter,
    offset: number,
    limit: number,
  ): { ids: number[]; total: number } {
    const matches = this.matches(query, filter);
    const compare = (a: Candidate, b: Candidate): number => this.compare(a, b);
    const wanted = offset + limit;
    // A page near the top of many matches needs only the best `wanted` of them in order.
    const ranked =
      wanted < matches.length / 4 ? best(matches, wanted, compare) : matches.sort(compare);
    return {
      ids: ranked.slice(offset, wanted).map((match) => this.entries[match.index].id),
      total: matches.length,
    };
  }

  /** Every title the query matches, with its ranking keys. */
  private matches(query: string, filter: TitleFilter): Candidate[] {
    const queryIds: number[] = [];
    let queryTrigrams = 0;
    for (const trigram of new Set(trigramSequence(query))) {
      queryTrigrams++;
      const id = this.trigramIds.get(trigram);
      if (id !== undefined) queryIds.push(id);
    }
    // Distinct query trigrams each title shares: its similarity and an upper bound of its word
    // similarity (shared / queryTrigrams), so titles under the threshold are skipped unread.
    const { shared, inQuery, lastPosition } = this.scratch;
    const touched: number[] = [];
    for (const id of queryIds) {
      inQuery[id] = 1;
      for (const index of this.postings[id]) {
        if (shared[index]++ === 0) touched.push(index);
      }
    }
    const core = titleCore(query);
    const paddedCore = ` ${core} `;
    const candidates: Candidate[] = [];
    const consider = (index: number): void => {
      if (!this.passes(this.entries[index], filter)) return;
      const count = shared[index];
      const prefix = this.lowerTitles[index].startsWith(query);
      const wordSimilarity =
        count === 0
          ? 0
          : wordSimilarityOf(inQuery, queryTrigrams, this.sequences[index], lastPosition);
      // A float4 against the double setting, as PostgreSQL compares them.
      if (!prefix && !(wordSimilarity >= WORD_SIMILARITY_THRESHOLD)) return;
      const similarity =
        count === 0 ? 0 : trigramRatio(count, queryTrigrams, this.distinctCounts[index]);
      candidates.push({
        index,
        exact: this.cores[index] === core,
        wholeWords: this.paddedWords[index].includes(paddedCore),
        prefix,
        similarity: Math.fround(wordSimilarity + similarity),
      });
    };
    // shared / queryTrigrams bounds the word similarity: titles under the threshold by it are
    // matched only as prefixes.
    const mayMatch = (index: number): boolean =>
      queryTrigrams > 0 && shared[index] / queryTrigrams >= WORD_SIMILARITY_THRESHOLD - 1e-6;
    for (const index of touched) if (mayMatch(index)) consider(index);
    for (const index of this.startingWith(query)) if (!mayMatch(index)) consider(index);
    for (const index of touched) shared[index] = 0;
    for (const id of queryIds) inQuery[id] = 0;
    return candidates;
  }

  /** Indexes of the titles that start with `prefix` (lower-case). */
  private startingWith(prefix: string): number[] {
    const order = this.byLowerTitle;
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareStrings(this.lowerTitles[order[middle]], prefix) < 0) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let at = low; at < order.length; at++) {
      if (!this.lowerTitles[order[at]].startsWith(prefix)) break;
      found.push(order[at]);
    }
    return found;
  }

  private passes(entry: TitleEntry, filter: TitleFilter): boolean {
    if (filter.genre !== undefined && !entry.genres.includes(filter.genre)) return false;
    const year = entry.releaseYear;
    if (filter.yearFrom !== undefined && (year === null || year < filter.yearFrom)) return false;
    if (filter.yearTo !== undefined && (year === null || year > filter.yearTo)) return false;
    return true;
  }

  /** The SQL search's ORDER BY: true before false, higher before lower, then id. */
  private compare(a: Candidate, b: Candidate): number {
    if (a.exact !== b.exact) return a.exact ? -1 : 1;
    if (a.wholeWords !== b.wholeWords) return a.wholeWords ? -1 : 1;
    if (a.prefix !== b.prefix) return a.prefix ? -1 : 1;
    if (a.similarity !== b.similarity) return b.similarity - a.similarity;
    const first = this.entries[a.index];
    const second = this.entries[b.index];
    if (first.popularity !== second.popularity) return second.popularity - first.popularity;
    return first.id - second.id;
  }
}

/** The `count` first of `items` by `compare`, in order: one pass, a sorted array of them. */
function best<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && compare(item, kept[count - 1]) >= 0) continue;
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(kept[middle], item) <= 0) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

/** Code-unit order: `startsWith` matches form one run in it. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
