import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { DemoInUseError } from '../../src/datasets/demo/demo-in-use-error';
import { loadDemoData } from '../../src/datasets/demo/load-demo-data';
import { generateMovieLens } from '../../src/datasets/generator/generate-movielens';
import { MOVIELENS_GENRES } from '../../src/datasets/generator/taste-model';
import { importMovieLens } from '../../src/datasets/movielens/import/import-movielens';
import { ADMIN, JWT_SECRET, loginAdmin, registerAndLogin } from '../support/factories';
import { Http } from '../support/http';
import { createMigratedDatabase } from '../support/migrated-database';
import { TestDatabase } from '../support/test-database';
import { startServer } from '../support/test-server';
import { waitFor } from '../support/wait-for';

const CLI = join(__dirname, '../../dist/src/cli/import-movielens.js');
const DEMO_VIEWERS = 100;
/** A film the demo has too: after the import there must be one Alien (1979), MovieLens'. */
const ALIEN_ID = 100001;

const work = mkdtempSync(join(tmpdir(), 'replace-demo-'));
const folder = join(work, 'ml');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  await generateMovieLens({
    format: 'csv',
    out: folder,
    counts: { ratings: 3000, users: 60, movies: 300 },
    seed: 7,
  });
  appendFileSync(join(folder, 'movies.csv'), `${ALIEN_ID},Alien (1979),Horror|Sci-Fi\n`);
  appendFileSync(join(folder, 'ratings.csv'), `1,${ALIEN_ID},4.5,1100000000\n`);
});

/** A migrated database holding the demo catalog. */
async function withDemoDatabase<T>(run: (db: TestDatabase, pool: Pool) => Promise<T>): Promise<T> {
  const db = await createMigratedDatabase();
  // Loaded through a pool of its own: the import sets temp_buffers, which a session that has
  // used temporary tables (the demo loader's) can no longer change.
  await loadDemoData(db.url, { viewers: DEMO_VIEWERS });
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    return await run(db, pool);
  } finally {
    await pool.end();
    await db.drop();
  }
}

async function one<T>(db: TestDatabase, sql: string, params?: unknown[]): Promise<T> {
  return (await db.query<T>(sql, params))[0];
}

/** A registered account (it has a password), as POST /v1/auth/register makes them. */
async function realUser(db: TestDatabase, email: string): Promise<number> {
  const { id } = await one<{ id: number }>(
    db,
    `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'hash', 'Real') RETURNING id`,
    [email],
  );
  return id;
}

async function demoMovieId(db: TestDatabase, title: string): Promise<number> {
  return (await one<{ id: number }>(db, `SELECT id FROM movies WHERE title = $1`, [title])).id;
}

/** Row counts of every table the import or the demo removal may touch. */
async function snapshot(db: TestDatabase): Promise<Record<string, number>> {
  return one(
    db,
    `SELECT (SELECT count(*)::int FROM movies) AS movies, (SELECT count(*)::int FROM users) AS users,
            (SELECT count(*)::int FROM ratings) AS ratings, (SELECT count(*)::int FROM genres) AS genres,
            (SELECT count(*)::int FROM movie_genres) AS links,
            (SELECT count(*)::int FROM watch_history) AS watches,
            (SELECT count(*)::int FROM model_versions) AS versions,
            (SELECT count(*)::int FROM dataset_loads) AS loads`,
  );
}

