import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { startServer, TestServer } from './support/test-server';

const MAIN = join(__dirname, '../dist/src/main.js');
const ESC = '\u001b';
const ANSI_CODE = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
/** util-linux `script`: runs a command on a pseudo-terminal, as a person's shell would. */
const SCRIPT = '/usr/bin/script';
const NEST_WIRING = ['InstanceLoader', 'RoutesResolver', 'RouterExplorer'];

interface LogLine {
  level: number;
  context?: string;
  msg: string;
  [field: string]: unknown;
}

describe('server logs into a pipe', () => {
  let database: TestDatabase;
  let server: TestServer;
  let startupLines: string[];

  beforeAll(async () => {
    database = await createTestDatabase();
    // At debug, to see that the wiring lines are still there, only below info.
    server = await startServer({ databaseUrl: database.url, env: { LOG_LEVEL: 'debug' } });
    startupLines = [...server.logs];
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('writes only JSON lines, with no terminal escape codes', () => {
    expect(startupLines.length).toBeGreaterThan(0);
    for (const line of startupLines) {
      expect(line).not.toContain(ESC);
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });

  it("logs Nest's module and route wiring at debug, never at info", () => {
    const lines = startupLines.map((line) => JSON.parse(line) as LogLine);
    const wiring = lines.filter((line) => NEST_WIRING.includes(line.context ?? ''));
    expect(wiring.length).toBeGreaterThan(10);
    expect(new Set(wiring.map((line) => line.level))).toEqual(new Set([20]));
  });

  it('ends start-up with a ready line carrying the full URL of the API docs', async () => {
    const last = JSON.parse(startupLines[startupLines.length - 1]) as LogLine;
    const port = Number(new URL(server.url).port);
    expect(last).toMatchObject({
      level: 30,
      context: 'Bootstrap',
      msg: 'ready',
      docs: `http://127.0.0.1:${port}/docs`,
      port,
    });
    expect((await fetch(last.docs as string)).status).toBe(200);
  });
});

const describeOnATerminal = existsSync(SCRIPT) ? describe : describe.skip;

describeOnATerminal('server logs on a terminal', () => {
  let database: TestDatabase;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await database?.drop();
  });

  it('writes readable coloured lines, the last one with the docs URL on localhost', async () => {
    child = spawn(SCRIPT, ['-qfec', `"${process.execPath}" "${MAIN}"`, '/dev/null'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SHELL: '/bin/sh',
        TZ: 'UTC',
        NODE_ENV: 'test',
        HOST: '0.0.0.0',
        PORT: '0',
        LOG_LEVEL: 'info',
        DEMO_DATA: 'false',
        RETRAIN_CRON: '',
        JWT_SECRET: 'test-secret-that-is-long-enough-0123456789abcdef',
        DATABASE_URL: database.url,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = await outputUntil(child, /ready docs=/, 60000);
    const lines = output.split(/\r?\n/).filter(Boolean);
    const ready = lines[lines.length - 1];
    expect(ready).toContain(`${ESC}[32mINFO${ESC}[39m`);
    const plain = ready.replace(ANSI_CODE, '');
    const match =
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Bootstrap\] ready docs=(http:\/\/localhost:(\d+)\/docs) port=\2$/.exec(
        plain,
      );
    expect(match).not.toBeNull();
    expect(output).not.toMatch(/InstanceLoader|RoutesResolver|RouterExplorer/);
    for (const line of lines) expect(line.replace(ANSI_CODE, '')).not.toMatch(/^\{/);
    const docsOnLoopback = match![1].replace('localhost', '127.0.0.1');
    expect((await fetch(docsOnLoopback)).status).toBe(200);
  });
});

/**
 * Collects the child's output until a whole line matching `pattern` (colours ignored) has
 * arrived; fails at the deadline or when the child exits first.
 */
function outputUntil(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const plain = output.replace(ANSI_CODE, '');
      if (!new RegExp(`${pattern.source}[^\\n]*\\n`).test(plain)) return;
      clearTimeout(timer);
      resolve(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before ${pattern}:\n${output}`));
    });
  });
}
