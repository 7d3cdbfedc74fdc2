import { LoggerService } from '@nestjs/common';
import pino, { Logger as Pino } from 'pino';
import { currentRequestId } from './request-context';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * The Nest LoggerService over pino: one JSON line per event. The house convention is a fixed
 * message plus fields, `logger.log('model swapped', { oldVersion, newVersion })`; Nest appends
 * the logger's context as the last string argument, and `error()` may pass a stack string.
 */
export class JsonLogger implements LoggerService {
  constructor(readonly pino: Pino) {}

  static create(level: string, destination?: pino.DestinationStream): JsonLogger {
    const options: pino.LoggerOptions = {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Lines logged while serving a request carry its id (pino-http's child logger binds it).
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
    return new JsonLogger(destination ? pino(options, destination) : pino(options));
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

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
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
