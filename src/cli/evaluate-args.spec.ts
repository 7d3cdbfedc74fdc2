import { parseEvaluateArgs } from './evaluate-args';

describe('parseEvaluateArgs', () => {
  it('reads the folder, flags and nested --set options', () => {
    const args = parseEvaluateArgs([
      'data/ml',
      '--k',
      '20',
      '--json',
      '--out',
      '/tmp/eval',
      '--validation',
      '--set',
      'itemKnn.alpha=0.3',
      '--set',
      'scoring.neighbourhood=item',
    ]);
    expect(args).toMatchObject({ dir: 'data/ml', k: 20, json: true, out: '/tmp/eval' });
    expect(args.validation).toBe(true);
    expect(args.model).toEqual({ itemKnn: { alpha: 0.3 }, scoring: { neighbourhood: 'item' } });
  });

  it('refuses unknown flags, a missing folder and k = 0', () => {
    expect(() => parseEvaluateArgs(['dir', '--fast'])).toThrow(/Unknown flag --fast/);
    expect(() => parseEvaluateArgs(['--json'])).toThrow(/Missing <movielens-dir>/);
    expect(() => parseEvaluateArgs(['dir', '--k', '0'])).toThrow(/--k/);
  });
});
