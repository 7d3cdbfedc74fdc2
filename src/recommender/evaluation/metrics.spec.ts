import {
  averagePrecisionAtK,
  catalogCoverage,
  dislikedAtK,
  ndcgAtK,
  precisionAtK,
  recallAtK,
} from './metrics';

// Ranked list [10, 20, 30, 40], held-out {20, 40, 99}: hits at ranks 2 and 4.
const ranked = [10, 20, 30, 40];
const relevant = new Set([20, 40, 99]);

describe('ranking metrics', () => {
  it('precision@k divides the hits by k', () => {
    expect(precisionAtK(ranked, relevant, 4)).toBeCloseTo(2 / 4, 12);
    expect(precisionAtK(ranked, relevant, 10)).toBeCloseTo(2 / 10, 12);
  });

  it('recall@k divides the hits by the held-out count', () => {
    expect(recallAtK(ranked, relevant, 4)).toBeCloseTo(2 / 3, 12);
    expect(recallAtK(ranked, relevant, 2)).toBeCloseTo(1 / 3, 12);
  });

  it('nDCG@k uses binary gains over the ideal of min(k, held-out)', () => {
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAtK(ranked, relevant, 4)).toBeCloseTo(dcg / ideal, 12);
    // k = 2: one hit at rank 2, ideal has 2 hits.
    expect(ndcgAtK(ranked, relevant, 2)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
  });

  it('MAP@k sums precision at each hit and divides by the held-out count', () => {
    expect(averagePrecisionAtK(ranked, relevant, 4)).toBeCloseTo((1 / 2 + 2 / 4) / 3, 12);
  });

  it('gives 0 with no hit and a perfect list 1', () => {
    expect(ndcgAtK([1, 2], relevant, 2)).toBe(0);
    expect(ndcgAtK([20, 40, 99], relevant, 3)).toBeCloseTo(1, 12);
    expect(averagePrecisionAtK([20, 40, 99], relevant, 3)).toBeCloseTo(1, 12);
  });

  it('disliked@k divides the disliked items in the top k by k', () => {
    expect(dislikedAtK(ranked, new Set([10, 30, 99]), 4)).toBeCloseTo(2 / 4, 12);
    expect(dislikedAtK(ranked, new Set([30]), 2)).toBe(0);
  });

  it('coverage is distinct listed items over the catalog size', () => {
    expect(
      catalogCoverage(
        [
          [1, 2],
          [2, 3],
        ],
        10,
      ),
    ).toBeCloseTo(3 / 10, 12);
  });
});
