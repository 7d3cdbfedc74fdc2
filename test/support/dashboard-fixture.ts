import { randomUUID } from 'node:crypto';
import { createSeededRandom } from '../../src/recommender/seeded-random';
import { GENRES, TasteCatalog } from './taste-catalog';
import { TestDatabase } from './test-database';

const DAY_MS = 86_400_000;

/**
 * `count` more fans, written straight into the database: each loves one genre (4.5 or 5 stars on
 * about half its movies) and rates one movie of another genre low. Trained on, they move the
 * offline metrics, so successive versions differ.
 */
export async function addFans(
  database: TestDatabase,
  catalog: TasteCatalog,
  prefix: string,
  count: number,
  seed: number,
): Promise<void> {
  const random = createSeededRandom(seed);
  const users = await database.query<{ id: number }>(
    `INSERT INTO users (email) SELECT $1 || n || '@fixture.invalid' FROM generate_series(1, $2) n
     RETURNING id`,
    [`${prefix}-`, count],
  );
  const rows: [number, number, number][] = [];
  users.forEach(({ id }, n) => {
    const loved = GENRES[n % GENRES.length];
    for (const movie of catalog.moviesByGenre[loved]) {
      if (random() < 0.5) rows.push([id, movie, random() < 0.5 ? 4.5 : 5]);
    }
    const other = catalog.moviesByGenre[GENRES[(n + 1) % GENRES.length]];
    rows.push([id, other[Math.floor(random() * other.length)], 1.5]);
  });
  await database.query(
    `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
     SELECT u, m, r, now() - interval '2 days'
       FROM unnest($1::int[], $2::int[], $3::real[]) AS x (u, m, r)
     ON CONFLICT (user_id, movie_id) DO NOTHING`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

/**
 * A week and a half of lists shown to `viewers` new users (10 movies each, by the versions in
 * `versions`, older days by older versions), and the ratings they then gave naming the list
 * (some 4 or more: positive). Every day of the period has lists, conversions and positive ones.
 */
export async function addShownLists(
  database: TestDatabase,
  catalog: TasteCatalog,
  versions: number[],
  options: { viewers: number; days: number; seed: number },
): Promise<{ lists: number; ratings: number }> {
  const random = createSeededRandom(options.seed);
  const viewers = await database.query<{ id: number }>(
    `INSERT INTO users (email) SELECT 'viewer-' || n || '@fixture.invalid'
       FROM generate_series(1, $1) n RETURNING id`,
    [options.viewers],
  );
  const movies = GENRES.flatMap((genre) => catalog.moviesByGenre[genre]);
  const lists: unknown[][] = [];
  const ratings: unknown[][] = [];
  const now = Date.now();
  for (let day = 0; day < options.days; day++) {
    const version =
      versions[
        Math.min(
          versions.length - 1,
          Math.floor(((options.days - 1 - day) * versions.length) / options.days),
        )
      ];
    // Busier and better-liked days come and go, so the lines have a shape.
    const conversionOdds = 0.08 + 0.12 * random();
    for (const { id: userId } of viewers) {
      if (random() < 0.4) continue;
      const shownAt = new Date(now - day * DAY_MS - 60_000);
      const start = Math.floor(random() * (movies.length - 10));
      const shown = movies.slice(start, start + 10);
      const recommendationId = randomUUID();
      lists.push([recommendationId, userId, version, `{${shown.join(',')}}`, shownAt]);
      for (const movieId of shown) {
        if (random() >= conversionOdds) continue;
        const rating = random() < 0.6 ? 4.5 : 2.5;
        ratings.push([
          userId,
          movieId,
          rating,
          new Date(shownAt.getTime() + 30_000),
          recommendationId,
        ]);
      }
    }
  }
  await database.query(
    `INSERT INTO impressions (recommendation_id, user_id, surface, model_version, strategy,
                              movie_ids, shown_at)
     SELECT id, u, 'user', v, 'collaborative', m::int[], at
       FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::timestamptz[])
            AS x (id, u, v, m, at)`,
    [0, 1, 2, 3, 4].map((column) => lists.map((list) => list[column])),
  );
  const stored = await database.query<{ id: number }>(
    `INSERT INTO ratings (user_id, movie_id, rating, rated_at, recommendation_id)
     SELECT u, m, r, at, rid
       FROM unnest($1::int[], $2::int[], $3::real[], $4::timestamptz[], $5::uuid[])
            AS x (u, m, r, at, rid)
     ON CONFLICT (user_id, movie_id) DO NOTHING
     RETURNING user_id AS id`,
    [0, 1, 2, 3, 4].map((column) => ratings.map((rating) => rating[column])),
  );
  return { lists: lists.length, ratings: stored.length };
}

/**
 * An experiment in the shape GET /v1/admin/experiments answers (see experiments-panel.js), for
 * the browser to draw until that route is served.
 */
export const EXPERIMENT_ANSWER = {
  id: 1,
  name: 'EASE v3 against item-kNN v2',
  status: 'running',
  startedAt: '2026-03-01T09:00:00.000Z',
  stoppedAt: null,
  variants: [
    { name: 'control', modelVersion: 2, share: 0.5 },
    { name: 'treatment', modelVersion: 3, share: 0.5 },
  ],
  results: {
    method: 'two-proportion z-test',
    confidence: 0.95,
    variants: [
      {
        name: 'control',
        modelVersion: 2,
        users: 410,
        impressions: 8200,
        conversions: 328,
        positives: 205,
        clickThrough: { rate: 0.04, low: 0.0358, high: 0.0442 },
        positiveRate: { rate: 0.025, low: 0.0216, high: 0.0284 },
        versusControl: null,
      },
      {
        name: 'treatment',
        modelVersion: 3,
        users: 402,
        impressions: 8040,
        conversions: 386,
        positives: 249,
        clickThrough: { rate: 0.048, low: 0.0433, high: 0.0527 },
        positiveRate: { rate: 0.031, low: 0.0272, high: 0.0348 },
        versusControl: {
          metric: 'clickThrough',
          difference: 0.008,
          low: 0.0017,
          high: 0.0143,
          pValue: 0.012,
          neededPerVariant: 0,
        },
      },
    ],
  },
};
