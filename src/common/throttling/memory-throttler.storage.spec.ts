import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  let now = 0;
  const storage = (): MemoryThrottlerStorage => new MemoryThrottlerStorage(() => now);

  beforeEach(() => (now = 1_000_000));

  it('counts hits in a fixed window per key and throttler', () => {
    const s = storage();
    expect(s.hit('default:a', 60_000, 2, 0)).toEqual({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
      timeToBlockExpire: 0,
    });
    now += 10_000;
    expect(s.hit('default:a', 60_000, 2, 0).totalHits).toBe(2);
    expect(s.hit('default:b', 60_000, 2, 0).totalHits).toBe(1);
    expect(s.hit('auth:a', 60_000, 2, 0).totalHits).toBe(1);
  });

  it('blocks past the limit to the window’s end, or for blockDuration, then starts anew', () => {
    const s = storage();
    s.hit('k', 60_000, 1, 0);
    now += 20_000;
    expect(s.hit('k', 60_000, 1, 0)).toEqual({
      totalHits: 2,
      timeToExpire: 40,
      isBlocked: true,
      timeToBlockExpire: 40,
    });
    expect(s.hit('k', 60_000, 1, 0).isBlocked).toBe(true);
    now += 40_000;
    expect(s.hit('k', 60_000, 1, 0)).toMatchObject({ totalHits: 1, isBlocked: false });

    s.hit('j', 60_000, 1, 120_000);
    expect(s.hit('j', 60_000, 1, 120_000)).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 120,
    });
    now += 60_000;
    // The window ended, the block did not.
    expect(s.hit('j', 60_000, 1, 120_000)).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 60,
    });
  });
});
