import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  cpSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  generateMovieLens,
  GeneratedFormat,
} from '../../src/datasets/generator/generate-movielens';
import { MovieLensImportError } from '../../src/datasets/movielens/import/import-error';
import { importMovieLens } from '../../src/datasets/movielens/import/import-movielens';
import { createMigratedDatabase } from '../support/migrated-database';
import { TestDatabase } from '../support/test-database';

const CLI = join(__dirname, '../../dist/src/cli/import-movielens.js');
const COUNTS = { ratings: 3000, users: 60, movies: 300 };

const work = mkdtempSync(join(tmpdir(), 'movielens-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function withDatabase<T>(run: (db: TestDatabase, pool: Pool) => Promise<T>): Promise<T> {
  const db = await createMigratedDatabase();
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    return await run(db, pool);
  } finally {
    await pool.end();
    await db.drop();
  }
}

async function count(db: TestDatabase, table: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return row.n;
}

describe.each<GeneratedFormat>(['csv', 'dat', '100k'])(
  'importing a generated %s folder',
  (format) => {
    it('loads every movie, user, rating and tag once, and a second import adds nothing', async () => {
      const dir = join(work, format);
      const generated = await generateMovieLens({ format, out: dir, counts: COUNTS, seed: 7 });
      await withDatabase(async (db, pool) => {
        // bulkMinRows 1: the path of a large first import (binary COPY into the empty table).
        const first = await importMovieLens(pool, dir, { bulkMinRows: 1 });
        expect(first.added).toMatchObject({ movies: 300, users: 60, ratings: 3000 });
        expect(first.added.tags).toBe(generated.tags);
        expect(await count(db, 'movies')).toBe(300);
        expect(await count(db, 'ratings')).toBe(3000);
        expect(await count(db, 'tags')).toBe(generated.tags);
        expect(await count(db, 'genres')).toBeGreaterThanOrEqual(10);
        const [users] = await db.query<{ n: number; loginable: number; email: string }>(
          `SELECT count(*)::int AS n, count(password_hash)::int AS loginable, min(email) AS email
           FROM users WHERE external_id IS NOT NULL`,
        );
        expect(users).toEqual({
          n: 60,
          loginable: 0,
          email: expect.stringMatching(/^movielens-\d+@users\.invalid$/),
        });
        const [stats] = await db.query<{ total: number; bad: number }>(
          `SELECT sum(rating_count)::int AS total, count(*) FILTER (WHERE rating_count > 0 AND
           abs(rating_mean - (SELECT avg(rating) FROM ratings r WHERE r.movie_id = m.id)) > 1e-9)::int AS bad
           FROM movies m`,
        );
        expect(stats).toEqual({ total: 3000, bad: 0 });
        // "Frozen Café" titles are Latin-1 in the .dat and ml-100k files: each one is imported
        // with its é.
        const moviesFile = { csv: 'movies.csv', dat: 'movies.dat', '100k': 'u.item' }[format];
        const encoding = format === 'csv' ? 'utf8' : 'latin1';
        const cafes = readFileSync(join(dir, moviesFile), encoding)
          .split('\n')
          .filter((line) => line.includes('Café')).length;
        expect(cafes).toBeGreaterThan(0);
        const [cafe] = await db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM movies WHERE title LIKE '%Café%'`,
        );
        expect(cafe.n).toBe(cafes);
        const [article] = await db.query<{ title: string; release_year: number }>(
          `SELECT title, release_year FROM movies WHERE movielens_id = 5`,
        );
        expect(article.title).toMatch(/^The /);
        expect(article.release_year).toBeGreaterThanOrEqual(1930);

        // The keys, indexes and triggers are back, and the id sequence is past the rows.
        expect(await count(db, `pg_indexes WHERE tablename = 'ratings'`)).toBe(4);
        expect(
          await count(db, `pg_constraint WHERE conrelid = 'ratings'::regclass AND convalidated`),
        ).toBe(4);
        expect(
          await count(db, `pg_trigger WHERE tgrelid = 'ratings'::regclass AND tgenabled = 'O'`),
        ).toBeGreaterThanOrEqual(3);
        const [rated] = await db.query<{ n: number }>(
          `INSERT INTO ratings (user_id, movie_id, rating)
           SELECT (SELECT min(id) FROM users), m.id, 3 FROM movies m
            WHERE NOT EXISTS (SELECT 1 FROM ratings r WHERE r.movie_id = m.id
                                AND r.user_id = (SELECT min(id) FROM users))
            LIMIT 1 RETURNING id AS n`,
        );
        expect(rated.n).toBeGreaterThan(3000);
        await db.query(`DELETE FROM ratings WHERE id = $1`, [rated.n]);

        // Unchanged files: skipped by their checksums.
        const second = await importMovieLens(pool, dir);
        expect(second.unchangedSince).toMatchObject({ loadId: expect.any(Number) });
        expect(Object.values(second.added).every((n) => n === 0)).toBe(true);
        // Forced: the merge runs, and adds nothing.
        const forced = await importMovieLens(pool, dir, { force: true });
        expect(forced.unchangedSince).toBeNull();
        expect(forced.linesRead).toMatchObject({ [moviesFile]: 300 });
        expect(Object.values(forced.added).every((n) => n === 0)).toBe(true);
        expect(await count(db, 'ratings')).toBe(3000);
      });
    });
  },
);

/**
 * MOVIELENS_DIR: a GroupLens CSV release to import (CI points it at ml-latest-small). Unset, the
 * same checks run on a generated folder of ml-latest-small's shape, and the test name says so.
 */
const REAL_FOLDER = process.env.MOVIELENS_DIR;
const LATEST_SMALL_SHAPE = { ratings: 100_004, users: 671, movies: 9_125 };

/** Data lines (all but the header), counted in chunks: the large releases exceed a string. */
function dataLines(file: string): number {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let newlines = 0;
  let last = 0x0a;
  try {
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0;) {
      for (let i = 0; i < read; i++) if (chunk[i] === 0x0a) newlines++;
      last = chunk[read - 1];
    }
  } finally {
    closeSync(fd);
  }
  return newlines + (last === 0x0a ? 0 : 1) - 1;
}

/** The fields of the first data line of a CSV file that matches `pattern`. */
function firstLine(file: string, pattern = /./): string[] {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(1 << 20);
  const read = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const lines = head.toString('utf8', 0, read).split('\n').slice(1);
  return csvFields(lines.find((line) => pattern.test(line))!);
}

/** RFC 4180 fields: quoted ones may hold commas, and `""` stands for a quote. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (isQuoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      isQuoted = !isQuoted;
    } else if (c === ',' && !isQuoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  return [...fields, field];
}

describe(
  REAL_FOLDER
    ? `importing the real MovieLens folder in MOVIELENS_DIR (${REAL_FOLDER})`
    : "importing a generated folder of ml-latest-small's shape (MOVIELENS_DIR unset)",
  () => {
    const folder = REAL_FOLDER ?? join(work, 'latest-small-shape');

    beforeAll(async () => {
      if (!REAL_FOLDER) {
        await generateMovieLens({
          format: 'csv',
          out: folder,
          counts: LATEST_SMALL_SHAPE,
          seed: 11,
        });
      }
    }, 120000);

    it('keeps every line, with titles, years, genres, ids and timestamps, and is idempotent', async () => {
      await withDatabase(async (db, pool) => {
        const summary = await importMovieLens(pool, folder);
        expect(summary.format).toBe('ml-csv');
        expect(await count(db, 'movies')).toBe(dataLines(join(folder, 'movies.csv')));
        expect(await count(db, 'ratings')).toBe(dataLines(join(folder, 'ratings.csv')));
        expect(await count(db, 'tags')).toBe(dataLines(join(folder, 'tags.csv')));

        // "Title, The (1995)" as MovieLens stores it, read back as people write it.
        const [movieId, storedTitle, genres] = firstLine(
          join(folder, 'movies.csv'),
          /^\d+,"[^"]*, The \(\d{4}\)"/,
        );
        const [, title, year] = /^(.*), The \((\d{4})\)$/.exec(storedTitle)!;
        const [movie] = await db.query<Record<string, unknown>>(
          `SELECT m.title, m.release_year, array_agg(g.name ORDER BY g.name) AS genres
             FROM movies m JOIN movie_genres mg ON mg.movie_id = m.id
             JOIN genres g ON g.id = mg.genre_id
            WHERE m.movielens_id = $1 GROUP BY m.id`,
          [Number(movieId)],
        );
        expect(movie).toEqual({
          title: `The ${title}`,
          release_year: Number(year),
          genres: genres.split('|').sort(),
        });

        const [linkedId, imdbId, tmdbId] = firstLine(join(folder, 'links.csv'));
        const [linked] = await db.query<Record<string, unknown>>(
          `SELECT imdb_id, tmdb_id FROM movies WHERE movielens_id = $1`,
          [Number(linkedId)],
        );
        expect(linked).toEqual({ imdb_id: `tt${imdbId}`, tmdb_id: Number(tmdbId) });

        const [userId, ratedMovieId, rating, timestamp] = firstLine(join(folder, 'ratings.csv'));
        const [rated] = await db.query<{ rated_at: Date; rating: number }>(
          `SELECT r.rated_at, r.rating FROM ratings r JOIN users u ON u.id = r.user_id
             JOIN movies m ON m.id = r.movie_id WHERE u.external_id = $1 AND m.movielens_id = $2`,
          [Number(userId), Number(ratedMovieId)],
        );
        expect(rated).toEqual({
          rated_at: new Date(Number(timestamp) * 1000),
          rating: Number(rating),
        });

        expect(await count(db, `genres WHERE name = '(no genres listed)'`)).toBe(0);
        // The bulk path rebuilt the ratings table's foreign keys and indexes.
        expect(await count(db, `pg_indexes WHERE tablename = 'ratings'`)).toBe(4);
        expect(
          await count(db, `pg_constraint WHERE conrelid = 'ratings'::regclass AND contype = 'f'`),
        ).toBe(2);
        const [load] = await db.query<{ source: string }>(`SELECT source FROM dataset_loads`);
        expect(load.source).toBe('movielens');

        const again = await importMovieLens(pool, folder);
        expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
      });
    }, 120000);

    if (REAL_FOLDER) {
      it('reads Toy Story and The American President as every GroupLens CSV release has them', async () => {
        await withDatabase(async (db, pool) => {
          await importMovieLens(pool, REAL_FOLDER);
          const [toyStory] = await db.query<Record<string, unknown>>(
            `SELECT m.title, m.release_year, m.imdb_id, m.tmdb_id,
                    array_agg(g.name ORDER BY g.name) AS genres
               FROM movies m JOIN movie_genres mg ON mg.movie_id = m.id JOIN genres g ON g.id = mg.genre_id
              WHERE m.movielens_id = 1 GROUP BY m.id`,
          );
          expect(toyStory).toEqual({
            title: 'Toy Story',
            release_year: 1995,
            imdb_id: 'tt0114709',
            tmdb_id: 862,
            genres: ['Adventure', 'Animation', 'Children', 'Comedy', 'Fantasy'],
          });
          const [president] = await db.query<{ title: string }>(
            `SELECT title FROM movies WHERE movielens_id = 11`,
          );
          expect(president.title).toBe('The American President');
        });
      }, 120000);
    }
  },
);

describe('bulk loading (any staged table of at least bulkMinRows rows)', () => {
  it('skips a duplicated (user, movie) pair in an empty table by retrying the upsert', async () => {
    const dir = mkdtempSync(join(work, 'duplicate-'));
    cpSync(join(work, 'csv'), dir, { recursive: true });
    const ratings = readFileSync(join(dir, 'ratings.csv'), 'utf8');
    writeFileSync(join(dir, 'ratings.csv'), `${ratings}${ratings.split('\n')[1]}\n`);
    await withDatabase(async (db, pool) => {
      const summary = await importMovieLens(pool, dir, { bulkMinRows: 1 });
      expect(summary.linesRead['ratings.csv']).toBe(3001);
      expect(summary.added.ratings).toBe(3000);
      expect(await count(db, 'ratings')).toBe(3000);
      expect(await count(db, `pg_indexes WHERE tablename = 'ratings'`)).toBe(4);
    });
  });

  it('adds a second, larger folder to a table it outnumbers, keeping existing ratings', async () => {
    const larger = join(work, 'csv-larger');
    await generateMovieLens({
      format: 'csv',
      out: larger,
      counts: { ratings: 6000, users: 90, movies: 300 },
      seed: 8,
    });
    await withDatabase(async (db, pool) => {
      await importMovieLens(pool, join(work, 'csv'), { bulkMinRows: 1 });
      const fingerprint = `SELECT md5(string_agg(concat_ws(':', user_id, movie_id, rating, rated_at), ','
        ORDER BY user_id, movie_id)) AS digest FROM ratings WHERE id <= 3000`;
      const before = await db.query<{ digest: string }>(fingerprint);
      const summary = await importMovieLens(pool, larger, { bulkMinRows: 1 });
      const [pairs] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ratings`);
      expect(pairs.n).toBe(3000 + summary.added.ratings);
      expect(summary.added.ratings).toBeLessThan(6000);
      expect(await count(db, `pg_constraint WHERE conrelid = 'ratings'::regclass`)).toBe(4);
      const after = await db.query<{ digest: string }>(fingerprint);
      expect(after).toEqual(before);
      const [stats] = await db.query<{ total: number }>(
        `SELECT sum(rating_count)::int AS total FROM movies`,
      );
      expect(stats.total).toBe(pairs.n);
    });
  });
});

