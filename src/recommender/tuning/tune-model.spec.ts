import { resolveModelOptions } from '../model-options';
import { createSeededRandom } from '../seeded-random';
import { TrainingInput } from '../train-model';
import { tuneModel } from './tune-model';
import { tuningObjective } from './tuning-objective';

/**
 * 90 users, 30 items in three taste groups: each user rates 8 items of their group 4 to 5 stars
 * and two items of the other groups 1 star.
 */
function tasteInput(): TrainingInput {
  const random = createSeededRandom(5);
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let u = 0; u < 90; u++) {
    const group = u % 3;
    const picked = new Map<number, number>();
    while (picked.size < 8) picked.set(group * 10 + Math.floor(random() * 10), 4 + random());
    for (const other of [1, 2]) {
      picked.set(((group + other) % 3) * 10 + Math.floor(random() * 10), 1);
    }
    for (const [item, value] of picked) {
      users.push(u);
      items.push(item);
      values.push(Math.round(value * 2) / 2);
    }
  }
  return {
    nUsers: 90,
    itemIds: Int32Array.from({ length: 30 }, (_, i) => 1000 + i),
    interactions: {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: Float32Array.from(values),
      timestamps: Float64Array.from(users, (_, e) => e),
    },
  };
}

/** A clock that moves 100 ms every time it is read: trials "take" time without sleeping. */
function steppingClock(): () => number {
  let now = 0;
  return () => (now += 100);
}

describe('tuneModel', () => {
  it('searches within the budget and keeps a point at least as good as the defaults', async () => {
    const outcome = await tuneModel(
      tasteInput(),
      {},
      { budgetSeconds: 60, seed: 43 },
      { workers: 0, clock: steppingClock() },
    );
    const { summary } = outcome;
    expect(summary.trials).toBeGreaterThan(10);
    expect(summary.searchMs).toBeLessThanOrEqual(60_000);
    expect(summary.budgetSeconds).toBe(60);
    const { defaults, chosen } = summary.validation;
    expect(summary.validation.users).toBeGreaterThan(0);
    expect(summary.validation.thinUsers).toBeGreaterThan(0);
    expect(summary.validation.thinUsers).toBeLessThanOrEqual(
      Math.round(summary.validation.users / 5),
    );
    expect(tuningObjective(chosen, defaults)).toBeGreaterThanOrEqual(
      tuningObjective(defaults, defaults),
    );
    expect(Object.keys(summary.chosen)).toContain('easeLambdaScale');
    const resolved = resolveModelOptions(outcome.options);
    for (const [path, value] of Object.entries(summary.changed)) {
      const [head, tail] = path.split('.');
      const node = (resolved as unknown as Record<string, Record<string, number>>)[head];
      expect(tail === undefined ? node : node[tail]).toBe(value);
    }
  });

  it('chooses the same values for the same data', async () => {
    const run = () =>
      tuneModel(
        tasteInput(),
        {},
        { budgetSeconds: 60, seed: 43 },
        {
          workers: 0,
          clock: steppingClock(),
        },
      );
    const [first, second] = [await run(), await run()];
    expect(second.summary).toEqual(first.summary);
  });

  it('keeps the given options untouched when the budget allows only the defaults', async () => {
    const defaults = { easeLambda: 800 };
    const outcome = await tuneModel(
      tasteInput(),
      defaults,
      { budgetSeconds: 0.001, seed: 43 },
      { workers: 0, clock: steppingClock() },
    );
    expect(outcome.options).toBe(defaults);
    expect(outcome.summary).toMatchObject({ trials: 1, stoppedBy: 'budget', changed: {} });
    expect(outcome.summary.chosen.easeLambda).toBe(800);
    expect(outcome.summary.validation.chosen).toEqual(outcome.summary.validation.defaults);
  });

  it('reports each trial as it ends, the defaults first', async () => {
    const seen: number[] = [];
    const outcome = await tuneModel(
      tasteInput(),
      {},
      { budgetSeconds: 2, seed: 43 },
      { workers: 0, clock: steppingClock(), onTrial: (_, index) => seen.push(index) },
    );
    expect(seen).toEqual([...Array(outcome.summary.trials).keys()]);
  });
});
