import { Vocabulary } from './vocabulary';

describe('Vocabulary', () => {
  it('maps ids to dense indexes in first-seen order and back', () => {
    const vocabulary = Vocabulary.fromIds([42, 7, 42, 100]);
    expect(vocabulary.size).toBe(3);
    expect(vocabulary.indexOf(7)).toBe(1);
    expect(vocabulary.idAt(2)).toBe(100);
    expect(Array.from(vocabulary.toInt32Array())).toEqual([42, 7, 100]);
  });

  it('answers -1 for an unknown id and throws for an unknown index', () => {
    const vocabulary = Vocabulary.fromIds([1]);
    expect(vocabulary.indexOf(2)).toBe(-1);
    expect(() => vocabulary.idAt(5)).toThrow(RangeError);
  });
});
