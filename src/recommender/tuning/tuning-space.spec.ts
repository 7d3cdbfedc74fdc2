import { resolveModelOptions } from '../model-options';
import { changedValues, optionsAt, pointOf, tuningDimensions } from './tuning-space';

const DEFAULTS = resolveModelOptions();
const names = (dimensions: { name: string }[]) => dimensions.map((d) => d.name);

describe('tuningDimensions', () => {
  it('searches EASE around its defaults, scoring-only parameters first and the movie count last', () => {
    const space = tuningDimensions(DEFAULTS, { algorithm: 'ease', itemsWithInteractions: 9000 });
    expect(names(space)).toEqual([
      'scoring.dislikeWeight',
      'scoring.thinHistory',
      'easeLambdaScale',
      'itemKnn.neighbours',
      'easeMaxItems',
    ]);
    const values = Object.fromEntries(space.map((d) => [d.name, d.values]));
    expect(values['scoring.dislikeWeight']).toEqual([0.25, 0.5, 1]);
    expect(values['scoring.thinHistory']).toEqual([5, 10, 20, 40]);
    expect(values.easeLambdaScale).toEqual([4, 6, 8, 12]);
    expect(values['itemKnn.neighbours']).toEqual([50, 100, 200, 400]);
    expect(values.easeMaxItems).toEqual([500, 1000, 2000]);
  });

  it('never offers EASE more movies than have interactions', () => {
    const space = tuningDimensions(DEFAULTS, { algorithm: 'ease', itemsWithInteractions: 60 });
    expect(space.find((d) => d.name === 'easeMaxItems')?.values).toEqual([30, 60]);
  });

  it('searches item-kNN by K, shrinkage and both exponents', () => {
    const space = tuningDimensions(DEFAULTS, { algorithm: 'item-knn', itemsWithInteractions: 1 });
    expect(names(space)).toEqual([
      'scoring.dislikeWeight',
      'scoring.thinHistory',
      'itemKnn.neighbours',
      'itemKnn.shrinkage',
      'itemKnn.alpha',
      'itemKnn.sharpen',
    ]);
    const values = Object.fromEntries(space.map((d) => [d.name, d.values]));
    expect(values['itemKnn.shrinkage']).toEqual([5, 10, 20, 50]);
    expect(values['itemKnn.alpha']).toEqual([0.1, 0.2, 0.35, 0.5]);
    expect(values['itemKnn.sharpen']).toEqual([1, 1.5, 2, 3]);
  });

  it('searches a fixed EASE lambda, when one is configured, over a wider range', () => {
    const options = resolveModelOptions({ easeLambda: 1000 });
    const space = tuningDimensions(options, { algorithm: 'ease', itemsWithInteractions: 9000 });
    expect(names(space)).toContain('easeLambda');
    expect(names(space)).not.toContain('easeLambdaScale');
    expect(space.find((d) => d.name === 'easeLambda')?.values).toEqual([300, 500, 1000, 2000]);
  });

  it('always holds the configured value, also one off the usual grid', () => {
    const options = resolveModelOptions({ easeLambda: 750, scoring: { dislikeWeight: 0.6 } });
    const space = tuningDimensions(options, { algorithm: 'ease', itemsWithInteractions: 9000 });
    const point = pointOf(options, space);
    for (const dimension of space) expect(dimension.values).toContain(point[dimension.name]);
    expect(point).toMatchObject({ easeLambda: 750, 'scoring.dislikeWeight': 0.6 });
  });
});

describe('tuningDimensions and switched-off behaviours', () => {
  it('never offers 0 for the weight of low ratings or the thin-history threshold', () => {
    const space = tuningDimensions(DEFAULTS, { algorithm: 'item-knn', itemsWithInteractions: 1 });
    for (const name of ['scoring.dislikeWeight', 'scoring.thinHistory']) {
      expect(space.find((d) => d.name === name)?.values).not.toContain(0);
    }
  });

  it('keeps 0 when it is what was configured', () => {
    const options = resolveModelOptions({ scoring: { dislikeWeight: 0 } });
    const space = tuningDimensions(options, { algorithm: 'ease', itemsWithInteractions: 9000 });
    expect(space.find((d) => d.name === 'scoring.dislikeWeight')?.values).toEqual([
      0, 0.25, 0.5, 1,
    ]);
  });
});

describe('pointOf, optionsAt and changedValues', () => {
  it('round-trips a point through the options, leaving the rest as configured', () => {
    const space = tuningDimensions(DEFAULTS, { algorithm: 'ease', itemsWithInteractions: 9000 });
    const point = { ...pointOf(DEFAULTS, space), easeLambdaScale: 6, 'itemKnn.neighbours': 400 };
    const options = resolveModelOptions(optionsAt(DEFAULTS, point));
    expect(options.easeLambdaScale).toBe(6);
    expect(options.easeLambda).toBeNull();
    expect(options.itemKnn).toEqual({ ...DEFAULTS.itemKnn, neighbours: 400 });
    expect(options.scoring).toEqual(DEFAULTS.scoring);
    expect(pointOf(options, space)).toEqual(point);
    expect(changedValues(pointOf(DEFAULTS, space), point)).toEqual({
      easeLambdaScale: 6,
      'itemKnn.neighbours': 400,
    });
  });

  it('reads a movie cap above the movies with interactions as their count', () => {
    const space = tuningDimensions(DEFAULTS, { algorithm: 'ease', itemsWithInteractions: 60 });
    expect(pointOf(DEFAULTS, space).easeMaxItems).toBe(60);
  });
});
