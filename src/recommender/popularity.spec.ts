import { computePopularity } from './popularity';
import { RecommenderError } from './recommender-error';

const DAY = 86400;
const NOW = 500 * DAY;

/** Events on items 0, 0, 2 and 2 of four items, 0, 1, 2 days old and one from the future. */
const EVENTS = {
  users: Int32Array.from([0, 1, 0, 1]),
  items: Int32Array.from([0, 0, 2, 2]),
  values: Float32Array.from([5, 1, 3, 4]),
  timestamps: Float64Array.from([NOW, NOW - DAY, NOW - 2 * DAY, NOW + DAY]),
};

describe('computePopularity', () => {
  it('counts events per item, whatever their value, with recency off (the default)', () => {
    expect(Array.from(computePopularity(EVENTS, 4, NOW))).toEqual([2, 0, 2, 0]);
  });

  it('weights each event by 2^(-age / half-life), future events as age 0', () => {
    const scores = computePopularity(EVENTS, 4, NOW, { halfLifeDays: 1 });
    // Item 0: 1 (now) + 1/2 (one day); item 2: 1/4 (two days) + 1 (future).
    expect(Array.from(scores)).toEqual([1.5, 0, 1.25, 0]);
  });

  it('counts nothing for an empty table', () => {
    const empty = {
      users: new Int32Array(0),
      items: new Int32Array(0),
      values: new Float32Array(0),
      timestamps: new Float64Array(0),
    };
    expect(Array.from(computePopularity(empty, 3, NOW))).toEqual([0, 0, 0]);
  });

  it('refuses a negative half-life and unknown options', () => {
    expect(() => computePopularity(EVENTS, 4, NOW, { halfLifeDays: -1 })).toThrow(RecommenderError);
    expect(() => computePopularity(EVENTS, 4, NOW, { halfLife: 1 } as never)).toThrow(
      /Unknown option "halfLife"/,
    );
  });
});
