import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  generateMovieLens,
  MOVIELENS_SIZES,
} from '../../src/datasets/generator/generate-movielens';
import { createDatabase, databaseUrl, dropDatabase } from '../serve/scratch-database';
import { ChildResult, numberField, ownUsage, runChild, runMain } from '../support/child';
import { describeLoad, describeMachine, loadAverage } from '../support/machine';
import { BENCH_DATA, DIST_BENCH } from '../support/paths';
import { markdownTable, writeReportSection } from '../support/report';
import { BENCH_SEED, BenchSize, parseSize } from '../train/bench-sizes';
import { watchServerCpu } from './server-cpu';

const IMPORT_CHILD = join(DIST_BENCH, 'import', 'import-child.js');

interface Args {
  size: BenchSize;
  /** Also time a forced re-import (the merge path over a full table): minutes at L. */
  forced: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const forced = argv.includes('--forced-reimport');
  const rest = argv.filter((a) => a !== '--forced-reimport');
  if (rest.length > 1) throw new Error('usage: bench:import -- [S|M|L] [--forced-reimport]');
  return { size: parseSize(rest[0] ?? 'M'), forced };
}

/** The seeded CSV folder of `size`, generated once and kept under bench/.data/import. */
async function datasetFolder(size: BenchSize): Promise<string> {
  const dir = join(BENCH_DATA, 'import', `${size}-seed${BENCH_SEED}`);
  if (existsSync(dir)) return dir;
  process.stderr.write(`generating ${size} (seed ${BENCH_SEED}) into ${dir}\n`);
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(join(BENCH_DATA, 'import'), { recursive: true });
  await generateMovieLens({
    format: 'csv',
    out: partial,
    counts: MOVIELENS_SIZES[size],
    seed: BENCH_SEED,
  });
  await rename(partial, dir);
  return dir;
}

/** Wall seconds, and CPU seconds of the client and of the server's backends. */
interface Timing {
  seconds: number;
  clientCpu: number;
  serverCpu: number;
}

/** The ceiling: psql's `\copy` of the ratings file into an unindexed table. */
async function bareCopy(ratingsFile: string): Promise<Timing> {
  const name = `bench_import_copy_${process.pid}`;
  await createDatabase(name);
  try {
    /**
     * Runs psql under /usr/bin/time, asynchronously (the server's CPU is sampled meanwhile);
     * resolves with psql's own CPU seconds.
     */
    const psql = (command: string): Promise<number> =>
      new Promise((resolve, reject) => {
        const args = ['-f', '%U %S', 'psql', '-X', '-v', 'ON_ERROR_STOP=1', '-c', command];
        const child = spawn('/usr/bin/time', [...args, databaseUrl(name)], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.once('error', reject);
        child.once('exit', (code) => {
          if (code !== 0) return reject(new Error(`psql failed: ${stderr}`));
          const [user, system] = stderr.trim().split('\n').pop()!.split(' ').map(Number);
          resolve(user + system);
        });
      });
    await psql(
      'CREATE TABLE ratings_copy (user_id integer, movie_id integer, rating real, ts bigint)',
    );
    const stopWatch = await watchServerCpu(name);
    const started = performance.now();
    const clientCpu = await psql(
      `\\copy ratings_copy FROM '${ratingsFile}' WITH (FORMAT csv, HEADER)`,
    );
    const seconds = (performance.now() - started) / 1000;
    return { seconds, clientCpu, serverCpu: await stopWatch() };
  } finally {
    await dropDatabase(name);
  }
}

function stepLines(result: ChildResult): string {
  const steps = result.steps as Array<{ step: string; ms: number }>;
  return steps
    .filter((s) => s.ms >= 50)
    .map((s) => `${s.step} ${(s.ms / 1000).toFixed(1)} s`)
    .join(', ');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = await datasetFolder(args.size);
  const ratingsFile = join(dir, 'ratings.csv');
  const mib = statSync(ratingsFile).size / 2 ** 20;
  const loadBefore = loadAverage();

  process.stderr.write(`timing the bare \\copy of ${ratingsFile} (${mib.toFixed(0)} MiB)\n`);
  const ceiling = await bareCopy(ratingsFile);
  process.stderr.write(`\\copy: ${JSON.stringify(ceiling)}\n`);
  const ceilingCpu = ceiling.clientCpu + ceiling.serverCpu;
  const cells = (t: Timing): string[] => {
    const cpu = t.clientCpu + t.serverCpu;
    return [
      t.seconds.toFixed(1),
      `${(t.seconds / ceiling.seconds).toFixed(2)}×`,
      `${cpu.toFixed(1)} (${t.clientCpu.toFixed(1)} + ${t.serverCpu.toFixed(1)})`,
      `${(cpu / ceilingCpu).toFixed(2)}×`,
    ];
  };

  const name = `bench_import_${process.pid}`;
  await createDatabase(name);
  const rows: string[][] = [];
  const row = (what: string, result: ChildResult, serverCpu: number): void => {
    const timing = {
      seconds: numberField(result, 'importMs') / 1000,
      clientCpu: numberField(result, 'cpuMs') / 1000,
      serverCpu,
    };
    rows.push([
      what,
      ...cells(timing),
      numberField(result, 'maxRssMiB').toFixed(0),
      stepLines(result),
    ]);
    process.stderr.write(`${what}: ${JSON.stringify({ ...timing, ...result })}\n`);
  };
  try {
    const run = async (what: string, extra: string[] = []): Promise<void> => {
      const stopWatch = await watchServerCpu(name);
      const result = await runChild(IMPORT_CHILD, [databaseUrl(name), dir, ...extra], {
        label: what,
      });
      row(what, result, await stopWatch());
    };
    await run('import into an empty database');
    await run('re-import, unchanged folder (skipped by checksum)');
    if (args.forced) await run('forced re-import (merge into the full table)', ['force']);
  } finally {
    await dropDatabase(name);
  }
  const loadAfter = loadAverage();

  const ratings = MOVIELENS_SIZES[args.size].ratings.toLocaleString('en-US');
  const body = [
    `\`npm run bench:import -- ${args.size}${args.forced ? ' --forced-reimport' : ''}\`: seeded CSV folder of ${ratings} ratings ` +
      `(ratings.csv ${mib.toFixed(0)} MiB), PostgreSQL on 127.0.0.1.`,
    '',
    `Machine: ${describeMachine()}; ${describeLoad(loadBefore, loadAfter)}.`,
    '',
    markdownTable(
      [
        'run',
        'wall s',
        'wall ÷ \\copy',
        'CPU s (client + server)',
        'CPU ÷ \\copy',
        'peak RSS MiB (client)',
        'steps (wall)',
      ],
      [
        [
          'bare `psql \\copy` of ratings.csv into an unindexed table (the ceiling)',
          ...cells(ceiling),
          '',
          '',
        ],
        ...rows,
      ],
    ),
    '',
    'CPU: the client process (psql, or the importing Node process) plus every PostgreSQL backend ' +
      'of the database (parallel workers included), sampled from /proc every 100 ms. On a busy ' +
      'machine it is the steadier figure: wall time also counts the waits for a core.',
  ].join('\n');
  writeReportSection(`import-${args.size}`, `## Import (${args.size})`, body);
  process.stdout.write(`${body}\n`);
  process.stderr.write(`bench process: ${JSON.stringify(ownUsage())}\n`);
}

runMain(main);
