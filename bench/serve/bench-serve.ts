import autocannon from 'autocannon';
import { describeLoad, describeMachine, loadAverage } from '../support/machine';
import { markdownTable, writeReportSection } from '../support/report';
import { verdict } from '../support/stats';
import { ServeSetup, setUpServe, startRetrain, waitUntilServed } from './bench-setup';
import {
  RouteLoad,
  benchRoutes,
  describeFailures,
  failures,
  runLoad,
  startLoad,
} from './load-routes';

interface Args {
  swap: boolean;
  users: number;
  connections: number;
  durationSeconds: number;
  keepDatabase: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  return {
    swap: argv.includes('--swap'),
    users: value('--users', 100),
    connections: value('--connections', 50),
    durationSeconds: value('--duration', 10),
    keepDatabase: argv.includes('--keep-db'),
  };
}

const WARM_UP_SECONDS = 3;

function command(args: Args): string {
  const base = args.swap ? 'npm run bench:swap' : 'npm run bench:serve';
  const custom = [
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
    `database: the M set (seed 42) imported by \`import:movielens\`, ${setup.fixtures.tokens.length} registered ` +
    `users with histories copied from imported users, item-kNN model trained through the admin route` +
    (setup.firstTrainingSeconds !== null ? ` (${setup.firstTrainingSeconds.toFixed(1)} s)` : '') +
    `. Load: autocannon, ${args.connections} connections, loopback, same machine as the server.`
  );
}

/** Each route alone for the duration after a warm-up; health first, as the ceiling. */
async function serveTable(args: Args, setup: ServeSetup): Promise<string> {
  const routes = benchRoutes(setup.fixtures);
  const results: Array<{ route: RouteLoad; result: autocannon.Result }> = [];
  const loadBefore = loadAverage();
  for (const route of routes) {
    const options = {
      url: setup.server.url,
      connections: args.connections,
      requests: [route.request],
    };
    await runLoad({ ...options, durationSeconds: WARM_UP_SECONDS });
    process.stderr.write(`measuring ${route.label}\n`);
    results.push({
      route,
      result: await runLoad({ ...options, durationSeconds: args.durationSeconds }),
    });
  }
  const ceiling = results[0].result.requests.average;
  const rows = results.map(({ route, result }) => [
    route.label,
    result.requests.average.toFixed(0),
    `${((100 * result.requests.average) / ceiling).toFixed(0)} %`,
    String(result.latency.p50),
    String(result.latency.p99),
    String(result.latency.max),
    describeFailures(result),
  ]);
  const recs = results[1].result;
  const share = recs.requests.average / ceiling;
  const worstP99 = Math.max(...results.map((r) => r.result.latency.p99));
  const totalFailures = results.reduce((sum, r) => sum + failures(r.result), 0);
  return [
    header(args, setup, describeLoad(loadBefore, loadAverage())),
    `Each route alone for ${args.durationSeconds} s after a ${WARM_UP_SECONDS} s warm-up; latencies in ms; ` +
      'failures = connection errors + timeouts + non-2xx.',
    '',
    markdownTable(['route', 'req/s', 'of ceiling', 'p50 ms', 'p99 ms', 'max ms', 'failures'], rows),
    '',
    `Targets: recommendations ≥ 50 % of the ceiling: ${(100 * share).toFixed(0)} %, ${verdict(share >= 0.5)}; ` +
      `recommendations p99 < 25 ms at ${args.connections} connections: ${recs.latency.p99} ms, ` +
      `${verdict(recs.latency.p99 < 25)} (worst route p99 ${worstP99} ms); ` +
      `no errors: ${totalFailures}, ${verdict(totalFailures === 0)}.`,
  ].join('\n');
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
    'Mixed load: every connection cycles recommendations, similar, search, a rating PUT and health. ' +
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
  const setup = await setUpServe({ users: args.users, keepDatabase: args.keepDatabase });
  try {
    const body = args.swap ? await swapTable(args, setup) : await serveTable(args, setup);
    writeReportSection(
      args.swap ? 'swap' : 'serve',
      args.swap ? '## Serving during a retrain and swap (M)' : '## Serving (M)',
      body,
    );
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
