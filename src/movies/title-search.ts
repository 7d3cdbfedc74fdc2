/** Title-search helpers, pure so they are unit-tested without a database. */

/** Normalises a search query: trimmed, lower-case, inner whitespace collapsed. */
export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A LIKE pattern matching titles that start with `prefix` (LIKE's wildcards escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
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
