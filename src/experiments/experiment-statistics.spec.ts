import {
  compareProportions,
  erfc,
  experimentStatistics,
  normalCdf,
  sampleSizePerVariant,
  wilsonInterval,
} from './experiment-statistics';

/*
 * The fixture, worked out by hand: control 120 conversions of 1000 impressions, variant 150 of
 * 1000. z = 1.959964 (95%), z² = 3.841459; z_β = 0.841621 (power 0.8).
 *
 * Rates: p₁ = 0.12, p₂ = 0.15, difference d = 0.03.
 *
 * Wilson interval of 120/1000: z²/n = 0.003841459, z²/2n = 0.001920730
 *   centre = (0.12 + 0.001920730) / 1.003841459             = 0.121454
 *   half   = 1.959964 / 1.003841459 · sqrt(0.12·0.88/1000 + 3.841459/4e6)
 *          = 1.952464 · sqrt(0.0001056 + 0.00000096036) = 1.952464 · 0.0103228 = 0.020155
 *   → [0.101299, 0.141609]
 * Wilson interval of 150/1000: centre = 0.151921/1.003841459 = 0.151339, half = 1.952464 ·
 *   sqrt(0.0001275 + 0.00000096036) = 1.952464 · 0.0113340 = 0.022129 → [0.129210, 0.173469]
 *
 * Difference interval (unpooled): se = sqrt(0.12·0.88/1000 + 0.15·0.85/1000)
 *   = sqrt(0.0001056 + 0.0001275) = sqrt(0.0002331) = 0.0152676
 *   → 0.03 ± 1.959964 · 0.0152676 = 0.03 ± 0.029924 → [0.000076, 0.059924]
 *
 * z-test (pooled): p̄ = 270/2000 = 0.135, se₀ = sqrt(0.135·0.865·(2/1000)) = sqrt(0.00023355)
 *   = 0.0152823; z = 0.03 / 0.0152823 = 1.963050
 *   Φ(1.963050) ≈ Φ(1.96) + 0.003050·φ(1.96) = 0.975002 + 0.003050·0.058447 = 0.975180
 *   p = 2·(1 − 0.975180) = 0.049640
 *
 * Sample size for 0.12 vs 0.15: p̄ = 0.135
 *   z·sqrt(2·0.135·0.865) = 1.959964 · sqrt(0.23355) = 1.959964 · 0.483270 = 0.947192
 *   z_β·sqrt(0.12·0.88 + 0.15·0.85) = 0.841621 · sqrt(0.2331) = 0.841621 · 0.482804 = 0.406338
 *   n = (0.947192 + 0.406338)² / 0.03² = 1.832043 / 0.0009 = 2035.6 → 2036 per variant
 */
const CONTROL = { successes: 120, trials: 1000 };
const VARIANT = { successes: 150, trials: 1000 };

describe('the hand-worked fixture: 120/1000 against 150/1000', () => {
  it('gives each rate its Wilson interval', () => {
    const control = wilsonInterval(CONTROL);
    expect(control.rate).toBe(0.12);
    expect(control.low).toBeCloseTo(0.101299, 6);
    expect(control.high).toBeCloseTo(0.141609, 6);
    const variant = wilsonInterval(VARIANT);
    expect(variant.low).toBeCloseTo(0.12921, 5);
    expect(variant.high).toBeCloseTo(0.173469, 5);
  });

  it('gives the difference, its interval and the z-test p-value', () => {
    const comparison = compareProportions(CONTROL, VARIANT)!;
    expect(comparison.difference).toBeCloseTo(0.03, 12);
    expect(comparison.low).toBeCloseTo(0.000076, 6);
    expect(comparison.high).toBeCloseTo(0.059924, 6);
    expect(comparison.pValue).toBeCloseTo(0.04964, 4);
  });

  it('gives the sample size per variant for the observed difference', () => {
    expect(sampleSizePerVariant(0.12, 0.15)).toEqual({
      difference: expect.closeTo(0.03, 12),
      perVariant: 2036,
    });
  });

  it('puts it together per variant, the first being the control', () => {
    const [control, variant] = experimentStatistics([
      { impressions: 1000, conversions: 120, positives: 50 },
      { impressions: 1000, conversions: 150, positives: 80 },
    ]);
    expect(control.versusControl).toBeNull();
    expect(control.positiveRate.rate).toBe(0.05);
    expect(variant.versusControl).toEqual({
      metric: 'clickThrough',
      difference: expect.closeTo(0.03, 12),
      low: expect.closeTo(0.000076, 6),
      high: expect.closeTo(0.059924, 6),
      pValue: expect.closeTo(0.04964, 4),
      neededPerVariant: 2036,
      neededForDifference: expect.closeTo(0.03, 12),
      // 2036 − 1000 impressions already shown by each.
      remainingPerVariant: 1036,
    });
  });
});