describe('importing MovieLens into a database that holds the demo catalog', () => {
  it('replaces the demo: one copy of each title, only the import genres, real users kept', async () => {
    await withDemoDatabase(async (db, pool) => {
      const demo = await snapshot(db);
      // A real account with a rating and a watch of a movie an admin added after the demo.
      const real = await realUser(db, 'ann@example.com');
      const { id: added } = await one<{ id: number }>(
        db,
        `INSERT INTO movies (title, release_year) VALUES ('Home Movie', 2020) RETURNING id`,
      );
      await db.query(
        `INSERT INTO movie_genres (movie_id, genre_id) SELECT $1, id FROM genres WHERE name = 'Drama'`,
        [added],
      );
      await db.query(`INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $2, 4)`, [
        real,
        added,
      ]);
      await db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2)`, [
        real,
        added,
      ]);
      await db.query(`INSERT INTO model_versions (status, is_demo) VALUES ('ready', true)`);

      // The bulk path (indexes and keys off, rebuilt) right after the removal's deletes.
      const summary = await importMovieLens(pool, folder, { bulkMinRows: 1 });

      expect(summary.replacedDemo).toEqual({
        movies: demo.movies,
        users: DEMO_VIEWERS,
        ratings: demo.ratings,
        genres: expect.any(Number),
        modelVersions: 1,
      });
      const duplicates = await db.query(
        `SELECT title, release_year FROM movies GROUP BY 1, 2 HAVING count(*) > 1`,
      );
      expect(duplicates).toEqual([]);
      expect(
        await db.query(`SELECT movielens_id, release_year FROM movies WHERE title = 'Alien'`),
      ).toEqual([{ movielens_id: ALIEN_ID, release_year: 1979 }]);
      const genres = await db.query<{ name: string }>(`SELECT name FROM genres ORDER BY name`);
      const imported = new Set<string>(MOVIELENS_GENRES);
      expect(genres.map((g) => g.name).filter((name) => !imported.has(name))).toEqual([]);
      expect(await snapshot(db)).toEqual({
        movies: 302,
        users: 61,
        ratings: 3002,
        genres: genres.length,
        links: expect.any(Number),
        watches: 1,
        versions: 0,
        loads: 1,
      });
      // The real account, its rating and watch, and the admin's movie are as they were.
      expect(
        await one(
          db,
          `SELECT u.email, u.password_hash, r.rating, m.title, m.rating_count,
                  (SELECT count(*)::int FROM watch_history w WHERE w.user_id = u.id) AS watches
             FROM users u JOIN ratings r ON r.user_id = u.id JOIN movies m ON m.id = r.movie_id
            WHERE u.id = $1`,
          [real],
        ),
      ).toEqual({
        email: 'ann@example.com',
        password_hash: 'hash',
        rating: 4,
        title: 'Home Movie',
        rating_count: 1,
        watches: 1,
      });
      const { counted } = await one<{ counted: number }>(
        db,
        `SELECT sum(rating_count)::int AS counted FROM movies`,
      );
      expect(counted).toBe(3002);
      expect(await db.query(`SELECT source FROM dataset_loads`)).toEqual([{ source: 'movielens' }]);

      const again = await importMovieLens(pool, folder);
      expect(again.replacedDemo).toBeNull();
      expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
    });
  });

  it('refuses, changing nothing, when a real account rated a demo movie', async () => {
    await withDemoDatabase(async (db, pool) => {
      const real = await realUser(db, 'bob@example.com');
      await db.query(`INSERT INTO ratings (user_id, movie_id, rating) VALUES ($1, $2, 5)`, [
        real,
        await demoMovieId(db, 'Alien'),
      ]);
      const before = await snapshot(db);

      const error = await importMovieLens(pool, folder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DemoInUseError);
      expect(error).toMatchObject({ accounts: 1, sampleIds: [real] });
      expect(await snapshot(db)).toEqual(before);

      const cli = spawnSync(process.execPath, [CLI, folder], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url },
        encoding: 'utf8',
        timeout: 60000,
      });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(
        `import failed, nothing was imported: the database holds the bundled demo catalog, ` +
          `which an import replaces, but 1 real account (id ${real}) rated, watched or tagged ` +
          `demo movies, and replacing the demo would delete that feedback. Import into an empty ` +
          `database instead (DATABASE_URL naming an empty database, or a new DATA_DIR), or remove ` +
          `that feedback first\n`,
      );
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('refuses too when a real account only watched a demo movie', async () => {
    await withDemoDatabase(async (db, pool) => {
      const real = await realUser(db, 'cy@example.com');
      await db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2)`, [
        real,
        await demoMovieId(db, 'Aliens'),
      ]);
      const before = await snapshot(db);
      await expect(importMovieLens(pool, folder)).rejects.toThrow(DemoInUseError);
      expect(await snapshot(db)).toEqual(before);
    });
  });

  it('keeps the demo when the import fails on a bad line', async () => {
    const broken = join(work, 'broken');
    await generateMovieLens({
      format: 'csv',
      out: broken,
      counts: { ratings: 500, users: 20, movies: 50 },
      seed: 3,
    });
    appendFileSync(join(broken, 'ratings.csv'), '1,1,9.0,1100000000\n');
    await withDemoDatabase(async (db, pool) => {
      const before = await snapshot(db);
      await expect(importMovieLens(pool, broken)).rejects.toThrow(/rating "9\.0"/);
      expect(await snapshot(db)).toEqual(before);
    });
  });
});

