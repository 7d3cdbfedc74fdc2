import { resolveItemKnnOptions } from './item-knn/item-knn-options';
import { resolveModelOptions } from './model-options';
import { RecommenderError } from './recommender-error';

describe('option validation', () => {
  it('fills defaults and keeps given values', () => {
    const options = resolveItemKnnOptions({ neighbours: 20 });
    expect(options.neighbours).toBe(20);
    expect(options.alpha).toBe(0.2);
  });

  it.each([
    [{ neighbours: 0 }, /neighbours/],
    [{ neighbours: 2.5 }, /integer/],
    [{ vectors: 'dense' }, /vectors/],
    [{ unknown: 1 }, /Unknown option "unknown"/],
  ])('refuses %j without clamping', (input, message) => {
    expect(() => resolveItemKnnOptions(input)).toThrow(message);
    expect(() => resolveItemKnnOptions(input)).toThrow(RecommenderError);
  });

  it('refuses unknown keys at the top level of model options', () => {
    expect(() => resolveModelOptions({ foo: 1 } as never)).toThrow(/Unknown option "foo"/);
  });
});
