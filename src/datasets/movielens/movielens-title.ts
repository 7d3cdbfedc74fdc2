/** A MovieLens title split into its display title and release year. */
export interface ParsedTitle {
  title: string;
  releaseYear: number | null;
}

const YEAR_SUFFIX = /\s*\((\d{4})(?:\s*[-–]\s*(?:\d{4})?\s*)?\)\s*$/;
const TRAILING_ARTICLE = /^(.+), (The|A|An|Les|Le|La|L'|Il|El|Die|Der|Das|Den|Det)(\s*\(.*\))?$/;

/**
 * Splits "American President, The (1995)" into { title: "The American President",
 * releaseYear: 1995 }: removes the trailing "(yyyy)" (or a "(yyyy-yyyy)" range, keeping the
 * first year) and moves a trailing article back to the front (also before an alternative title
 * in parentheses). Titles without a year keep releaseYear null.
 */
export function parseMovieLensTitle(raw: string): ParsedTitle {
  const trimmed = raw.trim();
  const year = YEAR_SUFFIX.exec(trimmed);
  const withoutYear = year ? trimmed.slice(0, year.index).trim() : trimmed;
  const article = TRAILING_ARTICLE.exec(withoutYear);
  const separator = article?.[2].endsWith("'") ? '' : ' ';
  const title = article ? `${article[2]}${separator}${article[1]}${article[3] ?? ''}` : withoutYear;
  return { title, releaseYear: year ? Number(year[1]) : null };
}
