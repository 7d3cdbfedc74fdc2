import { TrainingInput } from '../train-model';
import { createSeededRandom } from '../seeded-random';
import { stratifiedSplit } from './split';
import {
  THIN_HISTORY_MAX,
  THIN_SIMULATED_SHARE,
  evaluateThinHistories,
  thinOut,
} from './thin-histories';

/**
 * 60 users, 30 items in two taste groups (genre 0: items 0-14, genre 1: items 15-29), every
 * user rating 14 items of their group, one a second.
 */
function syntheticInput(): TrainingInput {
  const random = createSeededRandom(5);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 60; u++) {
    const group = u % 2;
    const picked = new Set<number>();
    while (picked.size < 14) picked.add(group * 15 + Math.floor(random() * 15));
    for (const item of picked) {
      users.push(u);
      items.push(item);
    }
  }
  const genreBits = Uint32Array.from({ length: 30 }, (_, i) => (i < 15 ? 1 : 2));
  return {
    nUsers: 60,
    itemIds: Int32Array.from({ length: 30 }, (_, i) => 100 + i),
    interactions: {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: Float32Array.from(users, () => 4.5),
      timestamps: Float64Array.from(users, (_, e) => 1_000 + e),
    },
    content: {
      nItems: 30,
      genreBits,
      nGenres: 2,
      years: new Float32Array(30).fill(NaN),
      termItems: new Int32Array(0),
      termIds: new Int32Array(0),
      nTerms: 0,
    },
    genreNames: ['Horror', 'Comedy'],
  };
}

describe('thinOut', () => {
  const input = syntheticInput();
  const split = stratifiedSplit(input.interactions, 30, { seed: 1 });

  it('cuts a seeded share of the test users to their first 1..10 entries by time, no one else', () => {
    const { train, thinUsers } = thinOut(split, 60, 7);
    const testUsers = new Set(split.test.users);
    expect(thinUsers.length).toBe(Math.round(THIN_SIMULATED_SHARE * testUsers.size));
    expect(thinUsers).toEqual([...thinUsers].sort((a, b) => a - b));
    const entriesOf = (data: typeof train, user: number): number[] =>
      Array.from(data.timestamps).filter((_, e) => data.users[e] === user);
    for (let user = 0; user < 60; user++) {
      const before = entriesOf(split.train, user);
      const after = entriesOf(train, user);
      if (thinUsers.includes(user)) {
        expect(after.length).toBeGreaterThanOrEqual(1);
        expect(after.length).toBeLessThanOrEqual(THIN_HISTORY_MAX);
        // The earliest ones, in the order they were.
        expect(after).toEqual([...before].sort((a, b) => a - b).slice(0, after.length));
      } else {
        expect(after).toEqual(before);
      }
    }
    expect(thinOut(split, 60, 7)).toEqual({ train, thinUsers });
    expect(thinOut(split, 60, 8).thinUsers).not.toEqual(thinUsers);
  });
});

describe('evaluateThinHistories', () => {
  it('ranks the thin users four ways; the served hybrid beats popularity and content alone', async () => {
    const input = syntheticInput();
    const split = stratifiedSplit(input.interactions, 30, { seed: 1 });
    const result = await evaluateThinHistories(
      input,
      split,
      { k: 5, seed: 7, model: {} },
      { workers: 0 },
    );
    const { thinUsers } = thinOut(split, 60, 7);
    expect(result.maxInteractions).toBe(THIN_HISTORY_MAX);
    for (const metrics of [
      result.hybrid,
      result.collaborative,
      result.content,
      result.popularity,
    ]) {
      expect(metrics.users).toBe(thinUsers.length);
      expect(metrics.k).toBe(5);
    }
    // One genre per taste group: content alone already finds the group, and the hybrid
    // (content blended into the item-item evidence) must not lose to it or to popularity.
    expect(result.content.ndcg).toBeGreaterThan(result.popularity.ndcg);
    expect(result.hybrid.ndcg).toBeGreaterThanOrEqual(result.content.ndcg);
    expect(result.hybrid.ndcg).toBeGreaterThan(result.popularity.ndcg);
  });
});
