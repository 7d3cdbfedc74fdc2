import { SearchOptions, SearchPoint, coordinateSearch } from './coordinate-search';

/** A fake clock that each measurement moves on by `msPerTrial` (no real time passes). */
function fakeClock(msPerTrial: (point: SearchPoint) => number) {
  let now = 1000;
  return {
    clock: () => now,
    measure: (value: (point: SearchPoint) => number) => (point: SearchPoint) => {
      now += msPerTrial(point);
      return Promise.resolve(value(point));
    },
  };
}

/** A bowl with its top at x = 3, y = -1: 10 - (x - 3)^2 - (y + 1)^2. */
const bowl = (point: SearchPoint): number => 10 - (point.x - 3) ** 2 - (point.y + 1) ** 2;

const DIMENSIONS = [
  { name: 'x', values: [0, 1, 2, 3, 4, 5] },
  { name: 'y', values: [-3, -2, -1, 0, 1] },
];

function options(overrides: Partial<SearchOptions<number>> = {}): SearchOptions<number> {
  const time = fakeClock(() => 10);
  return {
    defaults: { x: 0, y: 1 },
    dimensions: DIMENSIONS,
    measure: time.measure(bowl),
    score: (measured) => measured,
    budgetMs: 1e9,
    clock: time.clock,
    maxRounds: 3,
    minGain: 0,
    ...overrides,
  };
}

describe('coordinateSearch', () => {
  it('finds the known optimum of a separable toy objective, measuring the defaults first', async () => {
    const result = await coordinateSearch(options());
    expect(result.best.point).toEqual({ x: 3, y: -1 });
    expect(result.best.measured).toBe(10);
    expect(result.baseline.point).toEqual({ x: 0, y: 1 });
    expect(result.trials[0]).toBe(result.baseline);
    expect(result.baseline.measured).toBe(10 - 9 - 4);
    expect(result.stoppedBy).toBe('converged');
  });

  it('measures no point twice', async () => {
    const result = await coordinateSearch(options());
    const keys = result.trials.map((trial) => JSON.stringify(trial.point));
    expect(new Set(keys).size).toBe(keys.length);
    // Round 1: the defaults, 5 more x values, 4 more y values; round 2 finds nothing new.
    expect(result.trials).toHaveLength(1 + 5 + 4 + 5 + 0);
  });

  it('keeps the defaults when no point beats them, and ties do not move it', async () => {
    const flat = fakeClock(() => 10);
    const result = await coordinateSearch(
      options({ clock: flat.clock, measure: flat.measure(() => 1), defaults: { x: 2, y: 0 } }),
    );
    expect(result.best).toBe(result.baseline);
    expect(result.best.point).toEqual({ x: 2, y: 0 });
  });

  it('moves only for a gain above minGain', async () => {
    // From x = 2, y = -1, the optimum x = 3 gains exactly 1: not enough with minGain 1.
    const result = await coordinateSearch(options({ defaults: { x: 2, y: -1 }, minGain: 1 }));
    expect(result.best.point).toEqual({ x: 2, y: -1 });
    const moved = await coordinateSearch(options({ defaults: { x: 2, y: -1 }, minGain: 0.5 }));
    expect(moved.best.point).toEqual({ x: 3, y: -1 });
  });

  it('scores each trial against the defaults measurement', async () => {
    const score = jest.fn((measured: number, baseline: number) => measured - baseline);
    const result = await coordinateSearch(options({ score }));
    expect(result.baseline.score).toBe(0);
    for (const call of score.mock.calls) expect(call[1]).toBe(result.baseline.measured);
    expect(result.best.score).toBe(10 - result.baseline.measured);
  });

  it('starts no trial past the budget, judging the next by the slowest so far', async () => {
    const time = fakeClock(() => 100);
    const result = await coordinateSearch(
      options({ clock: time.clock, measure: time.measure(bowl), budgetMs: 450 }),
    );
    // 100 ms a trial: the fourth ends at 400 ms, and a fifth would end at 500 > 450.
    expect(result.trials).toHaveLength(4);
    expect(result.elapsedMs).toBe(400);
    expect(result.stoppedBy).toBe('budget');
    expect(result.best.point).toEqual({ x: 3, y: 1 });
  });

  it('runs the defaults even when the budget is smaller than one trial', async () => {
    const time = fakeClock(() => 100);
    const result = await coordinateSearch(
      options({ clock: time.clock, measure: time.measure(bowl), budgetMs: 1 }),
    );
    expect(result.trials).toHaveLength(1);
    expect(result.best).toBe(result.baseline);
    expect(result.stoppedBy).toBe('budget');
  });

  it('predicts from the slowest trial, so one slow value stops the pass early', async () => {
    const time = fakeClock((point) => (point.x === 1 ? 300 : 10));
    const result = await coordinateSearch(
      options({ clock: time.clock, measure: time.measure(bowl), budgetMs: 500 }),
    );
    // Defaults (10 ms), x = 1 (300 ms): at 310 ms the next trial is predicted to end at 610.
    expect(result.trials.map((trial) => trial.point.x)).toEqual([0, 1]);
  });

  it('stops after maxRounds passes', async () => {
    // Along this ridge each pass moves one step, so the passes run out before it converges.
    const coupled = (point: SearchPoint): number =>
      point.x + point.y - 0.6 * (point.x - point.y) ** 2;
    const time = fakeClock(() => 1);
    const result = await coordinateSearch(
      options({
        defaults: { x: 0, y: 0 },
        dimensions: [
          { name: 'x', values: [0, 1, 2, 3, 4] },
          { name: 'y', values: [0, 1, 2, 3, 4] },
        ],
        clock: time.clock,
        measure: time.measure(coupled),
        maxRounds: 1,
      }),
    );
    expect(result.stoppedBy).toBe('rounds');
  });
});
