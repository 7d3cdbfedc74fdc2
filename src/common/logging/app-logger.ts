import { isatty } from 'node:tty';
import type { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { chooseLogStyle, LogFormat, LogStyle } from './log-style';
import { prettyDestination } from './pretty-destination';
import { currentRequestId } from './request-context';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's module and route wiring ("AppModule dependencies initialized", "Mapped {/v1/movies,
 * GET} route", ...): some sixty lines per start that say nothing went wrong. Logged at debug.
 */
const NEST_WIRING_CONTEXTS: ReadonlySet<string> = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

export interface AppLoggerOptions {
  level: string;
  /** LOG_FORMAT; unset chooses by whether `fd` is a terminal. */
  format: LogFormat | undefined;
  /** 1 for the server (stdout); 2 for the CLIs, whose stdout carries their result. */
  fd: 1 | 2;
  /**
   * Whether a line is written before the call returns (the CLIs). The server writes
   * asynchronously, so that a request never waits on its log line; what is buffered is written
   * synchronously when the process exits (pino's exit hook), so nothing is lost at
   * process.exit(). Default true.
   */
  sync?: boolean;
}

/**
 * The Nest LoggerService over pino: one line per event, JSON for machines or pretty for a person
 * (see chooseLogStyle), written synchronously or buffered and flushed at exit (AppLoggerOptions'
 * `sync`), so that nothing is lost at process.exit(). The
 * house convention is a fixed message plus fields, `logger.log('model swapped', { oldVersion,
 * newVersion })`; Nest appends the logger's context as the last string argument, and `error()`
 * may pass a stack string.
 */
export class AppLogger implements LoggerService {
  constructor(
    readonly pino: Pino,
    readonly style: LogStyle,
  ) {}

  static create(options: AppLoggerOptions): AppLogger {
    const style = chooseLogStyle(options.format, isatty(options.fd));
    const file = pino.destination({ dest: options.fd, sync: options.sync ?? true });
    const destination =
      style.format === 'pretty' ? prettyDestination(file, style.interactive) : file;
    return new AppLogger(pino(pinoOptions(options.level), destination), style);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(requested: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const level =
      requested === 'info' && context && NEST_WIRING_CONTEXTS.has(context) ? 'debug' : requested;
    const fields: Record<string, unknown> = { context };
    for (const param of rest) {
      if (param instanceof Error) fields.err = param;
      else if (typeof param === 'string') fields.stack = param;
      else if (param && typeof param === 'object') Object.assign(fields, param);
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (message && typeof message === 'object') {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}

/** JSON with an ISO time and the pid, the request id while serving one, secrets redacted. */
function pinoOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Lines logged while serving a request carry its id (the request line names it itself).
    mixin: (fields: object, _level: number, logger: Pino) => {
      const requestId = currentRequestId();
      if (!requestId || 'requestId' in fields || 'requestId' in logger.bindings()) return {};
      return { requestId };
    },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'refreshToken',
        '*.refreshToken',
        'accessToken',
        '*.accessToken',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
}
