/** MovieLens' scale: 0.5 to 5.0 in steps of 0.5. */
export const RATING_VALUES = Array.from({ length: 10 }, (_, i) => (i + 1) / 2);
