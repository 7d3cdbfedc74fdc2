import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './support/wait-for';

const ROOT = join(__dirname, '..');

interface NpmStart {
  npm: ChildProcess;
  logs: string[];
  port: number;
  /** The `node dist/src/main.js` process. */
  serverPid: number;
  postmasterPid: number;
  /** npm's exit code, once it has exited. */
  exitCode(): number | null | undefined;
}

/**
 * `npm start` exactly as a person runs it, minus the build (`--ignore-scripts` skips only the
 * `prestart` hook; the suite has built already). In its own process group, like a terminal's
 * foreground job.
 */
function npmStart(
  dataDir: string,
  embeddedPort: number,
  extraEnv: Record<string, string> = {},
): Promise<NpmStart> {
  const npm = spawn('npm', ['start', '--ignore-scripts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: 'UTC',
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      RETRAIN_CRON: '',
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789abcdef',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(embeddedPort),
      ...extraEnv,
    },
  });
  const logs: string[] = [];
  let exitCode: number | null | undefined;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-npm.pid!, 'SIGKILL');
      reject(new Error(`npm start did not listen in time:\n${logs.slice(-20).join('\n')}`));
    }, 120000);
    npm.once('exit', (code) => {
      exitCode = code;
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before listening:\n${logs.join('\n')}`));
    });
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        logs.push(line);
        if (!/"msg":"ready"/.test(line)) continue;
        clearTimeout(timer);
        const listening = JSON.parse(line) as { port: number; pid: number };
        const started = logs.find((l) => l.includes('"msg":"embedded PostgreSQL started"'))!;
        const { clusterDir } = JSON.parse(started) as { clusterDir: string };
        const postmasterPid = Number(
          readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0],
        );
        resolve({
          npm,
          logs,
          port: listening.port,
          serverPid: listening.pid,
          postmasterPid,
          exitCode: () => exitCode,
        });
      }
    };
    npm.stdout?.on('data', onData);
    npm.stderr?.on('data', onData);
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A request the server has begun (it answered `100 Continue`) and waits on for a body that does
 * not come, so a graceful shutdown lasts until the socket is closed.
 */
function holdARequest(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () =>
      socket.write(
        'POST /v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Content-Length: 64\r\nExpect: 100-continue\r\n\r\n',
      ),
    );
    socket.once('data', (chunk: Buffer) =>
      /^HTTP\/1\.1 100/.test(chunk.toString()) ? resolve(socket) : reject(new Error(String(chunk))),
    );
    socket.once('error', reject);
  });
}

/** Waits, with a deadline, until the server, its port and its PostgreSQL are all gone. */
async function expectEverythingStopped(started: NpmStart): Promise<void> {
  const code = await waitFor(async () => started.exitCode(), 'npm to exit');
  expect(code).toBe(0);
  await waitFor(async () => (isAlive(started.serverPid) ? undefined : true), 'the server to exit');
  await waitFor(
    async () => ((await acceptsConnections(started.port)) ? undefined : true),
    'the HTTP port to close',
  );
  await waitFor(
    async () => (isAlive(started.postmasterPid) ? undefined : true),
    'the embedded PostgreSQL to stop',
  );
}

describe('npm start hands the signals to the server', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'movie-recommender-e2e-npm-start-'));
  const embeddedPort = 58000 + (process.pid % 2000);
  let running: NpmStart | undefined;

  afterEach(() => {
    // Whatever a failed test left behind, by the ids it recorded.
    for (const pid of [running?.npm.pid, running?.serverPid, running?.postmasterPid]) {
      if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    running = undefined;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('SIGTERM to the npm process stops the server and its embedded PostgreSQL', async () => {
    running = await npmStart(dataDir, embeddedPort);
    expect(await acceptsConnections(running.port)).toBe(true);
    process.kill(running.npm.pid!, 'SIGTERM');
    await expectEverythingStopped(running);
    expect(running.logs.filter((l) => l.includes('"msg":"shutting down"'))).toHaveLength(1);
    expect(running.logs.some((l) => l.includes('"msg":"embedded PostgreSQL stopped"'))).toBe(true);
  }, 180000);

  it('Ctrl-C: the SIGINT from the terminal and the copy npm forwards stop it gracefully, once', async () => {
    running = await npmStart(dataDir, embeddedPort, {
      SHUTDOWN_TIMEOUT_MS: '30000',
      LOG_LEVEL: 'debug',
    });
    // Keeps the shutdown going (draining this request) until the second SIGINT has arrived.
    const held = await holdARequest(running.port);
    // A terminal sends SIGINT to the whole foreground group, and npm forwards its own to the
    // server too: here one after the other, as they arrive when the kernel does not merge them.
    process.kill(running.serverPid, 'SIGINT');
    await waitFor(
      async () =>
        running!.logs.some((l) => l.includes('"msg":"shutting down"')) ? true : undefined,
      'the server to start shutting down',
      30000,
      10,
    );
    process.kill(running.npm.pid!, 'SIGINT');
    await waitFor(
      // (or for npm to exit: a server that took the copy for a second Ctrl-C exits at once)
      async () =>
        running!.logs.some((l) => l.includes('"msg":"repeated signal')) ||
        running!.exitCode() !== undefined
          ? true
          : undefined,
      "npm's copy of the SIGINT to reach the server",
    );
    held.destroy();
    await expectEverythingStopped(running);
    expect(running.logs.filter((l) => l.includes('"msg":"shutting down"'))).toHaveLength(1);
    expect(running.logs.some((l) => l.includes('"msg":"embedded PostgreSQL stopped"'))).toBe(true);
  }, 180000);
});
