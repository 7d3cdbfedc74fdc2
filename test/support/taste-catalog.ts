import { createSeededRandom } from '../../src/recommender/seeded-random';
import { TestDatabase } from './test-database';

export const GENRES = ['Horror', 'Comedy', 'Romance'] as const;
export const MOVIES_PER_GENRE = 20;

export interface TasteCatalog {
  /** Movie ids by genre, in creation order. */
  moviesByGenre: Record<(typeof GENRES)[number], number[]>;
}

/**
 * A catalog with a clear taste structure, written straight into the test database: 60 movies
 * in three genres, and `users` fans who each love one genre (4-5 stars on most of its movies)
 * and rate a couple of others low. Item-item CF must learn that a genre's movies go together.
 */
export async function seedTasteCatalog(
  database: TestDatabase,
  users = 150,
  seed = 7,
): Promise<TasteCatalog> {
  const random = createSeededRandom(seed);
  const moviesByGenre = { Horror: [], Comedy: [], Romance: [] } as TasteCatalog['moviesByGenre'];
  for (const genre of GENRES) {
    const [{ id: genreId }] = await database.query<{ id: number }>(
      `INSERT INTO genres (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [genre],
    );
    const rows = await database.query<{ id: number }>(
      `INSERT INTO movies (title, release_year)
       SELECT $1 || ' ' || n, 1980 + n FROM generate_series(1, $2) AS n RETURNING id`,
      [`${genre} Movie`, MOVIES_PER_GENRE],
    );
    moviesByGenre[genre] = rows.map((r) => r.id);
    await database.query(
      `INSERT INTO movie_genres (movie_id, genre_id) SELECT unnest($1::int[]), $2`,
      [moviesByGenre[genre], genreId],
    );
  }
  const userIds: number[] = [];
  const movieIds: number[] = [];
  const values: number[] = [];
  const fans = await database.query<{ id: number }>(
    `INSERT INTO users (email, external_id) SELECT 'fan-' || n || '@fixture.invalid', 900000 + n
     FROM generate_series(1, $1) AS n RETURNING id`,
    [users],
  );
  fans.forEach(({ id }, n) => {
    const loved = GENRES[n % GENRES.length];
    for (const movie of moviesByGenre[loved]) {
      if (random() < 0.6) {
        userIds.push(id);
        movieIds.push(movie);
        values.push(random() < 0.5 ? 4.5 : 5);
      }
    }
    for (const other of GENRES.filter((g) => g !== loved)) {
      const movie = moviesByGenre[other][Math.floor(random() * MOVIES_PER_GENRE)];
      userIds.push(id);
      movieIds.push(movie);
      values.push(1.5);
    }
  });
  await database.query(
    `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
     SELECT u, m, r, now() - interval '1 day' FROM unnest($1::int[], $2::int[], $3::real[]) AS x(u, m, r)
     ON CONFLICT (user_id, movie_id) DO NOTHING`,
    [userIds, movieIds, values],
  );
  return { moviesByGenre };
}

/** Replaces the fans' ratings by random ones: a model trained on them is worse than before. */
export async function scrambleRatings(database: TestDatabase): Promise<void> {
  await database.query(
    `DELETE FROM ratings WHERE user_id IN (SELECT id FROM users WHERE external_id >= 900000)`,
  );
  await database.query(
    `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
     SELECT u.id, m.id, 3, now() - interval '1 day'
     FROM users u CROSS JOIN LATERAL (
       SELECT id FROM movies WHERE u.id > 0 ORDER BY random() LIMIT 12
     ) AS m
     WHERE u.external_id >= 900000`,
  );
}
