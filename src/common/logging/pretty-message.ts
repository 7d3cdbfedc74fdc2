/** The colour functions pino-pretty hands a message formatter (identity when colours are off). */
export interface MessageColors {
  yellow(text: string): string;
  gray(text: string): string;
}

/** Written by pino itself, or shown elsewhere on the pretty line (time, level) or below it. */
const NOT_FIELDS: ReadonlySet<string> = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'context',
  'err',
  'stack',
]);

/** Values that read unambiguously without quotes: no space, quote, `=`, backslash or control. */
const BARE_VALUE = /^[^\s"=\\\p{Cc}]+$/u;

const INDENT = '    ';

/**
 * The part of a pretty line after the time and level: `[Context] message key=value ...`, the
 * fields flattened (`req.method=GET`), then an error's stack on indented lines below. pino has
 * already serialised the line, so every value is plain JSON data.
 */
export function formatPrettyMessage(log: Record<string, unknown>, colors: MessageColors): string {
  const context =
    typeof log.context === 'string' ? `${colors.yellow(`[${escapeControl(log.context)}]`)} ` : '';
  const message = escapeControl(typeof log.msg === 'string' ? log.msg : '');
  const fields = formatFields(log);
  return (
    context + message + (fields ? ` ${colors.gray(fields)}` : '') + indented(stackOf(log)).join('')
  );
}

/** The line's own fields as `key=value`, nested objects flattened with dotted keys. */
export function formatFields(log: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(log)) {
    if (!NOT_FIELDS.has(key)) addPairs(pairs, key, value);
  }
  return pairs.join(' ');
}

function addPairs(pairs: string[], key: string, value: unknown): void {
  if (value === undefined) return;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) pairs.push(`${key}={}`);
    for (const [inner, innerValue] of entries) addPairs(pairs, `${key}.${inner}`, innerValue);
    return;
  }
  pairs.push(`${key}=${formatValue(value)}`);
}

/** A value as it reads after `key=`: bare when unambiguous, else quoted with escapes. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return BARE_VALUE.test(value) ? value : quote(value);
  if (value === null || typeof value !== 'object') return String(value);
  return escapeControl(JSON.stringify(value));
}

function quote(text: string): string {
  return `"${escapeControl(text.replace(/\\/g, '\\\\').replace(/"/g, '\\"'))}"`;
}

/** Control characters (newlines, ANSI escapes) as visible escapes: one event stays one line. */
function escapeControl(text: string): string {
  return text.replace(/\p{Cc}/gu, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * The stack to show below the line: an error logged as `err` (pino's serialiser keeps its
 * stack), or the stack string Nest passes to `error(message, stack)`.
 */
function stackOf(log: Record<string, unknown>): string | undefined {
  const err = log.err;
  if (err && typeof err === 'object') {
    const { stack, message } = err as { stack?: unknown; message?: unknown };
    if (typeof stack === 'string') return stack;
    if (typeof message === 'string') return message;
  }
  return typeof log.stack === 'string' ? log.stack : undefined;
}

function indented(stack: string | undefined): string[] {
  if (!stack) return [];
  return stack.split('\n').map((line) => `\n${INDENT}${escapeControl(line)}`);
}
