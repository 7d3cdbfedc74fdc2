import { TitleEntry, TitleIndex } from '../src/movies/title-index';
import {
  prefixPattern,
  TITLE_ENTRIES_SQL,
  titleRelevanceOrder,
  WORD_SIMILARITY_THRESHOLD,
} from '../src/movies/title-search';
import { startTestApp, TestApp } from './support/factories';
import { waitFor } from './support/wait-for';

/**
 * The in-process title search (TitleIndex) against PostgreSQL's: the same catalog, the same
 * queries and filters, the same ids in the same order and the same totals, so a search answers
 * the same whichever of the two serves it. Titles cover what the two could read differently:
 * articles at either end, punctuation, digits, accents, "İ" and a final "Σ" (lower-cased one
 * character at a time), a title starting with punctuation, ties in every key.
 */
const WORDS_A = ['Silent', 'Dark', 'Lost', 'Golden', 'Broken', 'Last', 'Wild', 'Hidden', 'Red'];
const WORDS_B = ['River', 'Night', 'City', 'Island', 'Witness', 'Dream', 'Empire', 'Stranger'];
const GENERATED = 3000;

const SPECIAL: Array<[string, number | null, number]> = [
  ['The Exorcist', 1973, 10],
  ['Exorcist II: The Heretic', 1977, 30],
  ['Exorcist: The Beginning', 2004, 40],
  ['Exorcist, The', 1973, 10],
  ['Dominion: Prequel to the Exorcist', 2005, 50],
  ['The Thing', 1982, 20],
  ['Finishing the Game', 2007, 60],
  ['The Thing Called Love', 1993, 70],
  ['(500) Days of Summer', 2009, 5],
  ["'Round Midnight", 1986, 5],
  ['Léon: The Professional', 1994, 90],
  ['Amélie', 2001, 80],
  ['M*A*S*H', 1970, 15],
  ['Se7en', 1995, 85],
  ['Æon Flux', 2005, 2],
  ['İtirazım Var', 2014, 1],
  ['ΟΔΥΣΣΕΥΣ', null, 1],
  ['Straße der Sehnsucht', null, 0],
  ['2001: A Space Odyssey', 1968, 60],
  ['Star Wars: Episode IV - A New Hope', 1977, 99],
  ['Star Trek', 2009, 70],
  ['Starship Troopers', 1997, 40],
  ['Lone Star', 1996, 10],
  ['A Star Is Born', 1954, 10],
  ['A Star Is Born', 2018, 10],
  ['Shawshank Redemption, The', 1994, 95],
];

const QUERIES = [
  'exorcist',
  'the exorcist',
  'exorcist, the',
  'exorsist',
  'the thing',
  'thing',
  'star',
  'star is born',
  'a star',
  'amélie',
  'amelie',
  'léon',
  'itirazım',
  'οδυσσευσ',
  '(500',
  "'round",
  'm*a*s*h',
  'se7en',
  '2001',
  'shawshnk',
  'the',
  'a',
  'x',
  'lost river',
  'golden night 12',
  'the wild',
  'dark',
  'red city part 3',
  'hidden empire 1999',
  'stranger',
  '%',
  '_',
];

const FILTERS = [{}, { genre: 'drama' }, { yearFrom: 1950, yearTo: 1999 }, { yearFrom: 2005 }];

