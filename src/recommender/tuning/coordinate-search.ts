/** A point of the search space: a value per dimension name. */
export type SearchPoint = Readonly<Record<string, number>>;

/** One hyperparameter the search may move, and the values it may take (tried in this order). */
export interface SearchDimension {
  name: string;
  values: readonly number[];
}

/** One measured point: what `measure` returned, its score against the defaults', its time. */
export interface SearchTrial<M> {
  point: SearchPoint;
  measured: M;
  score: number;
  ms: number;
}

/** Options of {@link coordinateSearch}; `M` is whatever one measurement returns. */
export interface SearchOptions<M> {
  /** Where the search starts: always measured first, and kept unless a point beats it. */
  defaults: SearchPoint;
  /** Searched one at a time, in this order: put the cheap ones first. */
  dimensions: readonly SearchDimension[];
  /** Measures one point (trains and evaluates); may be slow. */
  measure: (point: SearchPoint) => Promise<M>;
  /** Higher is better; `baseline` is the defaults' measurement (so rises can be penalised). */
  score: (measured: M, baseline: M) => number;
  /** No trial starts once this is spent, nor one the slowest trial so far says would not fit. */
  budgetMs: number;
  /** Milliseconds, monotonic; injected so tests need no real time. */
  clock: () => number;
  /** Passes over every dimension at most; a pass that changes nothing ends the search. */
  maxRounds: number;
  /** A point replaces the best one only when its score is higher by more than this. */
  minGain: number;
  /** Called after each trial (the defaults' is number 0), e.g. for a progress line. */
  onTrial?: (trial: SearchTrial<M>, index: number) => void;
}

/** Why the search stopped. */
export type SearchStop = 'converged' | 'budget' | 'rounds';

export interface SearchResult<M> {
  /** The best trial: the defaults' unless another scored more than minGain above it. */
  best: SearchTrial<M>;
  baseline: SearchTrial<M>;
  /** Every trial in the order run, the defaults' first. */
  trials: SearchTrial<M>[];
  elapsedMs: number;
  stoppedBy: SearchStop;
}

/**
 * Deterministic coordinate descent over a few values per dimension: measure the defaults, then,
 * one dimension at a time, measure each of its values with the others held at the best point so
 * far and keep the best; repeat the pass until one changes nothing, `maxRounds` passes are done,
 * or the budget is spent. A point is never measured twice. The defaults are the first trial and
 * the starting best, so the result is never worse than them on the measured data.
 *
 * The budget: a trial that started runs to its end (training cannot be cut half-way), so no
 * trial starts when the time spent plus the slowest trial so far exceeds `budgetMs`; the search
 * overruns only when a trial is slower than every one before it. The defaults' trial always runs.
 */
export async function coordinateSearch<M>(options: SearchOptions<M>): Promise<SearchResult<M>> {
  const { clock, measure, score } = options;
  const started = clock();
  const trials: SearchTrial<M>[] = [];
  const seen = new Set<string>();
  let slowestMs = 0;
  const run = async (point: SearchPoint, baseline?: M): Promise<SearchTrial<M>> => {
    seen.add(pointKey(point));
    const trialStarted = clock();
    const measured = await measure(point);
    const ms = clock() - trialStarted;
    slowestMs = Math.max(slowestMs, ms);
    const trial = { point, measured, score: score(measured, baseline ?? measured), ms };
    trials.push(trial);
    options.onTrial?.(trial, trials.length - 1);
    return trial;
  };
  const baseline = await run({ ...options.defaults });
  let best = baseline;
  const finish = (stoppedBy: SearchStop): SearchResult<M> => ({
    best,
    baseline,
    trials,
    elapsedMs: clock() - started,
    stoppedBy,
  });
  for (let round = 0; round < options.maxRounds; round++) {
    const bestBefore = best;
    for (const dimension of options.dimensions) {
      for (const value of dimension.values) {
        const point = { ...best.point, [dimension.name]: value };
        if (seen.has(pointKey(point))) continue;
        if (clock() - started + slowestMs > options.budgetMs) return finish('budget');
        const trial = await run(point, baseline.measured);
        if (trial.score > best.score + options.minGain) best = trial;
      }
    }
    if (best === bestBefore) return finish('converged');
  }
  return finish('rounds');
}

/** A point's identity, independent of key order. */
function pointKey(point: SearchPoint): string {
  return Object.keys(point)
    .sort()
    .map((key) => `${key}=${point[key]}`)
    .join(',');
}
