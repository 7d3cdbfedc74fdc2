import autocannon from 'autocannon';
import { describeLoad, describeMachine, loadAverage } from '../support/machine';
import { CpuSnapshot, cpuSpent, snapshotCpu } from '../support/process-cpu';
import { markdownTable, writeReportSection } from '../support/report';
import { verdict } from '../support/stats';
import { BenchSize, parseSize } from '../train/bench-sizes';
import { ServeSetup, modelInfo, setUpServe, startRetrain, waitUntilServed } from './bench-setup';
import { REFERENCE_PATH } from './reference/reference-route';
import { BenchServer, startReferenceServer, startServer } from './server-process';
import { benchRoutes, describeFailures, failures, runLoad, startLoad } from './load-routes';

interface Args {
  size: BenchSize;
  swap: boolean;
  users: number;
  connections: number;
  durationSeconds: number;
  keepDatabase: boolean;
  /** Only these routes (by name), for profiling one: the table is printed, not written. */
  only: string[] | null;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const sizeAt = argv.indexOf('--size');
  const onlyAt = argv.indexOf('--only');
  return {
    size: parseSize(sizeAt >= 0 ? argv[sizeAt + 1] : 'M'),
    swap: argv.includes('--swap'),
    users: value('--users', 100),
    connections: value('--connections', 50),
    durationSeconds: value('--duration', 10),
    keepDatabase: argv.includes('--keep-db'),
    only: onlyAt >= 0 ? argv[onlyAt + 1].split(',') : null,
  };
}

const WARM_UP_SECONDS = 3;

function command(args: Args): string {
  const base = args.swap ? 'npm run bench:swap' : 'npm run bench:serve';
  const custom = [
    args.size !== 'M' ? `--size ${args.size}` : '',
    args.users !== 100 ? `--users ${args.users}` : '',
    args.connections !== 50 ? `--connections ${args.connections}` : '',
    args.durationSeconds !== 10 ? `--duration ${args.durationSeconds}` : '',
  ].filter(Boolean);
  return custom.length ? `${base} -- ${custom.join(' ')}` : base;
}

function header(args: Args, setup: ServeSetup, load: string): string {
  return (
    `Machine: ${describeMachine()}; ${load}. Command: \`${command(args)}\`.\n` +
    `Server: \`dist/src/main.js\`, NODE_ENV=production, LOG_LEVEL=info (a JSON line per request, to a file), rate limits raised out of the way; ` +
    `database: the ${args.size} set (seed 42) imported by \`import:movielens\`, ${setup.fixtures.tokens.length} registered ` +
    `users with histories copied from imported users, ${setup.algorithm ?? 'no'} model trained through the admin route` +
    (setup.firstTrainingSeconds !== null ? ` (${setup.firstTrainingSeconds.toFixed(1)} s)` : '') +
    `. Load: autocannon, ${args.connections} connections, loopback, same machine as the server.`
  );
}

/**
 * What one row measured, and the CPU seconds it cost: the server process, its PostgreSQL
 * backends, and autocannon (this process). On 2 shared cores the three compete, so CPU per
 * request says where a row's time went when req/s alone cannot.
 */
interface Measured {
  label: string;
  result: autocannon.Result;
  cpu: { server: number; database: number; load: number };
}

/** One load alone for the duration, after a warm-up. */
async function measure(
  args: Args,
  label: string,
  server: BenchServer,
  request: autocannon.Request,
  databaseUrl?: string,
): Promise<Measured> {
  const options = { url: server.url, connections: args.connections, requests: [request] };
  await runLoad({ ...options, durationSeconds: WARM_UP_SECONDS });
  process.stderr.write(`measuring ${label}\n`);
  const pid = server.process.pid!;
  const before: CpuSnapshot = await snapshotCpu(pid, databaseUrl);
  const loadBefore = process.cpuUsage();
  const result = await runLoad({ ...options, durationSeconds: args.durationSeconds });
  const load = process.cpuUsage(loadBefore);
  const spent = cpuSpent(before, await snapshotCpu(pid, databaseUrl));
  return {
    label,
    result,
    cpu: { server: spent.app, database: spent.database, load: (load.user + load.system) / 1e6 },
  };
}

/** CPU microseconds per answered request, as a table cell. */
function microsPerRequest(seconds: number, result: autocannon.Result): string {
  return result.requests.total > 0 ? ((1e6 * seconds) / result.requests.total).toFixed(0) : '–';
}

/**
 * The reference servers, each in its own process, started, measured alone and stopped: bare
 * `node:http` answering a constant JSON body (the runtime's ceiling, 100 %), and a minimal
 * Nest 12 app with one constant route on each platform (what the framework itself costs).
 */
