/** A number as people write one in a URL: digits, a leading minus, a decimal point. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * class-transformer `@Transform` for a numeric query parameter: decimal notation becomes a
 * number, anything else is left as the string for validation to refuse. `Number()` alone (what
 * `@Type(() => Number)` does) would also read `0x10`, `0b11`, `1e1`, `+5` and ` 5` as numbers,
 * while path ids already refuse them (url-path.ts): one notation for every number in a URL.
 */
export const toQueryNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
