import { ExperimentVariantRow } from '../impressions/impressions.repository';
import { ExperimentResponseDto, RateIntervalResponseDto } from './dto/experiment-response.dto';
import { Experiment } from './experiment';
import {
  CONFIDENCE,
  METHOD,
  RateInterval,
  VersusControl,
  experimentStatistics,
} from './experiment-statistics';

/** An experiment with its results per variant, from what its variants served and converted. */
export function toExperimentResponse(
  experiment: Experiment,
  served: readonly ExperimentVariantRow[],
  attributionWindowHours: number,
): ExperimentResponseDto {
  const counts = experiment.variants.map((variant) => {
    const row = served.find((r) => r.variant === variant.name);
    return {
      lists: row?.lists ?? 0,
      users: row?.users ?? 0,
      impressions: row?.impressions ?? 0,
      conversions: row?.conversions ?? 0,
      positives: row?.positive ?? 0,
    };
  });
  const statistics = experimentStatistics(counts);
  return {
    id: experiment.id,
    name: experiment.name,
    status: experiment.stoppedAt ? 'stopped' : 'running',
    startedAt: experiment.startedAt.toISOString(),
    stoppedAt: experiment.stoppedAt?.toISOString() ?? null,
    variants: experiment.variants.map(({ name, modelVersion, share }) => ({
      name,
      modelVersion,
      share,
    })),
    results: {
      method: METHOD,
      confidence: CONFIDENCE,
      attributionWindowHours,
      variants: experiment.variants.map((variant, i) => ({
        name: variant.name,
        modelVersion: variant.modelVersion,
        ...counts[i],
        clickThrough: roundInterval(statistics[i].clickThrough),
        positiveRate: roundInterval(statistics[i].positiveRate),
        versusControl: roundVersus(statistics[i].versusControl),
      })),
    },
  };
}

function roundInterval({ rate, low, high }: RateInterval): RateIntervalResponseDto {
  return { rate: round(rate), low: round(low), high: round(high) };
}

function roundVersus(versus: VersusControl | null): VersusControl | null {
  if (!versus) return null;
  const orNull = (value: number | null): number | null => (value === null ? null : round(value));
  return {
    ...versus,
    difference: orNull(versus.difference),
    low: orNull(versus.low),
    high: orNull(versus.high),
    // Significant digits, not decimals: a p-value of 1e-9 must not read as 0.
    pValue: versus.pValue === null ? null : Number(versus.pValue.toPrecision(6)),
    neededForDifference: round(versus.neededForDifference),
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