const REFERENCES: ReadonlyArray<{ label: string; script: string; args: string[] }> = [
  { label: 'bare node:http (ceiling)', script: 'bare-http.js', args: [] },
  { label: 'minimal Nest 12, platform-express', script: 'nest-minimal.js', args: ['express'] },
  { label: 'minimal Nest 12, platform-fastify', script: 'nest-minimal.js', args: ['fastify'] },
];

async function measureReferences(args: Args): Promise<Measured[]> {
  const measured: Measured[] = [];
  for (const reference of REFERENCES) {
    const server = await startReferenceServer(reference.script, reference.args);
    try {
      measured.push(
        await measure(args, reference.label, server, { method: 'GET', path: REFERENCE_PATH }),
      );
    } finally {
      await server.stop();
    }
  }
  return measured;
}

/** A share as the table prints it: "6.9 %" below 10 %, "79 %" above. */
function percent(share: number): string {
  return `${(100 * share).toFixed(share < 0.1 ? 1 : 0)} %`;
}

/** Whether the route named `name` reached `share` of the ceiling, as a sentence part. */
function shareTarget(
  byName: ReadonlyMap<string, Measured>,
  name: string,
  ceiling: number,
  target: number,
): string {
  const row = byName.get(name);
  if (!row) return `${name}: not measured`;
  const share = row.result.requests.average / ceiling;
  return `${row.label} ≥ ${percent(target)}: ${percent(share)}, ${verdict(share >= target)}`;
}

/**
 * The reference servers, then each route alone for the duration after a warm-up; every row as
 * a share of bare node:http (the ceiling) and of /health/live (the app's own floor of cost).
 */
async function serveTable(args: Args, setup: ServeSetup): Promise<string> {
  const loadBefore = loadAverage();
  const references = await measureReferences(args);
  const routes = benchRoutes(setup.fixtures).filter(
    (route) => !args.only || args.only.includes(route.name),
  );
  const measured: Array<Measured & { name: string }> = [];
  for (const route of routes) {
    measured.push({
      name: route.name,
      ...(await measure(args, route.label, setup.server, route.request, setup.databaseUrl)),
    });
  }
  if (!args.only) measured.push(await withoutImpressions(args, setup, routes));
  const loadAfter = loadAverage();
  const ceiling = references[0].result.requests.average;
  const byName = new Map(measured.map((m) => [m.name, m]));
  const health = byName.get('health')?.result.requests.average ?? NaN;
  const rows = [...references, ...measured].map(({ label, result, cpu }) => [
    label,
    result.requests.average.toFixed(0),
    percent(result.requests.average / ceiling),
    Number.isNaN(health) ? '–' : percent(result.requests.average / health),
    String(result.latency.p50),
    String(result.latency.p99),
    String(result.latency.max),
    describeFailures(result),
    microsPerRequest(cpu.server, result),
    microsPerRequest(cpu.database, result),
    microsPerRequest(cpu.load, result),
  ]);
  const recs = byName.get('recommendations')?.result;
  const totalFailures = measured.reduce((sum, m) => sum + failures(m.result), 0);
  const targets = [
    shareTarget(byName, 'health', ceiling, 0.3),
    shareTarget(byName, 'recommendations', ceiling, 0.05),
    recs
      ? `recommendations p99 ≤ 25 ms at ${args.connections} connections: ${recs.latency.p99} ms, ${verdict(recs.latency.p99 <= 25)}`
      : 'recommendations p99: not measured',
    ...['similar', 'trending', 'movie'].map((name) => shareTarget(byName, name, ceiling, 0.08)),
    shareTarget(byName, 'rate', ceiling, 0.03),
    shareTarget(byName, 'search', ceiling, 0.02),
    `no errors: ${totalFailures}, ${verdict(totalFailures === 0)}`,
  ];
  return [
    header(args, setup, describeLoad(loadBefore, loadAfter)),
    `Each row alone for ${args.durationSeconds} s after a ${WARM_UP_SECONDS} s warm-up, the reference ` +
      'servers (bench/serve/reference/) each in its own process; latencies in ms; ' +
      'failures = connection errors + timeouts + non-2xx; CPU per request from /proc (user + system) ' +
      'for the server and its PostgreSQL backends, process.cpuUsage() for autocannon: the three ' +
      'share the machine’s cores.',
    '',
    markdownTable(
      [
        'route',
        'req/s',
        'of bare node:http',
        'of /health/live',
        'p50 ms',
        'p99 ms',
        'max ms',
        'failures',
        'server CPU µs/req',
        'PostgreSQL CPU µs/req',
        'autocannon CPU µs/req',
      ],
      rows,
    ),
    '',
    `Targets: ${targets.join('; ')}.`,
    '',
    await memoryLine(setup),
  ].join('\n');
}

