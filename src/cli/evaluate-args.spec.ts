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

  it('reads a tuning budget in seconds, 0 (no tuning) by default', () => {
    expect(parseEvaluateArgs(['dir']).tuningBudgetSeconds).toBe(0);
    expect(parseEvaluateArgs(['dir', '--tuning-budget', '120']).tuningBudgetSeconds).toBe(120);
    expect(parseEvaluateArgs(['dir', '--tuning-budget', '2.5']).tuningBudgetSeconds).toBe(2.5);
    for (const bad of [[], ['-1'], ['3601'], ['soon']]) {
      expect(() => parseEvaluateArgs(['dir', '--tuning-budget', ...bad])).toThrow(
        /--tuning-budget expects seconds from 0 to 3600/,
      );
    }
  });
});
