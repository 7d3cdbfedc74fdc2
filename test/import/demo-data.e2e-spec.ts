import 'reflect-metadata';
import { Pool } from 'pg';
import { loadConfig } from '../../src/config/app-config';
import { loadDemoDataAtStartUp } from '../../src/datasets/demo/demo-data-at-start-up';
import { generateDemoRatings } from '../../src/datasets/demo/demo-ratings';
import { loadDemoData } from '../../src/datasets/demo/load-demo-data';
import { readVegaFilms } from '../../src/datasets/demo/vega-films';
import { createMigratedDatabase } from '../support/migrated-database';
import { TestDatabase } from '../support/test-database';

describe('the demo catalog', () => {
  let db: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    pool = new Pool({ connectionString: db.url, max: 2 });
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  async function one<T>(sql: string): Promise<T> {
    return (await db.query<T>(sql))[0];
  }

  it('loads the vega-datasets films, demo viewers who cannot log in, and their ratings', async () => {
    const result = await loadDemoData(pool, { seed: 2024 });
    // Every cleaned film of the file (3,200 of its 3,201 records: one has no title),
    // and every rating the seeded taste model generates for 1,000 viewers.
    const films = await readVegaFilms();
    expect(films).toHaveLength(3200);
    const generated = generateDemoRatings(films, { viewers: 1000, seed: 2024 });
    expect(result).toMatchObject({
      loaded: true,
      movies: 3200,
      users: 1000,
      ratings: generated.ratings.length,
    });
    const counts = await one<Record<string, number>>(`SELECT
      (SELECT count(*)::int FROM movies) AS movies,
      (SELECT count(*)::int FROM users WHERE password_hash IS NULL) AS viewers,
      (SELECT count(*)::int FROM ratings) AS ratings,
      (SELECT sum(rating_count)::int FROM movies) AS counted`);
    expect(counts).toEqual({
      movies: result.movies,
      viewers: 1000,
      ratings: result.ratings,
      counted: result.ratings,
    });
    const avatar = await one<Record<string, unknown>>(
      `SELECT m.release_year, m.overview, array_agg(g.name ORDER BY g.name) AS genres
         FROM movies m JOIN movie_genres mg ON mg.movie_id = m.id JOIN genres g ON g.id = mg.genre_id
        WHERE m.title = 'Avatar' GROUP BY m.id`,
    );
    expect(avatar).toEqual({
      release_year: 2009,
      overview: expect.stringContaining('Directed by James Cameron.'),
      genres: ['Action', 'Sci-Fi'],
    });
    const load = await one<{ source: string }>(`SELECT source FROM dataset_loads`);
    expect(load.source).toBe('demo');
  });

  it('gives horror fans horror films: horror films are rated mostly by the same viewers', async () => {
    // Share of a horror film's raters who rated at least 3 other horror films.
    const { share } = await one<{ share: number }>(`
      WITH horror AS (
        SELECT mg.movie_id FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id WHERE g.name = 'Horror'
      ), per_user AS (
        SELECT r.user_id, count(*) AS n FROM ratings r JOIN horror h USING (movie_id) GROUP BY r.user_id
      )
      SELECT avg((p.n >= 4)::int)::float8 AS share
        FROM ratings r JOIN horror h USING (movie_id) JOIN per_user p USING (user_id)`);
    expect(share).toBeGreaterThan(0.6);
  });

  it('loads nothing a second time, and only on the embedded default with DEMO_DATA on', async () => {
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM ratings`);
    expect((await loadDemoData(db.url)).loaded).toBe(false);
    const embedded = loadConfig({ DEMO_DATA: 'true' });
    expect(await loadDemoDataAtStartUp(embedded, db.url)).toMatchObject({ loaded: false });
    const off = loadConfig({ DEMO_DATA: 'false' });
    expect(await loadDemoDataAtStartUp(off, db.url)).toBeNull();
    const external = loadConfig({ DATABASE_URL: db.url });
    expect(await loadDemoDataAtStartUp(external, db.url)).toBeNull();
    const after = await one<{ n: number }>(`SELECT count(*)::int AS n FROM ratings`);
    expect(after.n).toBe(before.n);
    expect(await one<{ n: number }>(`SELECT count(*)::int AS n FROM dataset_loads`)).toEqual({
      n: 1,
    });
  });
});
