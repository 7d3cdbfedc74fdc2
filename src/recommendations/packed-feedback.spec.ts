import {
  PACKED_DISMISSAL,
  PACKED_RATING,
  PACKED_ROW_BYTES,
  PACKED_WATCH,
  decodePackedFeedback,
} from './packed-feedback';

/** One row as PostgreSQL's int2send, int4send and float8send write it. */
function row(kind: number, movieId: number, value: number, at: number): Buffer {
  const bytes = Buffer.alloc(PACKED_ROW_BYTES);
  bytes.writeInt16BE(kind, 0);
  bytes.writeInt32BE(movieId, 2);
  bytes.writeDoubleBE(value, 6);
  bytes.writeDoubleBE(at, 14);
  return bytes;
}

describe('decodePackedFeedback', () => {
  it('reads every row into its kind, values exact', () => {
    const packed = Buffer.concat([
      row(PACKED_RATING, 2147483000, 4.5, 1700000000.123456),
      row(PACKED_WATCH, 7, 0.85, 1700000100),
      row(PACKED_RATING, 1, 0.5, 0),
      row(PACKED_DISMISSAL, 42, 0, 1700000200.5),
    ]);
    expect(decodePackedFeedback(packed)).toEqual({
      ratings: [
        { movieId: 2147483000, value: 4.5, atSeconds: 1700000000.123456 },
        { movieId: 1, value: 0.5, atSeconds: 0 },
      ],
      watches: [{ movieId: 7, value: 0.85, atSeconds: 1700000100 }],
      dismissals: [{ movieId: 42, value: 0, atSeconds: 1700000200.5 }],
    });
  });

  it('reads no feedback from NULL (string_agg of no rows)', () => {
    expect(decodePackedFeedback(null)).toEqual({ ratings: [], watches: [], dismissals: [] });
  });

  it('refuses a value that is not whole rows, or a kind it does not know', () => {
    const whole = row(PACKED_RATING, 1, 4, 0);
    expect(() => decodePackedFeedback(whole.subarray(0, 21))).toThrow(/21 bytes is not whole rows/);
    expect(() => decodePackedFeedback(row(9, 1, 4, 0))).toThrow(/unknown kind 9/);
  });
});
