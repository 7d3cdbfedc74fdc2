import { contentScores } from './content-scores';
import { ContentVectors } from './content-vectors';

const HALF = Math.SQRT1_2;

/** Unit vectors in two dimensions: 0 = x, 1 = y, 2 = the diagonal, 3 = -x. */
const VECTORS: ContentVectors = {
  dim: 2,
  values: Float32Array.from([1, 0, 0, 1, HALF, HALF, -1, 0]),
};

describe('contentScores', () => {
  it('scores every item by its cosine with the profile of one item', () => {
    const scores = contentScores(VECTORS, new Map([[0, 1]]));
    expect(Array.from(scores!)).toEqual([1, 0, expect.closeTo(HALF, 6), -1]);
  });

  it('divides by the profile norm: two orthogonal items of weight 1 and 3', () => {
    // p = (1, 3), |p| = sqrt 10: score(c) = v_c . p / sqrt 10.
    const scores = contentScores(
      VECTORS,
      new Map([
        [0, 1],
        [1, 3],
      ]),
    );
    const root10 = Math.sqrt(10);
    expect(scores![0]).toBeCloseTo(1 / root10, 6);
    expect(scores![1]).toBeCloseTo(3 / root10, 6);
    expect(scores![2]).toBeCloseTo((4 * HALF) / root10, 6);
    expect(scores![3]).toBeCloseTo(-1 / root10, 6);
  });

  it('lets a negative weight push its direction down, divided by both profiles norms', () => {
    const scores = contentScores(
      VECTORS,
      new Map([
        [0, 1],
        [1, -1],
      ]),
    );
    // p+ = (1, 0), p- = (0, 1), |p+| + |p-| = 2; score(c) = (v_c . p+ - max(0, v_c . p-)) / 2.
    const expected = [0.5, -0.5, 0, -0.5];
    expected.forEach((value, item) => expect(scores![item]).toBeCloseTo(value, 6));
  });

  it('never lets a dislike pull up an item unlike the disliked one', () => {
    // A signed profile -x would give item 3 (-x) a cosine of 1; a dislike only pushes down.
    const scores = contentScores(VECTORS, new Map([[0, -2]]));
    expect(Array.from(scores!)).toEqual([-1, 0, expect.closeTo(-HALF, 6), 0]);
  });

  it('returns null for an empty profile, one that cancels out, and a catalog without content', () => {
    expect(contentScores(VECTORS, new Map())).toBeNull();
    expect(
      contentScores(
        VECTORS,
        new Map([
          [0, 1],
          [3, 1],
        ]),
      ),
    ).toBeNull();
    expect(contentScores({ dim: 0, values: new Float32Array(0) }, new Map([[0, 1]]))).toBeNull();
  });
});
