import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PRELOAD = join(__dirname, 'argon2-probe.preload.cjs');

export interface Argon2Probe {
  /** Environment that makes a test server report its argon2 verifications to this probe. */
  env: Record<string, string>;
  /** One `verify $<algorithm>$<version>$<costs>` line per verification so far, oldest first. */
  verifications(): string[];
  remove(): void;
}

/**
 * Observes the password hashing work of a test server deterministically (rather than by timing
 * it): the preload wraps argon2.verify and writes each call to a file before it runs, so once
 * the server has answered a request, every verification made for it is in the file.
 */
export function createArgon2Probe(): Argon2Probe {
  const dir = mkdtempSync(join(tmpdir(), 'argon2-probe-'));
  const file = join(dir, 'verifications.log');
  return {
    env: { NODE_OPTIONS: `--require "${PRELOAD}"`, ARGON2_PROBE_FILE: file },
    verifications: () => {
      try {
        return readFileSync(file, 'utf8').split('\n').filter(Boolean);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
