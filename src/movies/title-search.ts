/** Title-search helpers, pure so they are unit-tested without a database. */

/** Normalises a search query: trimmed, lower-case, inner whitespace collapsed. */
export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A LIKE pattern matching titles that start with `prefix` (LIKE's wildcards escaped). */
export function prefixPattern(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
