import { ModelOptionsInput } from '../recommender';

/** Parsed command line of `npm run evaluate`. */
export interface EvaluateArgs {
  dir: string;
  k: number;
  json: boolean;
  out: string | null;
  validation: boolean;
  seed: number;
  workers: number;
  /** Model options from `--set part.key=value` (e.g. itemKnn.alpha=0.3). */
  model: ModelOptionsInput;
  /** Seconds self-tuning may search before the evaluation (`--tuning-budget`); 0: no tuning. */
  tuningBudgetSeconds: number;
}

export const EVALUATE_USAGE =
  'usage: npm run evaluate -- <movielens-dir> [--k 10] [--json] [--out <dir>] [--validation]' +
  ' [--seed 42] [--workers 2] [--set itemKnn.neighbours=100 ...] [--tuning-budget <seconds>]';

function parseValue(text: string): unknown {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text;
}

/** Sets `path` (dot-separated) in `target` to the parsed `value`. */
function setOption(target: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq < 1) throw new Error(`--set expects key=value, got "${assignment}"`);
  const keys = assignment.slice(0, eq).split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = parseValue(assignment.slice(eq + 1));
}

function positiveInt(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} expects a whole number`);
  return n;
}

function seconds(flag: string, text: string | undefined): number {
  const n = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(n) || n < 0 || n > 3600) {
    throw new Error(`${flag} expects seconds from 0 to 3600`);
  }
  return n;
}

/** Parses argv (after the script name); throws with a message naming the bad flag. */
export function parseEvaluateArgs(argv: readonly string[]): EvaluateArgs {
  const args: EvaluateArgs = {
    dir: '',
    k: 10,
    json: false,
    out: null,
    validation: false,
    seed: 42,
    workers: 2,
    model: {},
    tuningBudgetSeconds: 0,
  };
  for (let a = 0; a < argv.length; a++) {
    const flag = argv[a];
    if (flag === '--json') args.json = true;
    else if (flag === '--validation') args.validation = true;
    else if (flag === '--k') args.k = positiveInt(flag, argv[++a]);
    else if (flag === '--seed') args.seed = positiveInt(flag, argv[++a]);
    else if (flag === '--workers') args.workers = positiveInt(flag, argv[++a]);
    else if (flag === '--out') args.out = argv[++a] ?? null;
    else if (flag === '--tuning-budget') args.tuningBudgetSeconds = seconds(flag, argv[++a]);
    else if (flag === '--set') setOption(args.model as Record<string, unknown>, argv[++a] ?? '');
    else if (flag.startsWith('--')) throw new Error(`Unknown flag ${flag}`);
    else if (args.dir === '') args.dir = flag;
    else throw new Error(`Unexpected argument ${flag}`);
  }
  if (args.dir === '') throw new Error('Missing <movielens-dir>');
  if (args.k < 1) throw new Error('--k must be at least 1');
  return args;
}
