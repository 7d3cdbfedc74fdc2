import { toQueryNumber } from './query-number';

describe('toQueryNumber', () => {
  it.each([
    ['16', 16],
    ['-3', -3],
    ['0.5', 0.5],
    ['007', 7],
  ])('reads %s in decimal notation as %s', (text, number) => {
    expect(toQueryNumber({ value: text })).toBe(number);
  });

  it.each(['0x10', '0b11', '0o7', '1e1', '+5', ' 5', '5 ', '5.', '.5', '', 'Infinity', 'NaN'])(
    'leaves %j for validation to refuse',
    (text) => {
      expect(toQueryNumber({ value: text })).toBe(text);
    },
  );

  it('leaves a repeated parameter (a list) alone', () => {
    expect(toQueryNumber({ value: ['1', '2'] })).toEqual(['1', '2']);
  });
});
