import { CALIBRATION_ITEMS, chooseEaseItems, measureSolve } from './ease-coverage';

describe('chooseEaseItems', () => {
  const calibration = (ms: number) => (n: number) => {
    expect(n).toBe(CALIBRATION_ITEMS);
    return ms;
  };

  it('takes the cap, unmeasured, when there is no budget', () => {
    const timer = jest.fn(() => 1);
    expect(chooseEaseItems({ available: 5000, maxItems: 3000, timeBudgetSeconds: 0 }, timer)).toBe(
      3000,
    );
    expect(timer).not.toHaveBeenCalled();
  });

  it('never exceeds the movies that have interactions, and skips the calibration for few', () => {
    const timer = jest.fn(() => 1);
    expect(chooseEaseItems({ available: 200, maxItems: 8000, timeBudgetSeconds: 20 }, timer)).toBe(
      200,
    );
    expect(timer).not.toHaveBeenCalled();
  });

  it('scales the calibration solve by n^3 and rounds down to a hundred', () => {
    // 256 movies in 10 ms: 20 s allows 256 * cbrt(2000) = 3225.6 movies.
    const limits = { available: 9000, maxItems: 8000, timeBudgetSeconds: 20 };
    expect(chooseEaseItems(limits, calibration(10))).toBe(3200);
    // 8x the budget doubles the count.
    expect(chooseEaseItems({ ...limits, timeBudgetSeconds: 160 }, calibration(10))).toBe(6400);
  });

  it('caps a generous budget at maxItems and at the catalog', () => {
    const limits = { available: 2500, maxItems: 8000, timeBudgetSeconds: 1000 };
    expect(chooseEaseItems(limits, calibration(1))).toBe(2500);
    expect(chooseEaseItems({ ...limits, maxItems: 1200 }, calibration(1))).toBe(1200);
  });

  it('keeps at least the calibration size when even that is over budget', () => {
    const limits = { available: 9000, maxItems: 8000, timeBudgetSeconds: 0.001 };
    expect(chooseEaseItems(limits, calibration(50))).toBe(CALIBRATION_ITEMS);
  });

  it('measures a real solve in positive milliseconds', () => {
    expect(measureSolve(32)).toBeGreaterThan(0);
  });
});
