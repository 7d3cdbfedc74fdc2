/** Title-search helpers, pure so they are unit-tested without a database. */

import { pgLower } from './pg-trigrams';

/**
 * Minimum word similarity (pg_trgm `<%`) for a title to match a query: low enough for a typo or
 * two in a word ("shawshnk"), while the ranking puts the closest titles first. The SQL search's
 * connections set it (TitleSearchPool), and the TitleIndex compares with it.
 */
export const WORD_SIMILARITY_THRESHOLD = 0.4;

/** Normalises a search query: trimmed, lower-case, inner whitespace collapsed. */
export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A LIKE pattern matching titles that start with `prefix` (LIKE's wildcards escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** Lower case, every run of characters other than letters and digits one space, trimmed. */
export function titleWords(text: string): string {
  return pgLower(text)
    .replace(/[^\p{L}\p{Nd}]+/gu, ' ')
    .replace(/^ +| +$/g, '');
}

/**
 * A title's words without its article, leading ("The Exorcist") or trailing after a comma as
 * MovieLens writes it ("Exorcist, The"): in process what coreSql computes in SQL.
 */
export function titleCore(text: string): string {
  return titleWords(pgLower(text).replace(/,\s*(the|a|an)\s*$/, '')).replace(/^(the|a|an) /, '');
}

/** SQL: lower case, every run of characters other than letters and digits one space, trimmed. */
function wordsSql(text: string): string {
  return `btrim(regexp_replace(lower(${text}), '[^[:alnum:]]+', ' ', 'g'))`;
}

/**
 * SQL: a title's words without its article, leading ("The Exorcist") or trailing after a comma
 * as MovieLens writes it ("Exorcist, The"), so "exorcist", "the exorcist" and "Exorcist, The"
 * all have the core "exorcist".
 */
function coreSql(text: string): string {
  const withoutTrailing = `regexp_replace(lower(${text}), ',\\s*(the|a|an)\\s*$', '')`;
  return `regexp_replace(${wordsSql(withoutTrailing)}, '^(the|a|an) ', '')`;
}

/**
 * ORDER BY for a title search, given the SQL of the normalised query, of its prefix pattern and
 * of the title: the exact title first (ignoring case, punctuation and an article), then titles
 * holding the query's core as whole words ("The Thing Called Love" for "the thing", never
 * "Finishing the Game"), then prefix matches, then by trigram similarity (typos), then the most
 * popular. Only the rows the trigram index matched are ranked, so the regexes cost little.
 */
export function titleRelevanceOrder(query: string, prefix: string, title: string): string {
  const core = coreSql(query);
  return [
    `(${coreSql(title)} = ${core}) DESC`,
    `(' ' || ${wordsSql(title)} || ' ' LIKE '% ' || ${core} || ' %') DESC`,
    `(lower(${title}) LIKE ${prefix}) DESC`,
    `word_similarity(${query}, lower(${title})) + similarity(${query}, lower(${title})) DESC`,
  ].join(', ');
}

/** Every movie as the TitleIndex is built from it (TitleEntry): genres as lower-case names. */
export const TITLE_ENTRIES_SQL = `
  SELECT m.id, m.title, m.popularity, m.release_year AS "releaseYear",
         coalesce(array_agg(lower(g.name)) FILTER (WHERE g.id IS NOT NULL), '{}') AS genres
    FROM movies m
    LEFT JOIN movie_genres mg ON mg.movie_id = m.id
    LEFT JOIN genres g ON g.id = mg.genre_id
   GROUP BY m.id`;
