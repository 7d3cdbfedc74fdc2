/// <reference lib="dom" />
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import {
  ADMIN,
  TestApp,
  TestUser,
  loginAdmin,
  registerAndLogin,
  startTestApp,
} from './support/factories';
import { EXPERIMENT_ANSWER, addFans, addShownLists } from './support/dashboard-fixture';
import { seedTasteCatalog, TasteCatalog } from './support/taste-catalog';
import { waitFor } from './support/wait-for';

const CHROMIUM = '/usr/bin/chromium';
/** Screenshots of each panel, for a person to look at (gitignored). */
const OUTPUT = join(__dirname, '..', 'test-output', 'dashboard');
const PANELS = ['quality', 'durations', 'online', 'coverage', 'traffic'] as const;
const DATA_ROUTES = [
  '/v1/admin/dashboard/model-history',
  '/v1/admin/dashboard/coverage',
  '/v1/admin/dashboard/traffic',
  '/v1/admin/online-metrics',
];

/** What a drawn chart holds: its non-null data points, and coloured pixels in its plot area. */
interface ChartCheck {
  id: string;
  points: number;
  colouredPixels: number;
}

/**
 * The admin dashboard in a real browser (Debian's chromium driven by playwright-core), on a
 * real app with data: versions trained on a growing catalog of fans, ten days of lists shown and
 * rated, and live requests for the traffic sampler (one point a second here).
 */
