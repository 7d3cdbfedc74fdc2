import { RecommenderError } from './recommender-error';

/** How one option is checked: a number in a range, one of some strings, or a boolean. */
export type OptionRule =
  | { kind: 'number'; min: number; max: number; integer?: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' };

/** One rule per key of the options object `T`. */
export type OptionRules<T> = { readonly [K in keyof T]: OptionRule };

function checkValue(key: string, value: unknown, rule: OptionRule): void {
  const fail = (expected: string): never => {
    throw new RecommenderError(
      'INVALID_OPTIONS',
      `Option "${key}" must be ${expected}, got ${JSON.stringify(value)}`,
    );
  };
  if (rule.kind === 'boolean') {
    if (typeof value !== 'boolean') fail('true or false');
  } else if (rule.kind === 'enum') {
    if (typeof value !== 'string' || !rule.values.includes(value)) {
      fail(`one of ${rule.values.join(', ')}`);
    }
  } else {
    const range = `${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}`;
    if (typeof value !== 'number' || Number.isNaN(value)) fail(range);
    const n = value as number;
    if (n < rule.min || n > rule.max || (rule.integer && !Number.isInteger(n))) fail(range);
  }
}

/**
 * Merges `input` over `defaults` after checking every key: unknown keys and out-of-range values
 * are refused with a RecommenderError('INVALID_OPTIONS') naming the key, never clamped.
 */
export function resolveOptions<T extends object>(
  defaults: Readonly<T>,
  rules: OptionRules<T>,
  input: unknown = {},
): T {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new RecommenderError('INVALID_OPTIONS', 'Options must be a plain object');
  }
  const resolved: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(input)) {
    const rule = (rules as Record<string, OptionRule | undefined>)[key];
    if (!rule) throw new RecommenderError('INVALID_OPTIONS', `Unknown option "${key}"`);
    if (value === undefined) continue;
    checkValue(key, value, rule);
    resolved[key] = value;
  }
  return Object.freeze(resolved) as T;
}
