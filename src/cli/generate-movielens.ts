import {
  generateMovieLens,
  GeneratedFormat,
  MOVIELENS_SIZES,
} from '../datasets/generator/generate-movielens';
import { errorMessage } from '../common/errors/error-message';

const USAGE =
  'usage: npm run generate:movielens -- --size S|M|L --format csv|dat|100k --out <dir> [--seed N]\n';

/** `npm run generate:movielens`: writes a seeded, MovieLens-shaped folder for tests and benchmarks. */
async function main(): Promise<void> {
  const args = new Map<string, string>();
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) args.set(argv[i], argv[i + 1] ?? '');
  const size = args.get('--size') ?? 'S';
  const format = (args.get('--format') ?? 'csv') as GeneratedFormat;
  const out = args.get('--out');
  const seed = Number(args.get('--seed') ?? 42);
  const known = new Set(['--size', '--format', '--out', '--seed']);
  if (
    !out ||
    !(size in MOVIELENS_SIZES) ||
    !['csv', 'dat', '100k'].includes(format) ||
    !Number.isInteger(seed) ||
    [...args.keys()].some((key) => !known.has(key))
  ) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const started = Date.now();
  const counts = MOVIELENS_SIZES[size as keyof typeof MOVIELENS_SIZES];
  const summary = await generateMovieLens({ format, out, counts, seed });
  process.stdout.write(
    `wrote ${out} (${format}, size ${size}, seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${summary.ratings} ratings, ${summary.users} users, ${summary.movies} movies, ${summary.tags} tags\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exit(1);
});
