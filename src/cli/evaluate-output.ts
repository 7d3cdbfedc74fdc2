import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { Interactions, MetricSet, ProtocolResult, labelMetrics } from '../recommender';
import { MovieLensDataset } from '../datasets/movielens/load-movielens-dataset';

/** Published nDCG@10 under the same protocol (Microsoft Recommenders, MovieLens 100K). */
const PUBLISHED_100K = 'published nDCG@10 on ML-100K: SAR 0.382, BPR 0.442, BiVAE 0.475';

const ROWS: Array<[string, keyof MetricSet]> = [
  ['precision', 'precision'],
  ['recall', 'recall'],
  ['nDCG', 'ndcg'],
  ['MAP', 'map'],
  ['coverage', 'coverage'],
];

/** The human-readable summary: one row per metric, model beside popularity. */
export function formatSummary(
  result: ProtocolResult,
  dataset: MovieLensDataset,
  k: number,
): string {
  const { model, popularity } = result;
  const lines = [
    `data: ${dataset.layout.format}, ${dataset.users.size} users, ${dataset.items.size} movies, ` +
      `${dataset.input.interactions.users.length} ratings; train ${result.split.train.users.length}` +
      `, test ${result.split.test.users.length}, ${model.users} users evaluated`,
    `model: ${model.algorithm}, trained in ${model.trainingMs} ms`,
    `${'metric'.padEnd(14)}${'model'.padEnd(11)}popularity`,
  ];
  for (const [label, key] of ROWS) {
    const name = key === 'coverage' ? label : `${label}@${k}`;
    lines.push(
      `${name.padEnd(14)}${model[key].toFixed(4).padEnd(11)}${popularity[key].toFixed(4)}`,
    );
  }
  lines.push(PUBLISHED_100K);
  return lines.join('\n');
}

/** The `--json` object: metrics named as in ModelInfo (with the run's k), plus timing and algorithm. */
export function toJson(result: ProtocolResult): string {
  const { algorithm, trainingMs } = result.model;
  return JSON.stringify({
    model: { ...labelMetrics(result.model), algorithm, trainingMs },
    popularity: labelMetrics(result.popularity),
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