describe('edge cases', () => {
  it('gives a rate with no impressions the whole of [0, 1], and compares nothing', () => {
    expect(wilsonInterval({ successes: 0, trials: 0 })).toEqual({ rate: 0, low: 0, high: 1 });
    expect(compareProportions({ successes: 0, trials: 0 }, VARIANT)).toBeNull();
    const [, variant] = experimentStatistics([
      { impressions: 0, conversions: 0, positives: 0 },
      { impressions: 0, conversions: 0, positives: 0 },
    ]);
    // No data: the size is for the stated 1-point difference from 0, worked out by hand:
    // p̄ = 0.005; (1.959964·sqrt(2·0.005·0.995) + 0.841621·sqrt(0.01·0.99))² / 0.01²
    // = (1.959964·0.099750 + 0.841621·0.099499)² / 0.0001 = (0.195507 + 0.083740)² / 0.0001
    // = 0.077979 / 0.0001 = 779.8 → 780.
    expect(variant.versusControl).toEqual({
      metric: 'clickThrough',
      difference: null,
      low: null,
      high: null,
      pValue: null,
      neededPerVariant: 780,
      neededForDifference: 0.01,
      remainingPerVariant: 780,
    });
  });

  it('keeps the Wilson interval inside [0, 1] at rates 0 and 1', () => {
    // 0/10: centre = (0 + 0.192073)/1.384146 = 0.138766 = half, so [0, 0.277533].
    const none = wilsonInterval({ successes: 0, trials: 10 });
    expect(none.rate).toBe(0);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.277533, 5);
    const all = wilsonInterval({ successes: 10, trials: 10 });
    expect(all.rate).toBe(1);
    expect(all.low).toBeCloseTo(1 - 0.277533, 5);
    expect(all.high).toBe(1);
  });

  it('has p-value 1 for two rates both 0 or both 1, with no spread', () => {
    for (const [a, b] of [
      [0, 0],
      [1, 1],
    ]) {
      const comparison = compareProportions(
        { successes: 40 * a, trials: 40 },
        { successes: 70 * b, trials: 70 },
      )!;
      expect(comparison).toEqual({ difference: 0, low: 0, high: 0, pValue: 1 });
    }
  });

  it('tells 0 from 1 with a vanishing p-value, and sizes equal rates by the stated minimum', () => {
    // Pooled 0.5: se₀ = sqrt(0.25·(2/100)) = 0.070711, z = 14.142; p = erfc(10) ≈ 2.088e-45.
    const comparison = compareProportions(
      { successes: 0, trials: 100 },
      { successes: 100, trials: 100 },
    )!;
    expect(comparison.difference).toBe(1);
    expect(comparison.pValue).toBeGreaterThan(0);
    expect(comparison.pValue).toBeLessThan(1e-40);
    // Equal rates of 1: the size is for 0.99 (a rate cannot pass 1), the mirror of 0 vs 0.01.
    expect(sampleSizePerVariant(1, 1)).toEqual({
      difference: expect.closeTo(-0.01, 12),
      perVariant: 780,
    });
  });
});

describe('the normal distribution', () => {
  it('matches tabled values of Φ and erfc', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(erfc(1)).toBeCloseTo(0.157299, 6);
    // erfc(3) = 2.209050e-5: the relative error stays small far out in the tail.
    expect(erfc(3) / 2.20905e-5).toBeCloseTo(1, 5);
  });
});