describe('importing a folder again', () => {
  it('imports what changed when a file differs from the last load', async () => {
    const dir = mkdtempSync(join(work, 'changed-'));
    cpSync(join(work, 'csv'), dir, { recursive: true });
    await withDatabase(async (db, pool) => {
      await importMovieLens(pool, dir);
      const [movie] = await db.query<{ movielens_id: number; rating_count: number }>(
        `SELECT movielens_id, rating_count FROM movies ORDER BY movielens_id LIMIT 1`,
      );
      appendFileSync(join(dir, 'ratings.csv'), `999999,${movie.movielens_id},4.5,1500000000\n`);
      const again = await importMovieLens(pool, dir);
      expect(again.unchangedSince).toBeNull();
      expect(again.added).toMatchObject({ users: 1, ratings: 1, movies: 0, tags: 0 });
      const [after] = await db.query<{ rating_count: number }>(
        `SELECT rating_count FROM movies WHERE movielens_id = $1`,
        [movie.movielens_id],
      );
      expect(after.rating_count).toBe(movie.rating_count + 1);
      expect(await count(db, 'dataset_loads WHERE checksums IS NOT NULL')).toBe(2);
      expect((await importMovieLens(pool, dir)).unchangedSince).not.toBeNull();
    });
  });
});

describe('TMDB ids linked to two movies', () => {
  it('keeps each on one movie: the lowest MovieLens id, or a movie that already held it', async () => {
    const dir = mkdtempSync(join(work, 'tmdb-'));
    cpSync(join(work, 'csv'), dir, { recursive: true });
    const lines = readFileSync(join(dir, 'links.csv'), 'utf8').split('\n');
    const link = (line: number): number[] => lines[line].split(',').map(Number);
    const [first, , firstTmdb] = link(1);
    const [second, , secondTmdb] = link(2);
    const [third, , thirdTmdb] = link(3);
    // MovieLens links some TMDB ids twice: here the second movie carries the first's.
    lines[2] = lines[2].replace(/,\d+$/, `,${firstTmdb}`);
    writeFileSync(join(dir, 'links.csv'), lines.join('\n'));
    await withDatabase(async (db, pool) => {
      // A movie synced through the API before the import, holding the third movie's TMDB id.
      await db.query(`INSERT INTO movies (title, tmdb_id) VALUES ('Synced', $1)`, [thirdTmdb]);
      const summary = await importMovieLens(pool, dir);
      expect(summary.added.movies).toBe(300);
      const holders = await db.query<{ movielens_id: number | null; tmdb_id: number | null }>(
        `SELECT movielens_id, tmdb_id FROM movies
          WHERE movielens_id = ANY($1::int[]) OR movielens_id IS NULL ORDER BY movielens_id`,
        [[first, second, third]],
      );
      expect(holders).toEqual([
        { movielens_id: first, tmdb_id: firstTmdb },
        { movielens_id: second, tmdb_id: null },
        { movielens_id: third, tmdb_id: null },
        { movielens_id: null, tmdb_id: thirdTmdb },
      ]);
      expect(await count(db, `movies WHERE tmdb_id = ${secondTmdb}`)).toBe(0);
      const again = await importMovieLens(pool, dir, { force: true });
      expect(again.added.moviesUpdated).toBe(0);
    });
  });
});

