import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './support/test-database';

const CLI = join(__dirname, '../dist/src/cli');
const ESC = '\u001b';

interface LogLine {
  level: number;
  context?: string;
  msg: string;
  [field: string]: unknown;
}

/** Runs a compiled CLI with stdout and stderr piped, as a script or CI job would. */
function run(
  cli: string,
  args: string[],
  env: Record<string, string> = {},
): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [join(CLI, cli), ...args], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
}

/** No terminal tricks in a pipe: no escape codes, no `\r` progress. */
function expectPlainText(result: SpawnSyncReturns<string>): void {
  for (const output of [result.stdout, result.stderr]) {
    expect(output).not.toContain(ESC);
    expect(output).not.toContain('\r');
  }
}

/** stderr as log lines; every line must be one JSON object. */
function logLines(stderr: string): LogLine[] {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

describe('CLI output into pipes', () => {
  const work = mkdtempSync(join(tmpdir(), 'cli-output-'));
  const folder = join(work, 'movielens');
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('generate:movielens prints its result line and nothing else', () => {
    const result = run('generate-movielens.js', [
      '--size',
      'S',
      '--format',
      'csv',
      '--out',
      folder,
    ]);
    expect(result.status).toBe(0);
    expectPlainText(result);
    expect(result.stdout).toMatch(/^wrote .* 100000 ratings, 943 users, 1682 movies, \d+ tags\n$/);
  });

  it('import:movielens logs JSON lines on stderr and prints its summary on stdout', () => {
    const result = run('import-movielens.js', [folder], { DATABASE_URL: database.url });
    expect(result.status).toBe(0);
    expectPlainText(result);
    const logs = logLines(result.stderr);
    const filesRead = logs.filter((line) => line.msg === 'file read');
    expect(filesRead.map((line) => [line.file, line.rows])).toEqual([
      ['links.csv', 1682],
      ['tags.csv', expect.any(Number)],
      ['ratings.csv', 100000],
    ]);
    for (const line of filesRead) {
      expect(line.durationMs).toEqual(expect.any(Number));
      // A rate only over a measurable time: never millions of rows/s for a 1 ms file.
      if ((line.durationMs as number) < 1000) expect(line).not.toHaveProperty('rowsPerSecond');
      else expect(line.rowsPerSecond).toBeLessThanOrEqual(line.rows as number);
    }
    expect(logs.filter((line) => line.msg === 'merging').at(-1)).toMatchObject({ step: 'commit' });
    expect(result.stdout).toMatch(/^imported .* in \d+\.\d s\n {2}read: .*ratings\.csv 100000\n/);
  });

  it('evaluate --json keeps stdout to the one JSON result, logs on stderr', () => {
    const result = run('evaluate.js', [folder, '--json', '--workers', '1']);
    expect(result.status).toBe(0);
    expectPlainText(result);
    const stdoutLines = result.stdout.split('\n').filter(Boolean);
    expect(stdoutLines).toHaveLength(1);
    const json = JSON.parse(stdoutLines[0]) as { model: { ndcgAt10: number; users: number } };
    expect(json.model.users).toBeGreaterThan(0);
    expect(json.model.ndcgAt10).toBeGreaterThan(0);
    const messages = logLines(result.stderr).map((line) => line.msg);
    expect(messages[0]).toBe('reading');
    expect(messages).toContain('evaluating');
    expect(messages.at(-1)).toBe('evaluation done');
  });
});
