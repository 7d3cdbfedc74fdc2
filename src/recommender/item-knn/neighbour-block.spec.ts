import { resolveItemKnnOptions } from './item-knn-options';
import { buildRatingMatrices } from './item-vectors';
import { computeNeighbourBlock } from './neighbour-block';

// Users 0: {0, 1}; 1: {0, 1, 2}; 2: {1, 2}. Binary item vectors:
// |0| = sqrt 2, |1| = sqrt 3, |2| = sqrt 2; dot(0,1) = 2, dot(0,2) = 1, dot(1,2) = 2.
const interactions = {
  users: Int32Array.from([0, 0, 1, 1, 1, 2, 2]),
  items: Int32Array.from([0, 1, 0, 1, 2, 1, 2]),
  values: Float32Array.from([5, 3, 4, 2, 1, 4, 5]),
  timestamps: new Float64Array(7),
};
const { byUser, byItem } = buildRatingMatrices(interactions, 3, 3, 'binary');
/** Plain cosine: the defaults are tuned away from it. */
const COSINE = { shrinkage: 0, alpha: 0.5, sharpen: 1, minSupport: 1 };

function rowOf(itemOptions: object, item = 0): Array<[number, number]> {
  const options = resolveItemKnnOptions({ ...COSINE, ...itemOptions });
  const block = computeNeighbourBlock(byUser, byItem, item, item + 1, options);
  return Array.from(block.indices, (n, p) => [n, block.weights[p]]);
}

describe('computeNeighbourBlock', () => {
  it('computes cosine similarities best first, never the item itself', () => {
    const row = rowOf({});
    expect(row.map(([n]) => n)).toEqual([1, 2]);
    expect(row[0][1]).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(row[1][1]).toBeCloseTo(1 / 2, 6);
  });

  it('adds the shrinkage to the denominator', () => {
    expect(rowOf({ shrinkage: 1 })[0][1]).toBeCloseTo(2 / (Math.sqrt(6) + 1), 6);
  });

  it('uses |t|^alpha |n|^(1-alpha) for the asymmetric cosine', () => {
    const expected = 2 / (Math.pow(2, 0.8) * Math.pow(3, 0.2));
    expect(rowOf({ alpha: 0.8 })[0][1]).toBeCloseTo(expected, 5);
  });

  it('drops pairs under the minimum support and keeps only K neighbours', () => {
    expect(rowOf({ minSupport: 2 }).map(([n]) => n)).toEqual([1]);
    expect(rowOf({ neighbours: 1 }, 1)).toHaveLength(1);
  });

  it('sharpens, damps by neighbour popularity and normalises rows', () => {
    expect(rowOf({ sharpen: 2 })[0][1]).toBeCloseTo(4 / 6, 5);
    expect(rowOf({ popularityDamping: 1 })[0][1]).toBeCloseTo(2 / Math.sqrt(6) / 3, 6);
    const normalised = rowOf({ normalizeRows: 1 });
    expect(normalised[0][1] + normalised[1][1]).toBeCloseTo(1, 6);
  });

  it('computes user-centred (adjusted) cosines from rating minus user mean', () => {
    const centred = buildRatingMatrices(interactions, 3, 3, 'user-centred');
    const options = resolveItemKnnOptions({ ...COSINE, vectors: 'user-centred' });
    const block = computeNeighbourBlock(centred.byUser, centred.byItem, 1, 2, options);
    // Means: u0 4, u1 7/3, u2 4.5. Item 1: (-1, -1/3, -0.5); item 2: (0, -4/3, 0.5).
    const dot = (-1 / 3) * (-4 / 3) + -0.5 * 0.5;
    const norm1 = Math.sqrt(1 + 1 / 9 + 0.25);
    const norm2 = Math.sqrt(16 / 9 + 0.25);
    expect(Array.from(block.indices)).toEqual([2]);
    expect(block.weights[0]).toBeCloseTo(dot / (norm1 * norm2), 5);
  });
});
