/**
 * The statistics of an A/B experiment, framework-free. Each shown movie is one trial: a
 * conversion (rated or watched after being shown) is a success for click-through, a positive
 * conversion (rated 4 or more) a success for the positive-feedback rate.
 *
 * - Each rate: the Wilson score interval (it stays inside [0, 1] and is honest at rates near 0).
 * - A variant against the control (the first variant), on click-through: the difference of the
 *   rates with the unpooled (Wald) interval, and the two-sided p-value of the pooled
 *   two-proportion z-test.
 * - The impressions each variant needs in all for a two-sided test at alpha 0.05 to detect the
 *   observed difference with power 0.8 (or MINIMUM_DETECTABLE_DIFFERENCE when none is observed).
 *
 * Caveat: users are what is randomised, and one user's impressions are not independent, so
 * these intervals are narrower than the truth when a few users see most of the lists.
 */

export const CONFIDENCE = 0.95;
/** Φ⁻¹(0.975): the two-sided 95% normal quantile. */
const Z_ALPHA = 1.959963984540054;
/** Φ⁻¹(0.8): power 0.8. */
const Z_POWER = 0.8416212335729143;
/**
 * The absolute difference in click-through the sample size is worked out for when the
 * observed difference is 0: one percentage point.
 */
export const MINIMUM_DETECTABLE_DIFFERENCE = 0.01;

export const METHOD =
  'Wilson score interval for each rate; versus control on click-through: unpooled Wald ' +
  'interval of the difference and the pooled two-proportion z-test (two-sided); sample size ' +
  'for alpha 0.05 and power 0.8. One trial = one shown movie.';

export interface Proportion {
  successes: number;
  trials: number;
}

export interface RateInterval {
  rate: number;
  low: number;
  high: number;
}

export interface ProportionComparison {
  /** variant rate − control rate. */
  difference: number;
  low: number;
  high: number;
  /** Two-sided p-value of the pooled z-test. */
  pValue: number;
}

export interface SampleSize {
  /** The difference the size is for: the observed one, or MINIMUM_DETECTABLE_DIFFERENCE. */
  difference: number;
  /** Trials each variant needs in all. */
  perVariant: number;
}

/**
 * Wilson score interval: centre (p + z²/2n) / (1 + z²/n), half-width
 * z / (1 + z²/n) · sqrt(p(1−p)/n + z²/4n²). No trials: rate 0 with the whole of [0, 1].
 */
export function wilsonInterval({ successes, trials }: Proportion): RateInterval {
  if (trials === 0) return { rate: 0, low: 0, high: 1 };
  const p = successes / trials;
  const z2 = Z_ALPHA * Z_ALPHA;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half =
    (Z_ALPHA / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At a rate of 0 (or 1) the bound is 0 (or 1) exactly, not 1e-17 off it by rounding.
  return {
    rate: p,
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === trials ? 1 : Math.min(1, centre + half),
  };
}

/**
 * The variant against the control: d = p₂ − p₁; interval d ± z·sqrt(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂);
 * z-statistic d / sqrt(p̄(1−p̄)(1/n₁ + 1/n₂)) with the pooled p̄ = (x₁ + x₂)/(n₁ + n₂), p-value
 * erfc(|z|/√2). Equal rates of 0 or 1 (no variance at all) have p-value 1. Null when either
 * side has no trials: there is nothing to compare.
 */
export function compareProportions(
  control: Proportion,
  variant: Proportion,
): ProportionComparison | null {
  if (control.trials === 0 || variant.trials === 0) return null;
  const p1 = control.successes / control.trials;
  const p2 = variant.successes / variant.trials;
  const difference = p2 - p1;
  const se = Math.sqrt((p1 * (1 - p1)) / control.trials + (p2 * (1 - p2)) / variant.trials);
  const pooled = (control.successes + variant.successes) / (control.trials + variant.trials);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / control.trials + 1 / variant.trials));
  const pValue = pooledSe === 0 ? 1 : erfc(Math.abs(difference / pooledSe) / Math.SQRT2);
  return {
    difference,
    low: difference - Z_ALPHA * se,
    high: difference + Z_ALPHA * se,
    pValue: Math.min(1, pValue),
  };
}

