import { BinaryRowWriter } from './binary-copy';

describe('BinaryRowWriter', () => {
  it('writes a row as field count, then length and big-endian value per column', () => {
    const writer = new BinaryRowWriter(4);
    writer.reserve(2 + 8 + 8 + 12);
    writer.row(3);
    writer.int4(-2);
    writer.float4(3.5);
    writer.timestampFromSeconds(946_684_801);
    const row = writer.take();
    expect(row.readInt16BE(0)).toBe(3);
    expect([row.readInt32BE(2), row.readInt32BE(6)]).toEqual([4, -2]);
    expect([row.readInt32BE(10), row.readFloatBE(14)]).toEqual([4, 3.5]);
    expect([row.readInt32BE(18), row.readBigInt64BE(22)]).toEqual([8, 1_000_000n]);
  });

  it('counts timestamps in microseconds from 2000-01-01, before it and far after it', () => {
    const micros = (seconds: number): bigint => {
      const writer = new BinaryRowWriter();
      writer.reserve(12);
      writer.timestampFromSeconds(seconds);
      return writer.take().readBigInt64BE(4);
    };
    expect(micros(0)).toBe(-946_684_800_000_000n);
    expect(micros(1_260_759_144)).toBe(314_074_344_000_000n);
    expect(micros(999_999_999_999)).toBe((999_999_999_999n - 946_684_800n) * 1_000_000n);
  });
});
