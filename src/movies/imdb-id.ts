/** `tt` and digits, or the digits alone (as MovieLens writes them), at most 10 digits. */
const IMDB_ID = /^(?:tt)?0*([1-9][0-9]{0,9})$/i;

/**
 * An IMDb id in the one form movies store it (`tt` and at least 7 digits, zero-padded, as
 * the MovieLens import writes it), or null when `value` is not an IMDb id. `tt114709`,
 * `0114709` and `tt0114709` are all `tt0114709`.
 */
export function normaliseImdbId(value: string): string | null {
  const digits = IMDB_ID.exec(value)?.[1];
  return digits === undefined ? null : `tt${digits.padStart(7, '0')}`;
}