describe('title search in process, against PostgreSQL', () => {
  let app: TestApp;
  let index: TitleIndex;

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.database;
    await db.query(
      `INSERT INTO movies (title, release_year, popularity)
       SELECT CASE WHEN n % 3 = 0 THEN 'The ' ELSE '' END || ($1::text[])[1 + n % 9] || ' '
              || ($2::text[])[1 + (n / 9) % 8]
              || CASE WHEN n % 5 = 0 THEN ': Part ' || (n % 4 + 2) ELSE '' END
              || ' ' || (n % 40) || CASE WHEN n % 7 = 0 THEN '' ELSE ' (' || (1920 + n % 100) || ')' END,
              CASE WHEN n % 11 = 0 THEN NULL ELSE 1920 + n % 100 END, (n * 37) % 50
         FROM generate_series(1, $3::int) AS n`,
      [WORDS_A, WORDS_B, GENERATED],
    );
    for (const [title, year, popularity] of SPECIAL) {
      await db.query('INSERT INTO movies (title, release_year, popularity) VALUES ($1, $2, $3)', [
        title,
        year,
        popularity,
      ]);
    }
    await db.query(`INSERT INTO genres (name) VALUES ('Drama'), ('Comedy') ON CONFLICT DO NOTHING`);
    await db.query(
      `INSERT INTO movie_genres (movie_id, genre_id)
       SELECT m.id, g.id FROM movies m JOIN genres g
         ON (g.name = 'Drama' AND m.id % 2 = 0) OR (g.name = 'Comedy' AND m.id % 3 = 0)`,
    );
    // The entries as MoviesRepository.findTitleEntries reads them.
    const entries = await db.query<TitleEntry>(TITLE_ENTRIES_SQL);
    index = await TitleIndex.build(entries, 500);
    // As the title-search connections are set (TitleSearchPool).
    await db.query(`SET pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`);
  }, 120000);

  afterAll(async () => {
    await app?.stop();
  });

  /** The SQL search of MoviesRepository.search by relevance, one page. */
  async function sqlSearch(
    q: string,
    filter: { genre?: string; yearFrom?: number; yearTo?: number },
    offset: number,
    limit: number,
  ): Promise<{ ids: number[]; total: number }> {
    const params: unknown[] = [q, prefixPattern(q)];
    const where = ['($1 <% lower(m.title) OR lower(m.title) LIKE $2)'];
    if (filter.genre) {
      where.push(`EXISTS (SELECT 1 FROM movie_genres mg JOIN genres g ON g.id = mg.genre_id
                   WHERE mg.movie_id = m.id AND lower(g.name) = lower($${params.push(filter.genre)}))`);
    }
    if (filter.yearFrom !== undefined)
      where.push(`m.release_year >= $${params.push(filter.yearFrom)}`);
    if (filter.yearTo !== undefined) where.push(`m.release_year <= $${params.push(filter.yearTo)}`);
    const whereSql = where.join(' AND ');
    const rows = await app.database.query<{ id: number; total: number }>(
      `SELECT m.id, count(*) OVER ()::int AS total FROM movies m WHERE ${whereSql}
        ORDER BY ${titleRelevanceOrder('$1', '$2', 'm.title')}, m.popularity DESC, m.id
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    const [{ total }] = await app.database.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM movies m WHERE ${whereSql}`,
      params,
    );
    return { ids: rows.map((row) => row.id), total };
  }

  it('matches and ranks as the SQL search on every query, filter and page', async () => {
    let compared = 0;
    let matched = 0;
    for (const q of QUERIES) {
      for (const filter of FILTERS) {
        for (const [offset, limit] of [
          [0, 20],
          [20, 100],
        ]) {
          const expected = await sqlSearch(q, filter, offset, limit);
          expect({ q, filter, offset, ...index.search(q, filter, offset, limit) }).toEqual({
            q,
            filter,
            offset,
            ...expected,
          });
          compared++;
          matched += expected.ids.length;
        }
      }
    }
    expect(compared).toBe(QUERIES.length * FILTERS.length * 2);
    // The comparison covered real result lists, not empty ones.
    expect(matched).toBeGreaterThan(2000);
  });

  it('serves title searches from the index once built, with the same answers', async () => {
    const { http } = app;
    const first = await http.get('/v1/movies?q=exorcist&limit=5');
    expect(first.status).toBe(200);
    // The first search asked for the index; it is built in the background.
    await waitFor(async () => {
      const metrics = await http.get<string>('/metrics');
      const built = /memory_cache_entries\{cache="catalog_titles"\} (\d+)/.exec(metrics.body);
      return built && Number(built[1]) === GENERATED + SPECIAL.length ? true : undefined;
    }, 'the title index');
    for (const q of ['exorcist', 'star', 'the thing', 'shawshnk', 'amélie']) {
      const response = await http.get(`/v1/movies?q=${encodeURIComponent(q)}&limit=10`);
      expect(response.status).toBe(200);
      const expected = await sqlSearch(q, {}, 0, 10);
      expect(response.body.total).toBe(expected.total);
      expect(response.body.items.map((movie: { id: number }) => movie.id)).toEqual(expected.ids);
    }
    // The exact title first, its MovieLens spelling (a prefix match too) ahead of the other.
    const exorcist = await http.get('/v1/movies?q=exorcist&limit=2');
    expect(exorcist.body.items.map((movie: { title: string }) => movie.title)).toEqual([
      'Exorcist, The',
      'The Exorcist',
    ]);
  });
});
