import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** One file the dashboard serves, held in memory. */
export interface DashboardAsset {
  body: Buffer;
  contentType: string;
  /** A strong validator: the SHA-256 of the bytes, quoted. */
  etag: string;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** The page's own files, below the app's root: in the repository and in the Docker image. */
export const DASHBOARD_FOLDER = join('public', 'dashboard');

/** The charting library's browser build, served as /dashboard/assets/chart.umd.min.js. */
export const CHART_FILE = 'chart.umd.min.js';

/**
 * The folder above `from` that holds package.json: the repository (from src/ under ts-jest, or
 * from dist/src/ once compiled) or the app folder of the image. tsc copies no other file into
 * dist/, so the page's files are read from there rather than beside the compiled code.
 */
export function findAppRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/**
 * Every file of `folder` with a known type, by name, and Chart.js's UMD build from
 * node_modules: read once, so serving one is a map look-up and the page works offline.
 */
export function loadDashboardAssets(folder: string): Map<string, DashboardAsset> {
  if (!existsSync(folder)) {
    throw new Error(
      `the dashboard's files are missing from ${folder}: ship the repository's public/ folder ` +
        'beside package.json',
    );
  }
  const assets = new Map<string, DashboardAsset>();
  for (const name of readdirSync(folder)) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (contentType) assets.set(name, asset(readFileSync(join(folder, name)), contentType));
  }
  // The package's `require` entry is dist/chart.cjs; the browser build sits beside it.
  const chart = join(dirname(require.resolve('chart.js')), CHART_FILE);
  assets.set(CHART_FILE, asset(readFileSync(chart), CONTENT_TYPES['.js']));
  return assets;
}

function asset(body: Buffer, contentType: string): DashboardAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  return { body, contentType, etag };
}
