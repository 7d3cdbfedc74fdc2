import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHART_FILE, DASHBOARD_FOLDER, findAppRoot, loadDashboardAssets } from './dashboard-assets';

describe('findAppRoot', () => {
  it('finds the folder holding package.json above a source or compiled folder', () => {
    const root = join(__dirname, '..', '..');
    expect(findAppRoot(__dirname)).toBe(root);
    expect(findAppRoot(join(root, 'dist', 'src', 'dashboard'))).toBe(root);
  });

  it('says so when no folder above holds one', () => {
    expect(() => findAppRoot('/')).toThrow('no package.json above /');
  });
});

describe('loadDashboardAssets', () => {
  it('serves the page files by name with their types, and Chart.js from node_modules', () => {
    const assets = loadDashboardAssets(join(findAppRoot(__dirname), DASHBOARD_FOLDER));
    expect(assets.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    expect(assets.get('dashboard.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(assets.get('dashboard.js')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(assets.get(CHART_FILE)?.body.toString()).toContain('Chart');
    expect(assets.get('index.html')?.etag).toMatch(/^"[\w-]{43}"$/);
  });

  it('leaves out files of other types', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dashboard-assets-'));
    try {
      writeFileSync(join(folder, 'index.html'), '<!doctype html>');
      writeFileSync(join(folder, 'notes.md'), '# not served');
      expect([...loadDashboardAssets(folder).keys()].sort()).toEqual([CHART_FILE, 'index.html']);
    } finally {
      rmSync(folder, { recursive: true });
    }
  });

  it('names the missing folder rather than starting without the page', () => {
    expect(() => loadDashboardAssets('/nowhere/public/dashboard')).toThrow(
      "the dashboard's files are missing from /nowhere/public/dashboard",
    );
  });
});
