import { Pool } from 'pg';

/** What the load generator rotates through: user tokens, movie ids and title searches. */
export interface BenchFixtures {
  tokens: string[];
  movieIds: number[];
  searches: string[];
}

const PASSWORD = 'bench-user-password';

/** Registers a user through the API, then logs in (register answers the user, not tokens). */
async function register(url: string, index: number): Promise<string> {
  const email = `bench-${index}@example.com`;
  const response = await fetch(`${url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`register ${index}: ${response.status} ${await response.text()}`);
  return login(url, email, PASSWORD);
}

/** Logs in through the API and returns the access token. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * Registers `count` real users through the API (imported MovieLens users have no password, so
 * they cannot log in), then gives user i the ratings of an imported user picked evenly over the
 * ids, so the tokens carry histories as long-tailed as the data set's.
 */
export async function createBenchUsers(url: string, pool: Pool, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 8) {
    const batch = Array.from({ length: Math.min(8, count - start) }, (_, k) =>
      register(url, start + k),
    );
    tokens.push(...(await Promise.all(batch)));
  }
  const { rows: imported } = await pool.query<{ id: number }>(
    'SELECT id FROM users WHERE external_id IS NOT NULL ORDER BY id',
  );
  const { rows: created } = await pool.query<{ id: number; email: string }>(
    `SELECT id, email FROM users WHERE email LIKE 'bench-%@example.com' AND email <> $1`,
    ['bench-admin@example.com'],
  );
  const byEmail = new Map(created.map((row) => [row.email, row.id]));
  const step = imported.length / count;
  for (let i = 0; i < count; i++) {
    await pool.query(
      `INSERT INTO ratings (user_id, movie_id, rating, rated_at)
       SELECT $1, movie_id, rating, rated_at FROM ratings WHERE user_id = $2`,
      [byEmail.get(`bench-${i}@example.com`), imported[Math.floor(i * step)].id],
    );
  }
  return tokens;
}

/** The 1,000 most-rated movies and searches made of the first two words of their titles. */
export async function loadCatalogFixtures(pool: Pool): Promise<Omit<BenchFixtures, 'tokens'>> {
  const { rows } = await pool.query<{ id: number; title: string }>(
    `SELECT m.id, m.title FROM movies m
     JOIN (SELECT movie_id, count(*) AS n FROM ratings GROUP BY movie_id ORDER BY n DESC LIMIT 1000) r
       ON r.movie_id = m.id
     ORDER BY r.n DESC`,
  );
  const searches = rows.slice(0, 200).map((row) =>
    row.title
      .replace(/\(\d{4}\)$/, '')
      .replace(/[^\p{L}\s]/gu, ' ')
      .trim()
      .split(/\s+/)
      .slice(0, 2)
      .join(' ')
      .toLowerCase(),
  );
  return { movieIds: rows.map((row) => row.id), searches: searches.filter(Boolean) };
}
