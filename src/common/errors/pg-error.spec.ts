import { isDataException } from './pg-error';

describe('isDataException', () => {
  it.each(['22P02', '22003', '22008', '22021', '22001', '22000'])('is true for %s', (code) => {
    expect(isDataException(code)).toBe(true);
  });

  it.each([undefined, '23505', '57014', '08006', 'ECONNRESET', '22', '220030', 'x22003'])(
    'is false for %s',
    (code) => {
      expect(isDataException(code)).toBe(false);
    },
  );
});
