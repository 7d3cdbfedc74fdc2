import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import {
  Interactions,
  MetricSet,
  ProtocolResult,
  ThinHistoriesResult,
  labelMetrics,
} from '../recommender';
import { MovieLensDataset } from '../datasets/movielens/load-movielens-dataset';

/** Published nDCG@10 under the same protocol (Microsoft Recommenders, MovieLens 100K). */
const PUBLISHED_100K = 'published nDCG@10 on ML-100K: SAR 0.382, BPR 0.442, BiVAE 0.475';

const ROWS: Array<[string, keyof MetricSet]> = [
  ['precision', 'precision'],
  ['recall', 'recall'],
  ['nDCG', 'ndcg'],
  ['MAP', 'map'],
  ['disliked', 'disliked'],
  ['coverage', 'coverage'],
  ['users', 'users'],
];

function cell(set: MetricSet, key: keyof MetricSet): string {
  const value = set[key];
  if (value === undefined) return '-';
  return key === 'users' || key === 'k' ? String(value) : value.toFixed(4);
}

/**
 * The human-readable summary: one row per metric, model beside popularity, under the published
 * protocol (every held-out rating relevant) and the liked-only one (held-out ratings >= 4
 * relevant; disliked@k is the share of the top k the user rated <= 2).
 */
export function formatSummary(
  result: ProtocolResult,
  simulated: ThinHistoriesResult,
  dataset: MovieLensDataset,
  k: number,
): string {
  const { model, popularity, likedOnly } = result;
  const sets = [model, popularity, likedOnly.model, likedOnly.popularity];
  const lines = [
    `data: ${dataset.layout.format}, ${dataset.users.size} users, ${dataset.items.size} movies, ` +
      `${dataset.input.interactions.users.length} ratings; train ${result.split.train.users.length}` +
      `, test ${result.split.test.users.length}, ${model.users} users evaluated`,
    `model: ${model.algorithm}, trained in ${model.trainingMs} ms`,
    `${''.padEnd(14)}${'published'.padEnd(24)}liked-only`,
    `${'metric'.padEnd(14)}${'model'.padEnd(12)}${'popularity'.padEnd(12)}${'model'.padEnd(12)}popularity`,
  ];
  for (const [label, key] of ROWS) {
    const name = key === 'coverage' || key === 'users' ? label : `${label}@${k}`;
    const cells = sets.map((set) => cell(set, key).padEnd(12));
    lines.push(`${name.padEnd(14)}${cells.join('').trimEnd()}`);
  }
  const { onboarding, thin } = result;
  lines.push(
    `onboarding (each user's first ${onboarding.picks} picks only, published protocol): ` +
      `nDCG@${k} ${onboarding.model.ndcg.toFixed(4)}, popularity ${onboarding.popularity.ndcg.toFixed(4)}`,
    thin.model.users === 0
      ? `thin histories: no user has <= ${thin.maxInteractions} training interactions here`
      : `thin histories (${thin.model.users} users with <= ${thin.maxInteractions} training ` +
          `interactions, published protocol): nDCG@${k} ${thin.model.ndcg.toFixed(4)}, ` +
          `popularity ${thin.popularity.ndcg.toFixed(4)}`,
    `thin histories, simulated (${simulated.hybrid.users} users cut to their first 1-` +
      `${simulated.maxInteractions} training interactions, model trained again, published ` +
      `protocol): nDCG@${k} served hybrid ${simulated.hybrid.ndcg.toFixed(4)}, collaborative ` +
      `alone ${simulated.collaborative.ndcg.toFixed(4)}, content alone ` +
      `${simulated.content.ndcg.toFixed(4)}, popularity ${simulated.popularity.ndcg.toFixed(4)}`,
    'published: every held-out rating relevant; liked-only: held-out ratings >= 4 relevant,' +
      ` disliked@${k} = share of the top ${k} the user rated <= 2`,
    PUBLISHED_100K,
  );
  return lines.join('\n');
}

/**
 * The `--json` object: metrics named as in ModelInfo (with the run's k), plus timing and
 * algorithm; `likedOnly` holds the same under the liked-only protocol, with `dislikedAt<k>`;
 * `extra`'s members are added at the top level (`tuning`).
 */
export function toJson(
  result: ProtocolResult,
  simulated: ThinHistoriesResult,
  extra: object = {},
): string {
  const { algorithm, trainingMs } = result.model;
  return JSON.stringify({
    model: { ...labelMetrics(result.model), algorithm, trainingMs },
    popularity: labelMetrics(result.popularity),
    likedOnly: {
      model: labelMetrics(result.likedOnly.model),
      popularity: labelMetrics(result.likedOnly.popularity),
    },
    onboarding: {
      picks: result.onboarding.picks,
      model: labelMetrics(result.onboarding.model),
      popularity: labelMetrics(result.onboarding.popularity),
    },
    thin: {
      maxInteractions: result.thin.maxInteractions,
      model: labelMetrics(result.thin.model),
      popularity: labelMetrics(result.thin.popularity),
    },
    thinSimulated: {
      maxInteractions: simulated.maxInteractions,
      hybrid: labelMetrics(simulated.hybrid),
      collaborative: labelMetrics(simulated.collaborative),
      content: labelMetrics(simulated.content),
      popularity: labelMetrics(simulated.popularity),
    },
    ...extra,
  });
}

async function writeCsv(path: string, header: string, rows: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  stream.write(header + '\n');
  for (const row of rows) {
    if (!stream.write(row + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}

function* ratingRows(data: Interactions, dataset: MovieLensDataset): Generator<string> {
  for (let e = 0; e < data.users.length; e++) {
    yield `${dataset.users.idAt(data.users[e])},${dataset.items.idAt(data.items[e])},${data.values[e]}`;
  }
}

/** Writes train.csv, test.csv (user,item,rating) and recommendations.csv (user,item,rank,score). */
export async function writeOutputs(
  dir: string,
  result: ProtocolResult,
  dataset: MovieLensDataset,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeCsv(
    join(dir, 'train.csv'),
    'user,item,rating',
    ratingRows(result.split.train, dataset),
  );
  await writeCsv(join(dir, 'test.csv'), 'user,item,rating', ratingRows(result.split.test, dataset));
  function* recommendationRows(): Generator<string> {
    for (const list of result.lists) {
      const user = dataset.users.idAt(list.user);
      for (let r = 0; r < list.items.length; r++) {
        yield `${user},${dataset.items.idAt(list.items[r])},${r + 1},${list.scores[r]}`;
      }
    }
  }
  await writeCsv(join(dir, 'recommendations.csv'), 'user,item,rank,score', recommendationRows());
}
