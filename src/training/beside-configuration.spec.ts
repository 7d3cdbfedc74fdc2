import { besideConfiguration } from './beside-configuration';

describe('besideConfiguration', () => {
  it('is undefined for a serving training, forced or not', () => {
    expect(besideConfiguration({ force: false, beside: false })).toBeUndefined();
    expect(besideConfiguration({ force: true, beside: false })).toBeUndefined();
  });

  it('carries only the options given', () => {
    expect(besideConfiguration({ force: false, beside: true })).toEqual({});
    expect(
      besideConfiguration({ force: false, beside: true, algorithm: 'ease', easeLambda: 500 }),
    ).toEqual({ algorithm: 'ease', easeLambda: 500 });
    expect(besideConfiguration({ force: false, beside: true, easeDenseScoring: false })).toEqual({
      easeDenseScoring: false,
    });
    expect(besideConfiguration({ force: false, beside: true, easeLambdaScale: 6 })).toEqual({
      easeLambdaScale: 6,
    });
  });

  it('refuses options without beside, and force with it', () => {
    const message =
      'algorithm, easeLambda, easeLambdaScale and easeDenseScoring train a version beside the ' +
      'serving one: add beside=true';
    expect(() => besideConfiguration({ force: false, beside: false, easeLambda: 5 })).toThrow(
      message,
    );
    expect(() =>
      besideConfiguration({ force: false, beside: false, easeDenseScoring: true }),
    ).toThrow(message);
    expect(() => besideConfiguration({ force: false, beside: false, easeLambdaScale: 6 })).toThrow(
      message,
    );
    expect(() => besideConfiguration({ force: true, beside: true })).toThrow(
      'force applies to the serving model: leave it out with beside=true',
    );
  });

  it('refuses a fixed lambda together with a scale for it', () => {
    expect(() =>
      besideConfiguration({ force: false, beside: true, easeLambda: 500, easeLambdaScale: 6 }),
    ).toThrow('give one of them');
  });

  it("refuses EASE's options with item-kNN, which would store them doing nothing", () => {
    expect(() =>
      besideConfiguration({ force: false, beside: true, algorithm: 'item-knn', easeLambda: 500 }),
    ).toThrow(
      'easeLambda shape EASE, which algorithm=item-knn does not train: leave it out or choose ' +
        'algorithm=ease or auto',
    );
    expect(() =>
      besideConfiguration({
        force: false,
        beside: true,
        algorithm: 'item-knn',
        easeLambdaScale: 6,
        easeDenseScoring: false,
      }),
    ).toThrow('easeLambdaScale, easeDenseScoring shape EASE');
  });
});
