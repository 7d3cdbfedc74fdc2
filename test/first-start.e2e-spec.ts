import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerAndLogin } from './support/factories';
import { Http } from './support/http';
import { startServer } from './support/test-server';

/**
 * `npm start` on a bare machine: no DATABASE_URL, an empty DATA_DIR. The server starts its
 * embedded PostgreSQL, loads the demo catalog, trains, and only then listens, so the first
 * requests already get real, sensible recommendations.
 */
describe('first start on an empty embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'movie-recommender-e2e-first-start-'));
  const env = {
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(52000 + (process.pid % 3000)),
    DEMO_DATA: 'true',
  };

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves demo recommendations at once, says it is demo data, and loads nothing twice', async () => {
    let server = await startServer({ env, timeoutMs: 180000 });
    try {
      const http = new Http(server.url);
      const model = await http.get('/v1/recommendations/model');
      expect(model.body).toMatchObject({ status: 'serving', version: 1, isDemo: true });
      // The demo catalog: every cleaned film of vega-datasets' movies.json.
      expect(model.body.counts.items).toBe(3200);

      const search = await http.get('/v1/movies?q=HALOWEEN&limit=5');
      const halloween = search.body.items.find((m: { title: string }) => m.title === 'Halloween');
      expect(halloween).toBeDefined();

      const fan = await registerAndLogin(http, 'first-start');
      await http.put(`/v1/users/me/ratings/${halloween.id}`, {
        token: fan.accessToken,
        body: { rating: 5 },
      });
      const list = await http.get('/v1/users/me/recommendations?limit=10', {
        token: fan.accessToken,
      });
      expect(list.status).toBe(200);
      const horror = list.body.items.filter((i: { movie: { genres: string[] } }) =>
        i.movie.genres.includes('Horror'),
      );
      expect(horror.length).toBeGreaterThanOrEqual(6);

      const similar = await http.get(`/v1/movies/${halloween.id}/similar?limit=10`);
      expect(similar.status).toBe(200);
      expect(similar.body.items.length).toBe(10);
    } finally {
      await server.stop();
    }

    server = await startServer({ env, timeoutMs: 120000 });
    try {
      expect(server.logs.some((l) => l.includes('demo data loaded'))).toBe(false);
      expect(server.logs.some((l) => l.includes('training started'))).toBe(false);
      const model = await new Http(server.url).get('/v1/recommendations/model');
      expect(model.body.version).toBe(1);
    } finally {
      await server.stop();
    }
  }, 360000);
});