/**
 * The recommendations row again on a second server with RECORD_IMPRESSIONS=false: the
 * difference is what recording impressions costs (a uuid and a buffered record per list on the
 * request path, a COPY a second off it).
 */
async function withoutImpressions(
  args: Args,
  setup: ServeSetup,
  routes: ReturnType<typeof benchRoutes>,
): Promise<Measured & { name: string }> {
  const route = routes.find((r) => r.name === 'recommendations')!;
  const server = await startServer(setup.databaseUrl, { RECORD_IMPRESSIONS: 'false' });
  try {
    // The same model as the first server's, loaded before the row starts.
    const { version } = await modelInfo(setup.server.url);
    if (version !== null) await waitUntilServed(server.url, version);
    const label = `${route.label}, impressions not recorded`;
    return {
      name: 'recommendations-without-impressions',
      ...(await measure(args, label, server, route.request, setup.databaseUrl)),
    };
  } finally {
    await server.stop();
  }
}

/**
 * What the server holds after the run, from its /metrics: resident memory, the heap, and each
 * in-memory cache's entries (every one is bounded; docs/architecture.md, "The request path").
 */
async function memoryLine(setup: ServeSetup): Promise<string> {
  const text = await (await fetch(`${setup.server.url}/metrics`)).text();
  const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? NaN);
  const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const caches = [...text.matchAll(/^memory_cache_entries\{cache="([^"]+)"\} (\d+)/gm)]
    .map(([, cache, entries]) => `${cache} ${entries}`)
    .join(', ');
  return (
    `Memory after the run (server's /metrics): resident ${mib(value(/^process_resident_memory_bytes (\S+)/m))}, ` +
    `heap used ${mib(value(/^nodejs_heap_size_used_bytes (\S+)/m))}; cache entries: ${caches}.`
  );
}

/** The mixed load idle, then the same load while a retrain of M runs and swaps in. */
async function swapTable(args: Args, setup: ServeSetup): Promise<string> {
  const requests = benchRoutes(setup.fixtures).map((route) => route.request);
  const options = { url: setup.server.url, connections: args.connections, requests };
  const loadBefore = loadAverage();
  await runLoad({ ...options, durationSeconds: WARM_UP_SECONDS });
  process.stderr.write('measuring the mixed load idle\n');
  const idle = await runLoad({ ...options, durationSeconds: 2 * args.durationSeconds });
  process.stderr.write('measuring the mixed load during a retrain\n');
  const during = startLoad({ ...options, durationSeconds: 600 });
  const started = Date.now();
  const version = await startRetrain(setup.server.url, setup.adminToken);
  let swapError: unknown;
  await waitUntilServed(setup.server.url, version).catch((error: unknown) => (swapError = error));
  const trainingSeconds = (Date.now() - started) / 1000;
  during.instance.stop();
  const busy = await during.done;
  if (swapError) throw swapError;
  const row = (what: string, result: autocannon.Result): string[] => [
    what,
    result.duration.toFixed(1),
    result.requests.average.toFixed(0),
    String(result.latency.p50),
    String(result.latency.p99),
    String(result.latency.max),
    describeFailures(result),
  ];
  const ratio = busy.latency.p99 / Math.max(idle.latency.p99, 1);
  const totalFailures = failures(idle) + failures(busy);
  return [
    header(args, setup, describeLoad(loadBefore, loadAverage())),
    'Mixed load: every connection cycles recommendations, similar, trending, movie detail, search, a rating PUT and health. ' +
      `Idle for ${2 * args.durationSeconds} s, then the same load from the admin retrain call until ` +
      `version ${version} is served (${trainingSeconds.toFixed(1)} s: evaluation, training, storing, NOTIFY, load).`,
    '',
    markdownTable(
      ['phase', 'seconds', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'failures'],
      [row('idle', idle), row('retrain running and swapping in', busy)],
    ),
    '',
    `Targets: p99 during training ≤ 2x idle: ${ratio.toFixed(1)}x, ${verdict(ratio <= 2)}; ` +
      `no errors: ${totalFailures}, ${verdict(totalFailures === 0)}.`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const setup = await setUpServe({
    size: args.size,
    users: args.users,
    keepDatabase: args.keepDatabase,
  });
  try {
    const body = args.swap ? await swapTable(args, setup) : await serveTable(args, setup);
    const suffix = args.size === 'M' ? '' : `-${args.size.toLowerCase()}`;
    if (!args.only) {
      writeReportSection(
        (args.swap ? 'swap' : 'serve') + suffix,
        args.swap
          ? `## Serving during a retrain and swap (${args.size})`
          : `## Serving (${args.size})`,
        body,
      );
    }
    process.stderr.write(`${body}\n`);
  } finally {
    await setup.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
