import { parseCsvLine } from '../movielens-lines';
import { BadLineError } from './import-error';

/**
 * Strict line parsers for the large MovieLens files (ratings, tags, links, users). Each turns
 * one line into one row of PostgreSQL's COPY text format (tab-separated, `\N` for null), or
 * throws BadLineError saying what is wrong. Blank lines and headers are the caller's concern.
 */
export type FieldLayout = 'csv' | 'dat' | 'tab' | 'pipe';

const ID = /^\d{1,10}$/;
const INTEGER = /^-?\d{1,12}$/;
const MAX_ID = 2147483647;

function split(layout: FieldLayout, line: string): string[] {
  switch (layout) {
    case 'csv':
      return line.includes('"') ? parseCsvLine(line) : line.split(',');
    case 'dat':
      return line.split('::');
    case 'tab':
      return line.split('\t');
    case 'pipe':
      return line.split('|');
  }
}

function id(value: string | undefined, what: string): string {
  const text = (value ?? '').trim();
  if (!ID.test(text) || Number(text) > MAX_ID || Number(text) === 0) {
    throw new BadLineError(`${what} "${value ?? ''}" is not a positive integer id`);
  }
  return text;
}

function epochSeconds(value: string | undefined): string {
  const text = (value ?? '').trim();
  if (!INTEGER.test(text)) throw new BadLineError(`timestamp "${value ?? ''}" is not an integer`);
  return text;
}

function fieldCount(fields: string[], expected: number): void {
  if (fields.length !== expected) {
    throw new BadLineError(`expected ${expected} fields, found ${fields.length}`);
  }
}

/** Escapes a text value for COPY's text format. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(
        /[\\\t\n\r]/g,
        (ch) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n' })[ch] ?? '\\r',
      )
    : value;
}

/** `user movie rating epoch-seconds` → `user\tmovie\trating\tseconds\n`. */
export function ratingRow(layout: FieldLayout, line: string): string {
  const fields = split(layout, line);
  fieldCount(fields, 4);
  const rating = Number(fields[2]);
  if (!(rating >= 0.5 && rating <= 5 && Number.isInteger(rating * 2)) || fields[2].trim() === '') {
    throw new BadLineError(`rating "${fields[2]}" is not 0.5 to 5.0 in steps of 0.5`);
  }
  const user = id(fields[0], 'user id');
  const movie = id(fields[1], 'movie id');
  return `${user}\t${movie}\t${rating}\t${epochSeconds(fields[3])}\n`;
}

/** `user movie tag epoch-seconds`; in `.dat` files a tag may itself contain "::". */
export function tagRow(layout: FieldLayout, line: string): string {
  let fields = split(layout, line);
  if (layout === 'dat' && fields.length > 4) {
    fields = [fields[0], fields[1], fields.slice(2, -1).join('::'), fields[fields.length - 1]];
  }
  fieldCount(fields, 4);
  const user = id(fields[0], 'user id');
  const movie = id(fields[1], 'movie id');
  return `${user}\t${movie}\t${copyText(fields[2])}\t${epochSeconds(fields[3])}\n`;
}

/** links.csv `movieId,imdbId,tmdbId` (tmdbId may be empty) → imdb id as `tt` + 7 digits. */
export function linkRow(line: string): string {
  const fields = split('csv', line);
  fieldCount(fields, 3);
  const movie = id(fields[0], 'movie id');
  const imdb = fields[1].trim();
  if (imdb !== '' && !/^\d{1,10}$/.test(imdb)) {
    throw new BadLineError(`imdbId "${fields[1]}" is not numeric`);
  }
  const tmdb = fields[2].trim();
  return `${movie}\t${imdb === '' ? '\\N' : `tt${imdb.padStart(7, '0')}`}\t${tmdb === '' ? '\\N' : id(tmdb, 'tmdbId')}\n`;
}

/** users.dat `id::gender::age::occupation::zip` or u.user `id|age|gender|occupation|zip`. */
export function userRow(layout: FieldLayout, line: string): string {
  const fields = split(layout, line);
  fieldCount(fields, 5);
  return `${id(fields[0], 'user id')}\n`;
}
