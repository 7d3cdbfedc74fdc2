import { parseLsn, WalTimeline } from './wal-timeline';

describe('parseLsn', () => {
  it('reads the high and low 32 bits in hex', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/5AD762F0')).toBe(0x5ad762f0n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('16/b374d848')).toBe(parseLsn('16/B374D848'));
  });

  it('refuses anything else', () => {
    expect(() => parseLsn('')).toThrow(RangeError);
    expect(() => parseLsn('16B374D848')).toThrow(/not a WAL position/);
    expect(() => parseLsn('1/2/3')).toThrow(RangeError);
  });
});

describe('WalTimeline', () => {
  it('says 0 for a standby that replayed what the primary had at the last sample', () => {
    const timeline = new WalTimeline(10_000);
    timeline.record(1000, 500n);
    expect(timeline.lagMs(500n, 1200)).toBe(0);
    expect(timeline.lagMs(600n, 1200)).toBe(0);
  });

  it('stays 0 on an idle primary however long it is idle', () => {
    const timeline = new WalTimeline(10_000);
    timeline.record(1000, 500n);
    for (let at = 1500; at <= 60_000; at += 500) timeline.record(at, 500n);
    expect(timeline.lagMs(500n, 60_000)).toBe(0);
  });

  it('measures from when the primary was first seen past the replay position', () => {
    const timeline = new WalTimeline(10_000);
    timeline.record(1000, 100n);
    timeline.record(1500, 200n);
    timeline.record(2000, 300n);
    // Replayed 150: missing what came by 1500 (first seen at 200).
    expect(timeline.lagMs(150n, 2100)).toBe(600);
    // Replayed 200 exactly: missing what came by 2000.
    expect(timeline.lagMs(200n, 2100)).toBe(100);
    // Behind every sample: at least since the oldest.
    expect(timeline.lagMs(50n, 2100)).toBe(1100);
  });

  it('grows while a stopped standby stays behind an idle primary', () => {
    const timeline = new WalTimeline(10_000);
    timeline.record(1000, 100n);
    timeline.record(1500, 200n);
    for (let at = 2000; at <= 5000; at += 500) timeline.record(at, 200n);
    expect(timeline.lagMs(100n, 5000)).toBe(3500);
  });

  it('keeps keepMs of history: a standby behind all of it lags at least keepMs', () => {
    const timeline = new WalTimeline(2000);
    for (let at = 0; at <= 10_000; at += 500) timeline.record(at, BigInt(at + 1));
    expect(timeline.lagMs(0n, 10_000)).toBeGreaterThanOrEqual(2000);
    expect(timeline.lagMs(9_001n, 10_000)).toBe(500);
  });
});