describe('the admin dashboard in a browser', () => {
  let app: TestApp;
  let catalog: TasteCatalog;
  let admin: TestUser;
  let browser: Browser;
  const versions: number[] = [];

  async function train(force: boolean): Promise<number> {
    const started = await app.http.post(`/v1/recommendations/model/retrain?force=${force}`, {
      token: admin.accessToken,
    });
    expect(started.status).toBe(202);
    const version = started.body.version as number;
    await waitFor(async () => {
      const { body } = await app.http.get('/v1/recommendations/model/versions?limit=1');
      return body.items[0]?.version === version && body.items[0].status !== 'training'
        ? true
        : undefined;
    }, `version ${version} to be stored`);
    return version;
  }

  /** Requests until the sampler holds `points` points that counted some. */
  async function makeTraffic(points: number): Promise<void> {
    await waitFor(
      async () => {
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            app.http.get(i % 2 ? '/v1/movies?limit=5' : '/v1/recommendations/model'),
          ),
        );
        const { body } = await app.http.get('/v1/admin/dashboard/traffic', {
          token: admin.accessToken,
        });
        const busy = body.points.filter((p: { requests: number }) => p.requests > 0);
        return busy.length >= points ? true : undefined;
      },
      `${points} traffic points with requests`,
      30000,
      250,
    );
  }

  async function openAsSignedIn(email: string, password: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${app.server.url}/dashboard`);
    await page.locator('#login-form input[name=email]').fill(email);
    await page.locator('#login-form input[name=password]').fill(password);
    await page.locator('#login-form button[type=submit]').click();
    return page;
  }

  /** Waits until every panel has drawn or said why not. */
  async function waitForPanels(page: Page): Promise<void> {
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('[data-panel]')].every(
          (section) => section.dataset.state !== undefined,
        ),
      undefined,
      { timeout: 20000 },
    );
  }

  function checkCharts(page: Page, panel: string): Promise<ChartCheck[]> {
    return page.evaluate((name) => {
      const canvases = document.querySelectorAll<HTMLCanvasElement>(
        `[data-panel="${name}"] canvas`,
      );
      return [...canvases].map((canvas) => {
        const chart = (
          window as unknown as {
            Chart: {
              getChart(c: HTMLCanvasElement): {
                data: { datasets: { data: unknown[] }[] };
                chartArea: { left: number; top: number; right: number; bottom: number };
              };
            };
          }
        ).Chart.getChart(canvas);
        const points = chart.data.datasets.reduce(
          (sum, dataset) => sum + dataset.data.filter((v) => v !== null && v !== undefined).length,
          0,
        );
        // Pixels of the plot area (not the legend) with a clear colour: the data drawn, as
        // axes, grid lines and labels are grey.
        const ratio = canvas.width / canvas.clientWidth;
        const { left, top, right, bottom } = chart.chartArea;
        const pixels = canvas
          .getContext('2d')!
          .getImageData(
            left * ratio,
            top * ratio,
            (right - left) * ratio,
            (bottom - top) * ratio,
          ).data;
        let colouredPixels = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
          if (a > 100 && Math.max(r, g, b) - Math.min(r, g, b) > 40) colouredPixels++;
        }
        return { id: canvas.id, points, colouredPixels };
      });
    }, panel);
  }

  /** Opens a panel from the navigation, as a person would, and screenshots it. */
  async function openPanel(page: Page, panel: string, file: string): Promise<void> {
    await page.locator(`nav.panel-nav a[href="#panel-${panel}"]`).click();
    const section = page.locator(`[data-panel="${panel}"]`);
    await page.waitForFunction(
      (name) => {
        const box = document.querySelector(`[data-panel="${name}"]`)!.getBoundingClientRect();
        return box.top < window.innerHeight && box.bottom > 0;
      },
      panel,
      { timeout: 5000 },
    );
    await section.screenshot({ path: join(OUTPUT, file) });
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install it with "apt-get install -y chromium"`);
    }
    mkdirSync(OUTPUT, { recursive: true });
    app = await startTestApp({ TRAFFIC_SAMPLE_SECONDS: '1' });
    catalog = await seedTasteCatalog(app.database, 45);
    admin = await loginAdmin(app.http);
    versions.push(await train(true));
    await addFans(app.database, catalog, 'fan-b', 60, 11);
    versions.push(await train(true));
    await addFans(app.database, catalog, 'fan-c', 90, 12);
    versions.push(await train(true));
    await waitFor(async () => {
      const { body } = await app.http.get('/v1/recommendations/model');
      return body.version === versions[2] ? true : undefined;
    }, 'the last version to serve');
    const shown = await addShownLists(app.database, catalog, versions, {
      viewers: 30,
      days: 10,
      seed: 5,
    });
    expect(shown.ratings).toBeGreaterThan(20);
    // Lists shown by the app itself too, today, and feedback on one of them.
    const viewer = await registerAndLogin(app.http, 'dashboard-viewer');
    const list = await app.http.get('/v1/users/me/recommendations?limit=10', {
      token: viewer.accessToken,
    });
    expect(list.status).toBe(200);
    await app.http.put(`/v1/users/me/ratings/${list.body.items[0].movie.id}`, {
      token: viewer.accessToken,
      body: { rating: 5, recommendationId: list.body.recommendationId },
    });
    await makeTraffic(3);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  }, 180000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('serves the page and its files from the app, under the app’s CSP', async () => {
    const page = await app.http.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<canvas id="chart-quality">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const chart = await app.http.get('/dashboard/assets/chart.umd.min.js');
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(chart.body).toContain('Chart');
    const script = await app.http.get('/dashboard/assets/dashboard.js');
    expect(script.status).toBe(200);
    const etag = script.headers.get('etag')!;
    const unchanged = await app.http.get('/dashboard/assets/dashboard.js', {
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);
    const missing = await app.http.get('/dashboard/assets/nothing.js');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('The dashboard has no file nothing.js');
    expect((await app.http.get('/dashboard/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('signs an admin in and draws every panel from data, all from the app itself', async () => {
    const page = await openAsSignedIn(ADMIN.email, ADMIN.password);
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith(app.server.url)) elsewhere.push(request.url());
    });
    try {
      await waitForPanels(page);
      await expect(page.locator('#who').innerText()).resolves.toBe(ADMIN.email);
      const token = await page.evaluate(() =>
        sessionStorage.getItem('movie-recommender.dashboard.accessToken'),
      );
      expect(token).toMatch(/^ey/);
      await page.screenshot({ path: join(OUTPUT, 'dashboard.png'), fullPage: true });
      for (const panel of PANELS) {
        await openPanel(page, panel, `${panel}.png`);
        await expect(
          page.locator(`[data-panel="${panel}"]`).getAttribute('data-state'),
        ).resolves.toBe('ready');
        const charts = await checkCharts(page, panel);
        expect(charts.length).toBeGreaterThan(0);
        expect(
          charts.map((c) => ({ id: c.id, hasPoints: c.points > 0, drawn: c.colouredPixels > 50 })),
        ).toEqual(charts.map((c) => ({ id: c.id, hasPoints: true, drawn: true })));
      }
      // Three versions, each with a model and a popularity point; ten days of lists.
      const [quality] = await checkCharts(page, 'quality');
      expect(quality.points).toBe(6);
      const [online] = await checkCharts(page, 'online');
      expect(online.points).toBeGreaterThanOrEqual(3 * 10);

      await openPanel(page, 'experiments', 'experiments.png');
      const experiments = page.locator('[data-panel="experiments"]');
      await expect(experiments.getAttribute('data-state')).resolves.toBe('empty');
      await expect(experiments.locator('.panel-message').innerText()).resolves.toBe(
        'No experiment yet.',
      );
      expect(problems.filter((text) => !text.includes('404'))).toEqual([]);
      expect(elsewhere).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60000);

  it('draws an experiment’s rates with their intervals (a fixture answer for the route)', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.route('**/v1/admin/experiments', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ items: [EXPERIMENT_ANSWER] }),
      }),
    );
    try {
      await page.goto(`${app.server.url}/dashboard`);
      await page.locator('#login-form input[name=email]').fill(ADMIN.email);
      await page.locator('#login-form input[name=password]').fill(ADMIN.password);
      await page.locator('#login-form button[type=submit]').click();
      await waitForPanels(page);
      await openPanel(page, 'experiments', 'experiments-fixture.png');
      const section = page.locator('[data-panel="experiments"]');
      await expect(section.getAttribute('data-state')).resolves.toBe('ready');
      const charts = await checkCharts(page, 'experiments');
      // Per chart: two rates and two intervals.
      expect(
        charts.map((c) => ({ id: c.id, points: c.points, drawn: c.colouredPixels > 50 })),
      ).toEqual([
        { id: 'chart-experiment-ctr', points: 4, drawn: true },
        { id: 'chart-experiment-positive', points: 4, drawn: true },
      ]);
      await expect(section.locator('table.results').innerText()).resolves.toContain(
        '+0.80 pp click-through (+0.17 pp to +1.43 pp)',
      );
    } finally {
      await page.close();
    }
  }, 60000);

  it('refuses the data to a non-admin with 403, and the page says it is for admins', async () => {
    const user = await registerAndLogin(app.http, 'not-admin');
    for (const route of DATA_ROUTES) {
      expect({ route, status: (await app.http.get(route)).status }).toEqual({ route, status: 401 });
      const forbidden = await app.http.get(route, { token: user.accessToken });
      expect({ route, status: forbidden.status }).toEqual({ route, status: 403 });
    }
    const page = await openAsSignedIn(user.email, user.password);
    try {
      const notice = page.locator('#forbidden-view');
      await notice.waitFor({ state: 'visible', timeout: 10000 });
      await expect(notice.locator('h2').innerText()).resolves.toBe('This dashboard is for admins');
      await expect(notice.innerText()).resolves.toContain(user.email);
      await expect(page.locator('#dashboard-view').isHidden()).resolves.toBe(true);
      await page.screenshot({ path: join(OUTPUT, 'not-admin.png') });
    } finally {
      await page.close();
    }
  }, 60000);

  it('renews a refused access token with the refresh token it holds, once for all panels', async () => {
    const page = await openAsSignedIn(ADMIN.email, ADMIN.password);
    const refreshes: number[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/v1/auth/refresh')) refreshes.push(response.status());
    });
    try {
      await waitForPanels(page);
      // As an expired token is: refused with 401 by every data route.
      await page.evaluate(() => {
        sessionStorage.setItem('movie-recommender.dashboard.accessToken', 'expired.token.value');
        // Forgotten, so that waiting for the panels waits for this refresh's drawing.
        document.querySelectorAll<HTMLElement>('[data-panel]').forEach((section) => {
          delete section.dataset.state;
        });
      });
      await page.locator('#refresh').click();
      await page.waitForFunction(
        () => sessionStorage.getItem('movie-recommender.dashboard.accessToken')?.startsWith('ey'),
        undefined,
        { timeout: 10000 },
      );
      await waitForPanels(page);
      expect(refreshes).toEqual([200]);
      await expect(page.locator('#dashboard-view').isVisible()).resolves.toBe(true);
      await expect(page.locator('[data-panel="quality"]').getAttribute('data-state')).resolves.toBe(
        'ready',
      );
    } finally {
      await page.close();
    }
  }, 60000);

  it('says why a sign-in failed and stays on the form', async () => {
    const page = await openAsSignedIn(ADMIN.email, 'not-the-password-at-all');
    try {
      await page.locator('#login-error', { hasText: 'Wrong email or password.' }).waitFor();
      await expect(page.locator('#dashboard-view').isHidden()).resolves.toBe(true);
    } finally {
      await page.close();
    }
  }, 30000);
});
