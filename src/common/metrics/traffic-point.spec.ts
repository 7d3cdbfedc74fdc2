import { LatencyTally } from './latency-tally';
import { bucketQuantile, trafficPoint } from './traffic-point';

const BOUNDS = [0.01, 0.1, 1];

describe('bucketQuantile', () => {
  it('interpolates inside the bucket that holds the rank', () => {
    // 10 requests <= 10 ms, 10 in (10, 100] ms: the median is the end of the first bucket, the
    // 75th percentile half-way through the second (rank 15 of 20: 5 of its 10).
    expect(bucketQuantile(0.5, BOUNDS, [10, 10, 0, 0])).toBeCloseTo(0.01, 10);
    expect(bucketQuantile(0.75, BOUNDS, [10, 10, 0, 0])).toBeCloseTo(0.055, 10);
    // From 0 in the first bucket: rank 2.5 of 10 is a quarter of the way to 10 ms.
    expect(bucketQuantile(0.25, BOUNDS, [10, 0, 0, 0])).toBeCloseTo(0.0025, 10);
  });

  it('answers the highest bound past it, and null with no request', () => {
    expect(bucketQuantile(0.99, BOUNDS, [1, 0, 0, 99])).toBe(1);
    expect(bucketQuantile(0.5, BOUNDS, [0, 0, 0, 0])).toBeNull();
  });
});

describe('trafficPoint', () => {
  it('counts what the interval added: rate, quantiles in ms, server errors', () => {
    const tally = new LatencyTally(BOUNDS);
    tally.record(0.005, false);
    const before = tally.snapshot();
    for (let i = 0; i < 8; i++) tally.record(0.005, false);
    tally.record(0.5, true);
    tally.record(0.05, false);
    const point = trafficPoint(before, tally.snapshot(), BOUNDS, 5, new Date(Date.UTC(2026, 0, 2)));
    // 10 requests in 5 s; counts [8, 1, 1, 0]: rank 5 is 5/8 of the way to 10 ms; rank 9.9 is
    // 0.9 of the way from 100 ms to 1 s.
    expect(point).toEqual({
      at: '2026-01-02T00:00:00.000Z',
      requests: 10,
      requestsPerSecond: 2,
      p50Ms: 6.3,
      p99Ms: 910,
      serverErrors: 1,
    });
  });

  it('has no quantiles for an interval without requests', () => {
    const tally = new LatencyTally(BOUNDS);
    const at = new Date(0);
    expect(trafficPoint(tally.snapshot(), tally.snapshot(), BOUNDS, 10, at)).toMatchObject({
      requests: 0,
      requestsPerSecond: 0,
      p50Ms: null,
      p99Ms: null,
    });
  });
});

describe('LatencyTally', () => {
  it('puts a latency equal to a bound in that bucket, and past the last in the overflow', () => {
    const tally = new LatencyTally(BOUNDS);
    tally.record(0.01, false);
    tally.record(0.0100001, false);
    tally.record(5, false);
    expect(Array.from(tally.snapshot().counts)).toEqual([1, 1, 0, 1]);
  });

  it('refuses bounds that do not ascend', () => {
    expect(() => new LatencyTally([0.1, 0.1])).toThrow('ascend');
  });
});
