import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { runPendingMigrations } from '../../src/database/run-migrations';
import { importMovieLens } from '../../src/datasets/movielens/import/import-movielens';
import { ownUsage, runMain } from '../support/child';

/**
 * Child of bench:import: `import-child.js <database-url> <folder> [force]` migrates the
 * database (not timed), imports the folder once with importMovieLens, as the CLI does, and
 * prints one JSON line: the import's wall time, how long each step took, what it added, and
 * this process's peak RSS.
 */
async function main(): Promise<void> {
  const [url, dir, force] = process.argv.slice(2);
  await runPendingMigrations(url);
  const pool = new Pool({ connectionString: url, max: 1 });
  const steps: Array<{ step: string; ms: number }> = [];
  let current = { step: 'checksums', at: performance.now() };
  const enter = (step: string): void => {
    if (step === current.step) return;
    const now = performance.now();
    steps.push({ step: current.step, ms: now - current.at });
    current = { step, at: now };
  };
  try {
    const started = performance.now();
    const summary = await importMovieLens(pool, dir, {
      force: force === 'force',
      onProgress: (p) => enter(p.phase === 'read' ? `read ${p.file}` : p.step),
    });
    const importMs = performance.now() - started;
    enter('done');
    process.stdout.write(
      JSON.stringify({
        importMs,
        steps,
        added: summary.added,
        skipped: summary.unchangedSince !== null,
        ...ownUsage(),
      }) + '\n',
    );
  } finally {
    await pool.end();
  }
}

runMain(main);
