import { DEFAULT_SCORING_OPTIONS, ScoringOptions } from './scoring-options';
import { historyOf, likedItems, userItemWeights } from './user-weights';

const DAY = 86400;
const NOW = 1_000 * DAY;

function options(overrides: Partial<ScoringOptions>): ScoringOptions {
  return { ...DEFAULT_SCORING_OPTIONS, ...overrides };
}

/** Item 0 rated 4 then 5 (the later 5 counts), item 1 rated 2: mean of the kept values 3.5. */
const HISTORY = [
  { item: 0, value: 4, timestamp: NOW - 3 * DAY },
  { item: 1, value: 2, timestamp: NOW - 2 * DAY },
  { item: 0, value: 5, timestamp: NOW - DAY },
];

const asObject = (weights: Map<number, number>): Record<number, number> =>
  Object.fromEntries(weights);

describe('userItemWeights', () => {
  it('weighs by preference by default: the latest 5 gives 1, a 2 pushes down by dislikeWeight / 4', () => {
    const weights = userItemWeights(HISTORY, DEFAULT_SCORING_OPTIONS, NOW);
    expect(asObject(weights)).toEqual({ 0: 1, 1: -0.125 });
    const harsher = userItemWeights(HISTORY, options({ dislikeWeight: 2 }), NOW);
    expect(asObject(harsher)).toEqual({ 0: 1, 1: -0.5 });
  });

  it('gives every item 1 with binary weighting and no recency', () => {
    const weights = userItemWeights(HISTORY, options({ userWeighting: 'binary' }), NOW);
    expect(asObject(weights)).toEqual({ 0: 1, 1: 1 });
  });

  it('uses the latest rating of a repeated item', () => {
    const weights = userItemWeights(HISTORY, options({ userWeighting: 'rating' }), NOW);
    expect(asObject(weights)).toEqual({ 0: 5, 1: 2 });
  });

  it('keeps the later-listed entry when two share a timestamp', () => {
    const tied = [
      { item: 3, value: 1, timestamp: NOW },
      { item: 3, value: 4.5, timestamp: NOW },
    ];
    expect(asObject(userItemWeights(tied, options({ userWeighting: 'rating' }), NOW))).toEqual({
      3: 4.5,
    });
  });

  it('centres on the mean of the kept entries only (3.5, not 11/3)', () => {
    const weights = userItemWeights(HISTORY, options({ userWeighting: 'user-centred' }), NOW);
    expect(asObject(weights)).toEqual({ 0: 1.5, 1: -1.5 });
  });

  it('halves a weight per half-life of age', () => {
    const weights = userItemWeights(
      HISTORY,
      options({ userWeighting: 'rating', recencyHalfLifeDays: 1 }),
      NOW,
    );
    // Item 0: 5 * 2^-1 (one day old); item 1: 2 * 2^-2 (two days old).
    expect(weights.get(0)).toBeCloseTo(2.5, 12);
    expect(weights.get(1)).toBeCloseTo(0.5, 12);
    const slower = userItemWeights(
      HISTORY,
      options({ userWeighting: 'binary', recencyHalfLifeDays: 2 }),
      NOW,
    );
    expect(slower.get(0)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(slower.get(1)).toBeCloseTo(0.5, 12);
  });

  it('counts an entry from the future as age 0', () => {
    const future = [{ item: 2, value: 3, timestamp: NOW + 5 * DAY }];
    const weights = userItemWeights(
      future,
      options({ userWeighting: 'rating', recencyHalfLifeDays: 1 }),
      NOW,
    );
    expect(asObject(weights)).toEqual({ 2: 3 });
  });

  it('scales a stand-in by its share: a 5 at share 0.4 pulls 0.4, a 0.5 at share 0.5 pushes 0.25', () => {
    const standIns = [
      { item: 7, value: 5, timestamp: NOW, standIn: { share: 0.4, unseen: 100 } },
      { item: 8, value: 0.5, timestamp: NOW, standIn: { share: 0.5, unseen: 101 } },
    ];
    // dislikeWeight 0.5: a 0.5 alone gives -0.5.
    expect(asObject(userItemWeights(standIns, DEFAULT_SCORING_OPTIONS, NOW))).toEqual({
      7: 0.4,
      8: -0.25,
    });
  });

  it('keeps the user own entry of an item over a stand-in for it, even a later one', () => {
    const mixed = [
      { item: 0, value: 5, timestamp: NOW - DAY },
      { item: 0, value: 0.5, timestamp: NOW, standIn: { share: 0.9, unseen: 100 } },
      { item: 1, value: 5, timestamp: NOW, standIn: { share: 0.9, unseen: 100 } },
      { item: 1, value: 2, timestamp: NOW - DAY },
    ];
    expect(asObject(userItemWeights(mixed, DEFAULT_SCORING_OPTIONS, NOW))).toEqual({
      0: 1,
      1: -0.125,
    });
  });

  it('returns no weights for an empty history', () => {
    expect(userItemWeights([], options({ userWeighting: 'user-centred' }), NOW).size).toBe(0);
  });
});

describe('likedItems', () => {
  it('keeps the items whose latest value is 3.5 or more', () => {
    expect([...likedItems(HISTORY)]).toEqual([0]);
    const changedMind = [
      { item: 4, value: 5, timestamp: NOW - DAY },
      { item: 4, value: 3, timestamp: NOW },
      { item: 5, value: 3.5, timestamp: NOW },
    ];
    expect([...likedItems(changedMind)]).toEqual([5]);
  });

  it('never keeps a stand-in, however high the value it stands for', () => {
    const standIn = { item: 6, value: 5, timestamp: NOW, standIn: { share: 1, unseen: 100 } };
    expect([...likedItems([standIn])]).toEqual([]);
  });
});

describe('historyOf', () => {
  it('lists the own items and counts each unseen movie once, whatever its stand-ins', () => {
    const history = historyOf([
      { item: 0, value: 4, timestamp: NOW },
      { item: 1, value: 5, timestamp: NOW, standIn: { share: 0.2, unseen: 100 } },
      { item: 2, value: 5, timestamp: NOW, standIn: { share: 0.2, unseen: 100 } },
      { item: 3, value: 1, timestamp: NOW, standIn: { share: 0.5, unseen: 101 } },
      // Item 0's own rating wins over this stand-in.
      { item: 0, value: 1, timestamp: NOW, standIn: { share: 0.5, unseen: 102 } },
    ]);
    expect([...history.own]).toEqual([0]);
    expect(history.length).toBe(3);
  });
});
