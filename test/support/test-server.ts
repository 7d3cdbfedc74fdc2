import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestServer {
  url: string;
  process: ChildProcess;
  /** Every line the server printed (JSON logs), for assertions about logging. */
  logs: string[];
  /** Sends SIGTERM (or the given signal) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartServerOptions {
  /** DATABASE_URL for the server; omit (with DATA_DIR in env) for the embedded mode. */
  databaseUrl?: string;
  env?: Record<string, string>;
  /** How long to wait for "ready" (the first embedded start runs initdb). */
  timeoutMs?: number;
}

const MAIN = join(__dirname, '../../dist/src/main.js');

/**
 * Starts the compiled server as a child process on a free port and resolves once it listens.
 * The app is started exactly as `npm start` does, so the tests exercise the real bootstrap.
 */
export function startServer(options: StartServerOptions = {}): Promise<TestServer> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    TZ: 'UTC',
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DEMO_DATA: 'false',
    RETRAIN_CRON: '',
    // Self-tuning would lengthen every training by its budget; the tests about it turn it on.
    TUNING_BUDGET_SECONDS: '0',
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789abcdef',
    // The tests play every client from 127.0.0.1 through X-Forwarded-For, as a local proxy would.
    TRUST_PROXY: 'loopback',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const server: TestServer = {
    url: '',
    process: child,
    logs,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${logs.slice(-20).join('\n')}`));
    }, options.timeoutMs ?? 60000);
    const onLine = (line: string): void => {
      logs.push(line);
      const port = /"port":(\d+).*"msg":"ready"/.exec(line)?.[1];
      if (port && !server.url) {
        clearTimeout(timer);
        server.url = `http://127.0.0.1:${port}`;
        resolve(server);
      }
    };
    splitLines(child.stdout, onLine);
    splitLines(child.stderr, onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!server.url)
        reject(
          new Error(`server exited (${code}) before it was ready:\n${logs.slice(-20).join('\n')}`),
        );
    });
  });
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.filter(Boolean).forEach(onLine);
  });
}
