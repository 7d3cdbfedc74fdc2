import { Matrix, inverse as referenceInverse } from 'ml-matrix';
import { createSeededRandom } from '../seeded-random';
import { invertSpd } from './dense-spd-inverse';

describe('invertSpd', () => {
  it('inverts a symmetric positive-definite matrix', () => {
    const a = [4, 2, 0, 2, 3, 1, 0, 1, 2];
    const inverse = invertSpd(Float64Array.from(a), 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let sum = 0;
        for (let k = 0; k < 3; k++) sum += a[i * 3 + k] * inverse[k * 3 + j];
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });

  it.each([40, 64, 151])(
    'agrees with ml-matrix on a %i-movie Gram matrix plus a ridge, as EASE builds it',
    (n) => {
      const random = createSeededRandom(3);
      const x = Matrix.zeros(120, n);
      for (let u = 0; u < 120; u++) {
        for (let i = 0; i < n; i++) if (random() < 0.2) x.set(u, i, 1);
      }
      const gram = x.transpose().mmul(x).add(Matrix.eye(n).mul(5));
      const expected = referenceInverse(gram);
      const actual = invertSpd(Float64Array.from(gram.to1DArray()), n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) expect(actual[i * n + j]).toBeCloseTo(expected.get(i, j), 12);
      }
    },
  );
});
