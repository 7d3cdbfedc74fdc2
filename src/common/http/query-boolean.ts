/** class-transformer `@Transform` for a query flag: `true`/`false` become booleans, the rest is left for validation to refuse. */
export const toQueryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
