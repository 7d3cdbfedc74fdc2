import { besideConfiguration } from './beside-configuration';

describe('besideConfiguration', () => {
  it('is undefined for a serving training, forced or not', () => {
    expect(besideConfiguration({ force: false, beside: false })).toBeUndefined();
    expect(besideConfiguration({ force: true, beside: false })).toBeUndefined();
  });

  it('carries only the options given', () => {
    expect(besideConfiguration({ force: false, beside: true })).toEqual({});
    expect(
      besideConfiguration({ force: false, beside: true, algorithm: 'item-knn', easeLambda: 500 }),
    ).toEqual({ algorithm: 'item-knn', easeLambda: 500 });
  });

  it('refuses options without beside, and force with it', () => {
    expect(() => besideConfiguration({ force: false, beside: false, easeLambda: 5 })).toThrow(
      'algorithm and easeLambda train a version beside the serving one: add beside=true',
    );
    expect(() => besideConfiguration({ force: true, beside: true })).toThrow(
      'force applies to the serving model: leave it out with beside=true',
    );
  });
});