describe('a server serving the demo model while an import replaces the demo', () => {
  it('stops serving the removed movies at once, then serves the retrained model', async () => {
    await withDemoDatabase(async (db) => {
      const server = await startServer({
        databaseUrl: db.url,
        env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JWT_SECRET },
      });
      try {
        const http = new Http(server.url);
        const admin = await loginAdmin(http);
        const retrain = (): Promise<unknown> =>
          http.post('/v1/recommendations/model/retrain', { token: admin.accessToken });
        const modelWhere = (check: (body: Record<string, unknown>) => boolean, what: string) =>
          waitFor(async () => {
            const { body } = await http.get('/v1/recommendations/model');
            return check(body) ? body : undefined;
          }, what);
        await retrain();
        await modelWhere((m) => m.status === 'serving' && m.isDemo === true, 'the demo model');
        const demoAlien = await demoMovieId(db, 'Alien');

        const cli = spawnSync(process.execPath, [CLI, folder], {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url },
          encoding: 'utf8',
          timeout: 60000,
        });
        expect(cli.status).toBe(0);
        expect(cli.stdout).toMatch(
          /replaced the demo catalog: removed 3\d{3} demo movies, 100 demo viewers with \d+ ratings/,
        );
        expect(cli.stdout).toContain('next: npm run train');

        const fallback = await modelWhere(
          (m) => m.status === 'popularity-fallback',
          'the server to drop the demo model',
        );
        expect(fallback).toMatchObject({ version: null, isDemo: false });
        expect(server.logs.some((l) => l.includes('serving model removed from the store'))).toBe(
          true,
        );
        expect((await http.get(`/v1/movies/${demoAlien}/similar`)).status).toBe(404);
        const fan = await registerAndLogin(http, 'after-import');
        const list = await http.get('/v1/users/me/recommendations?limit=5', {
          token: fan.accessToken,
        });
        expect(list.body.strategy).toBe('popularity');
        expect(list.body.items).toHaveLength(5);

        await retrain();
        const retrained = await modelWhere(
          (m) => m.status === 'serving' && (m.version as number) > 1,
          'the retrained model',
        );
        expect(retrained).toMatchObject({ isDemo: false, counts: { items: 301 } });
      } finally {
        await server.stop();
      }
    });
  }, 120000);

  it('announces an empty catalog at start with how to fill it', async () => {
    const db = await createMigratedDatabase();
    try {
      const server = await startServer({ databaseUrl: db.url });
      await server.stop();
      const warnings = server.logs.filter((l) => l.includes('the catalog is empty'));
      expect(warnings).toHaveLength(1);
      expect(JSON.parse(warnings[0])).toMatchObject({
        level: 40,
        msg:
          'the catalog is empty: import a MovieLens folder with `npm run import:movielens -- <dir>` ' +
          '(the bundled demo catalog loads only into the embedded database, without DATABASE_URL)',
      });
    } finally {
      await db.drop();
    }
  });
});