describe('a broken line', () => {
  function brokenCopy(file: string, lineNumber: number, replacement: string): string {
    const dir = mkdtempSync(join(work, 'broken-'));
    cpSync(join(work, 'csv'), dir, { recursive: true });
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines[lineNumber - 1] = replacement;
    writeFileSync(join(dir, file), lines.join('\n'));
    return dir;
  }

  it('is reported with its file and line, and nothing is imported', async () => {
    const dir = brokenCopy('ratings.csv', 2500, '12,34,7.0,1100000000');
    await withDatabase(async (db, pool) => {
      const error = await importMovieLens(pool, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MovieLensImportError);
      expect(error).toMatchObject({ file: 'ratings.csv', line: 2500 });
      expect((error as Error).message).toMatch(/ratings\.csv line 2500: rating "7\.0"/);
      for (const table of ['movies', 'users', 'ratings', 'tags', 'genres', 'dataset_loads']) {
        expect(await count(db, table)).toBe(0);
      }
    });
  });

  it('in the movies file stops the CLI with the file and line, exit code 1', async () => {
    const dir = brokenCopy('movies.csv', 4, '3,"Unclosed title (1999),Drama,Extra');
    await withDatabase(async (db) => {
      const result = spawnSync(process.execPath, [CLI, dir], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url },
        encoding: 'utf8',
        timeout: 30000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/nothing was imported: movies\.csv line 4: expected 3 fields/);
      expect(await count(db, 'movies')).toBe(0);
    });
  });
});
