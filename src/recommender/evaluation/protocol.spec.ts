import { createSeededRandom } from '../seeded-random';
import { runEvaluationProtocol } from './protocol';

/** 30 users, 20 items in two taste groups, every user rating 8 items of one group. */
function syntheticInput(): Parameters<typeof runEvaluationProtocol>[0] {
  const random = createSeededRandom(3);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 30; u++) {
    const group = u % 2;
    const picked = new Set<number>();
    while (picked.size < 8) picked.add(group * 10 + Math.floor(random() * 10));
    for (const item of picked) {
      users.push(u);
      items.push(item);
    }
  }
  return {
    nUsers: 30,
    itemIds: Int32Array.from({ length: 20 }, (_, i) => 100 + i),
    interactions: {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: Float32Array.from(users, () => 4),
      timestamps: Float64Array.from(users, (_, e) => e),
    },
  };
}

describe('runEvaluationProtocol', () => {
  it('ranks every test user without their training items and beats popularity', async () => {
    const input = syntheticInput();
    let tick = 0;
    const result = await runEvaluationProtocol(
      input,
      { k: 5, seed: 42, validation: false, model: {} },
      { workers: 0, clock: () => (tick += 10) },
    );
    expect(result.model.users).toBe(new Set(result.split.test.users).size);
    expect(result.model.trainingMs).toBe(10);
    for (const list of result.lists) {
      const own = new Set(
        Array.from(result.split.train.items).filter(
          (_, e) => result.split.train.users[e] === list.user,
        ),
      );
      expect(list.items.some((item) => own.has(item))).toBe(false);
      expect(list.items.length).toBe(5);
    }
    expect(result.model.ndcg).toBeGreaterThan(result.popularity.ndcg);
    expect(result.split.train.users.length + result.split.test.users.length).toBe(240);
  });

  it('measures the onboarding case from each user’s first picks, beating popularity', async () => {
    const result = await runEvaluationProtocol(
      syntheticInput(),
      { k: 5, seed: 42, validation: false, model: {} },
      { workers: 0, clock: () => 0 },
    );
    const { onboarding } = result;
    expect(onboarding.picks).toBe(5);
    expect(onboarding.model.users).toBe(result.model.users);
    expect(onboarding.popularity).toEqual(result.popularity);
    // Five picks of one taste group already say which group.
    expect(onboarding.model.ndcg).toBeGreaterThan(onboarding.popularity.ndcg);
  });

  it('measures thin histories on the users with at most 10 training interactions', async () => {
    const input = syntheticInput();
    // User 0 gets up to 12 more items, so not every user is thin.
    const extra = Array.from({ length: 20 }, (_, item) => item);
    const own = new Set(Array.from(input.interactions.items).filter((_, e) => e < 8));
    const added = extra.filter((item) => !own.has(item));
    const n = added.length;
    const interactions = {
      users: Int32Array.from([...input.interactions.users, ...added.map(() => 0)]),
      items: Int32Array.from([...input.interactions.items, ...added]),
      values: Float32Array.from([...input.interactions.values, ...added.map(() => 4)]),
      timestamps: Float64Array.from([
        ...input.interactions.timestamps,
        ...added.map((_, i) => 1000 + i),
      ]),
    };
    const result = await runEvaluationProtocol(
      { ...input, interactions },
      { k: 5, seed: 42, validation: false, model: {} },
      { workers: 0, clock: () => 0 },
    );
    const trainCounts = new Map<number, number>();
    for (const u of result.split.train.users) trainCounts.set(u, (trainCounts.get(u) ?? 0) + 1);
    const thinTestUsers = new Set(
      Array.from(result.split.test.users).filter((u) => (trainCounts.get(u) ?? 0) <= 10),
    );
    expect(n).toBe(12);
    expect(result.thin.maxInteractions).toBe(10);
    expect(result.thin.model.users).toBe(thinTestUsers.size);
    expect(result.thin.popularity.users).toBe(result.thin.model.users);
  });

  it('in validation mode measures on a part carved out of the training part', async () => {
    const input = syntheticInput();
    const options = { k: 5, seed: 42, model: {} };
    const context = { workers: 0, clock: (): number => 0 };
    const test = await runEvaluationProtocol(input, { ...options, validation: false }, context);
    const validation = await runEvaluationProtocol(
      input,
      { ...options, validation: true },
      context,
    );
    const testKeys = new Set(
      Array.from(test.split.test.users, (u, e) => `${u}:${test.split.test.items[e]}`),
    );
    const validationKeys = Array.from(
      validation.split.test.users,
      (u, e) => `${u}:${validation.split.test.items[e]}`,
    );
    expect(validationKeys.some((key) => testKeys.has(key))).toBe(false);
    expect(validation.split.train.users.length).toBeLessThan(test.split.train.users.length);
  });
});
