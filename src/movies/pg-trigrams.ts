/**
 * pg_trgm's similarity measures in process, so that a title search can run without PostgreSQL
 * and rank exactly as the SQL one does (TitleIndex). A port of contrib/pg_trgm/trgm_op.c
 * (generate_trgm_only, cnt_sml, calc_word_similarity and iterate_word_similarity in its plain,
 * not strict, mode), float4 rounding included, since the ranking sorts by these values.
 *
 * Words are runs of letters and decimal digits (pg_trgm's ISWORDCHR in a UTF-8 database with a
 * Unicode-aware locale), lower-cased; each is padded with two spaces before and one after, and
 * its trigrams are every three consecutive characters. pg_trgm hashes a trigram holding a
 * multi-byte character to three bytes; comparing the characters themselves differs only where
 * that hash collides.
 */

const WORD = /[\p{L}\p{Nd}]+/gu;

/**
 * lower() as PostgreSQL computes it with the libc provider: each character mapped on its own
 * (towlower), so "İ" gives "i" and a final "Σ" gives "σ", where String.toLowerCase gives "i̇"
 * and "ς".
 */
export function pgLower(text: string): string {
  if (isAscii(text)) return text.toLowerCase();
  let lowered = '';
  for (const char of text) {
    const mapped = char.toLowerCase();
    lowered +=
      mapped.length === char.length ? mapped : String.fromCodePoint(mapped.codePointAt(0)!);
  }
  return lowered;
}

/** The trigrams of `text` in order, repeats kept (generate_trgm_only). */
export function trigramSequence(text: string): string[] {
  const trigrams: string[] = [];
  for (const [word] of text.matchAll(WORD)) {
    const chars = Array.from(`  ${pgLower(word)} `);
    for (let i = 0; i + 3 <= chars.length; i++) {
      trigrams.push(chars[i] + chars[i + 1] + chars[i + 2]);
    }
  }
  return trigrams;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** pg_trgm's CALCSML with DIVUNION: count / (len1 + len2 - count), in float4. */
export function trigramRatio(count: number, len1: number, len2: number): number {
  return Math.fround(count / (len1 + len2 - count));
}

/** similarity(a, b): shared distinct trigrams over all distinct trigrams of the two. */
export function similarity(a: string, b: string): number {
  const first = new Set(trigramSequence(a));
  const second = new Set(trigramSequence(b));
  if (first.size === 0 || second.size === 0) return 0;
  let shared = 0;
  for (const trigram of first) if (second.has(trigram)) shared++;
  return trigramRatio(shared, first.size, second.size);
}

/** word_similarity(query, text). */
export function wordSimilarity(query: string, text: string): number {
  const ids = new Map<string, number>();
  const idOf = (trigram: string): number => {
    let id = ids.get(trigram);
    if (id === undefined) ids.set(trigram, (id = ids.size));
    return id;
  };
  const queryIds = new Set(trigramSequence(query).map(idOf));
  const sequence = Int32Array.from(trigramSequence(text), idOf);
  const inQuery = new Uint8Array(ids.size);
  for (const id of queryIds) inQuery[id] = 1;
  const lastPosition = new Int32Array(ids.size).fill(-1);
  return wordSimilarityOf(inQuery, queryIds.size, sequence, lastPosition);
}

/**
 * iterate_word_similarity, plain mode: the greatest similarity between the query's trigram set
 * (`queryCount` distinct trigrams; `inQuery[id]` is 1 for those of them the text's ids can
 * name) and an extent of `sequence` (a text's trigrams in order, as ids), found as pg_trgm
 * finds it: the extent's upper end moves to each trigram the query holds, and its lower end only
 * ever forward, to where the ratio is highest. `lastPosition` is scratch, every id's entry -1
 * on entry, and so again on return.
 */
export function wordSimilarityOf(
  inQuery: Uint8Array,
  queryCount: number,
  sequence: Int32Array,
  lastPosition: Int32Array,
): number {
  let distinct = 0;
  let shared = 0;
  let upper = -1;
  let lower = -1;
  let best = 0;
  for (let i = 0; i < sequence.length; i++) {
    const id = sequence[i];
    const found = inQuery[id] === 1;
    if (lower >= 0 || found) {
      if (lastPosition[id] < 0) {
        distinct++;
        if (found) shared++;
      }
      lastPosition[id] = i;
    }
    if (!found) continue;
    upper = i;
    if (lower === -1) {
      lower = i;
      distinct = 1;
    }
    let current = trigramRatio(shared, queryCount, distinct);
    // Try every later lower end of the extent, dropping the trigrams left behind.
    let trialShared = shared;
    let trialDistinct = distinct;
    const previousLower = lower;
    for (let trialLower = lower; trialLower <= upper; trialLower++) {
      const trial = trigramRatio(trialShared, queryCount, trialDistinct);
      if (trial > current) {
        current = trial;
        distinct = trialDistinct;
        lower = trialLower;
        shared = trialShared;
      }
      const left = sequence[trialLower];
      if (lastPosition[left] === trialLower) {
        trialDistinct--;
        if (inQuery[left] === 1) trialShared--;
      }
    }
    best = Math.max(best, current);
    for (let dropped = previousLower; dropped < lower; dropped++) {
      const left = sequence[dropped];
      if (lastPosition[left] === dropped) lastPosition[left] = -1;
    }
  }
  for (let i = 0; i < sequence.length; i++) lastPosition[sequence[i]] = -1;
  return best;
}
