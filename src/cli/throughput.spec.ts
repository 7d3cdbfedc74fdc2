import { formatCountAndRate, ratePerSecond } from './throughput';

describe('ratePerSecond', () => {
  it('gives no rate for less than a second, however many items', () => {
    expect(ratePerSecond(9125, 1)).toBeUndefined();
    expect(ratePerSecond(2_000_000, 999)).toBeUndefined();
  });

  it('divides by the elapsed seconds from one second on', () => {
    expect(ratePerSecond(5000, 1000)).toBe(5000);
    expect(ratePerSecond(1_000_000, 4000)).toBe(250_000);
    expect(ratePerSecond(10, 3000)).toBe(3);
  });
});

describe('formatCountAndRate', () => {
  it('shows only the count while the rate is not measurable', () => {
    expect(formatCountAndRate(9125, 'rows', 1)).toBe('9,125 rows');
  });

  it('adds the rate once it is', () => {
    expect(formatCountAndRate(1_200_000, 'rows', 5000)).toBe('1,200,000 rows, 240,000 rows/s');
  });
});