/**
 * Trials per variant for a two-sided test at alpha 0.05 with power 0.8 to tell `p1` from `p2`:
 * n = (z_α/2·sqrt(2·p̄(1−p̄)) + z_β·sqrt(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)², p̄ = (p₁ + p₂)/2,
 * rounded up. When the rates are equal, the size is for MINIMUM_DETECTABLE_DIFFERENCE above
 * p₁ (below it when p₁ is too close to 1).
 */
export function sampleSizePerVariant(p1: number, p2: number): SampleSize {
  let target = p2;
  if (p1 === p2) {
    target =
      p1 + MINIMUM_DETECTABLE_DIFFERENCE <= 1
        ? p1 + MINIMUM_DETECTABLE_DIFFERENCE
        : p1 - MINIMUM_DETECTABLE_DIFFERENCE;
  }
  const mean = (p1 + target) / 2;
  const spread =
    Z_ALPHA * Math.sqrt(2 * mean * (1 - mean)) +
    Z_POWER * Math.sqrt(p1 * (1 - p1) + target * (1 - target));
  // A tiny epsilon keeps float noise (2035.0000000001) from asking one trial too many.
  return {
    difference: target - p1,
    perVariant: Math.ceil((spread * spread) / ((target - p1) * (target - p1)) - 1e-9),
  };
}

/**
 * The complementary error function, erfc(x) = 1 − erf(x), by the Chebyshev fit of Numerical
 * Recipes (erfcc, 2nd ed. §6.2): fractional error below 1.2e-7 everywhere, so a p-value keeps
 * its leading digits even when it is tiny.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}

/** Φ(x), the standard normal distribution function: erfc(−x/√2) / 2. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** What was counted for one variant over the experiment. */
export interface VariantCounts {
  impressions: number;
  conversions: number;
  positives: number;
}

export interface VersusControl {
  metric: 'clickThrough';
  /** Null (with low, high and pValue) while either side has no impressions. */
  difference: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  /** Impressions each variant needs in all (see sampleSizePerVariant). */
  neededPerVariant: number;
  /** The click-through difference neededPerVariant is for. */
  neededForDifference: number;
  /** What the variant with fewer impressions of the two still lacks (0: enough). */
  remainingPerVariant: number;
}

export interface VariantStatistics {
  clickThrough: RateInterval;
  positiveRate: RateInterval;
  /** Null for the control (the first variant). */
  versusControl: VersusControl | null;
}

/** The statistics of every variant, in order; the first is the control. */
export function experimentStatistics(variants: readonly VariantCounts[]): VariantStatistics[] {
  const clicks = (v: VariantCounts): Proportion => ({
    successes: v.conversions,
    trials: v.impressions,
  });
  const [control] = variants;
  return variants.map((variant, index) => ({
    clickThrough: wilsonInterval(clicks(variant)),
    positiveRate: wilsonInterval({ successes: variant.positives, trials: variant.impressions }),
    versusControl: index === 0 ? null : versusControl(clicks(control), clicks(variant)),
  }));
}

function versusControl(control: Proportion, variant: Proportion): VersusControl {
  const comparison = compareProportions(control, variant);
  const rate = (p: Proportion): number => (p.trials === 0 ? 0 : p.successes / p.trials);
  // Without data on a side, the size is for the stated minimum difference from what is known.
  const p1 = rate(control);
  const size = sampleSizePerVariant(p1, comparison ? rate(variant) : p1);
  return {
    metric: 'clickThrough',
    difference: comparison?.difference ?? null,
    low: comparison?.low ?? null,
    high: comparison?.high ?? null,
    pValue: comparison?.pValue ?? null,
    neededPerVariant: size.perVariant,
    neededForDifference: size.difference,
    remainingPerVariant: Math.max(0, size.perVariant - Math.min(control.trials, variant.trials)),
  };
}
