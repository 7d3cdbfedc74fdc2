import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** BENCHMARKS.md at the repository root (dist/bench/support → ../../..). */
export const BENCHMARKS_FILE = join(__dirname, '..', '..', '..', 'BENCHMARKS.md');

const HEADER =
  '# Benchmarks\n\nTables between `<!-- bench:... -->` markers are written by the `npm run bench:*` scripts;\n' +
  'everything else is notes kept by hand.\n';

/**
 * Replaces the section between `<!-- bench:<key>:start -->` and `<!-- bench:<key>:end -->` in
 * BENCHMARKS.md with `body`, appending the section (under `heading`) when it is not there yet,
 * so each script rewrites its own table and leaves the hand-written notes alone.
 */
export function writeReportSection(key: string, heading: string, body: string): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const text = existsSync(BENCHMARKS_FILE) ? readFileSync(BENCHMARKS_FILE, 'utf8') : HEADER;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + block + text.slice(to + end.length)
      : `${text.trimEnd()}\n\n${heading}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}

/** A Markdown table from a header row and body rows. */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
