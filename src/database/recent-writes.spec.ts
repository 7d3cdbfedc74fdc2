import { RecentWrites } from './recent-writes';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('RecentWrites', () => {
  it('holds a key for the window after its write, and no longer', () => {
    const time = clock();
    const writes = new RecentWrites<number>(3000, time.now);
    writes.wrote(7);
    expect(writes.isRecent(7)).toBe(true);
    expect(writes.isRecent(8)).toBe(false);
    time.advance(2999);
    expect(writes.isRecent(7)).toBe(true);
    time.advance(1);
    expect(writes.isRecent(7)).toBe(false);
  });

  it('restarts a key window on a second write', () => {
    const time = clock();
    const writes = new RecentWrites<number>(3000, time.now);
    writes.wrote(7);
    time.advance(2000);
    writes.wrote(7);
    time.advance(2000);
    expect(writes.isRecent(7)).toBe(true);
  });

  it('answers for a set of keys', () => {
    const time = clock();
    const writes = new RecentWrites<number>(3000, time.now);
    writes.wrote(2);
    expect(writes.anyRecent([1, 3])).toBe(false);
    expect(writes.anyRecent([1, 2, 3])).toBe(true);
  });

  it('holds every key after wroteAll', () => {
    const time = clock();
    const writes = new RecentWrites<number>(3000, time.now);
    writes.wroteAll();
    expect(writes.allRecent()).toBe(true);
    expect(writes.isRecent(123)).toBe(true);
    expect(writes.anyRecent([4])).toBe(true);
    time.advance(3000);
    expect(writes.allRecent()).toBe(false);
    expect(writes.isRecent(123)).toBe(false);
  });

  it('holds every key when more keys than its capacity were written in one window', () => {
    const time = clock();
    const writes = new RecentWrites<number>(3000, time.now, 3);
    for (const key of [1, 2, 3]) writes.wrote(key);
    expect(writes.isRecent(99)).toBe(false);
    writes.wrote(4);
    expect(writes.isRecent(99)).toBe(true);
    time.advance(3000);
    expect(writes.isRecent(1)).toBe(false);
  });

  it('forgets expired keys, so capacity counts only the current window', () => {
    const time = clock();
    const writes = new RecentWrites<number>(1000, time.now, 3);
    for (let key = 0; key < 30; key++) {
      writes.wrote(key);
      time.advance(400);
    }
    expect(writes.allRecent()).toBe(false);
    expect(writes.isRecent(29)).toBe(true);
    expect(writes.isRecent(26)).toBe(false);
  });

  it('records nothing with a window of 0 (no replicas)', () => {
    const time = clock();
    const writes = new RecentWrites<number>(0, time.now);
    writes.wrote(1);
    writes.wroteAll();
    expect(writes.isRecent(1)).toBe(false);
    expect(writes.anyRecent([1])).toBe(false);
    expect(writes.allRecent()).toBe(false);
  });
});
