import { spawn } from 'node:child_process';

/** What a measuring child prints as its last stdout line: one JSON object. */
export type ChildResult = Record<string, unknown>;

export interface RunChildOptions {
  /** Extra node flags, e.g. --cpu-prof or --max-old-space-size. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Prefix for the child's stderr lines echoed to ours (progress). */
  label?: string;
}

/**
 * Runs `node <script> ...args` in a fresh process (so its peak RSS and CPU time are its own),
 * echoes its stderr and resolves with the JSON object on the last line of its stdout.
 */
export function runChild(
  script: string,
  args: readonly string[],
  options: RunChildOptions = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) =>
      process.stderr.write(options.label ? `[${options.label}] ${chunk.toString()}` : chunk),
    );
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} exited with ${code ?? signal}`));
      try {
        resolve(JSON.parse(last) as ChildResult);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** A number field of a child's result (throws when absent: a bug in the child). */
export function numberField(result: ChildResult, key: string): number {
  const value = result[key];
  if (typeof value !== 'number') throw new Error(`child result has no number "${key}"`);
  return value;
}

/** The child's own resource usage, for its result line: CPU ms (all threads) and peak RSS MiB. */
export function ownUsage(): { cpuMs: number; maxRssMiB: number } {
  const usage = process.resourceUsage();
  return {
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssMiB: usage.maxRSS / 1024,
  };
}

/** Runs a bench script's main, printing a failure's stack and exiting 1. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
