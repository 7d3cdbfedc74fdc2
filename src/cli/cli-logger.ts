import { AppLogger } from '../common/logging/app-logger';
import { LogConfig } from '../config/app-config';

/**
 * A command's logger: LOG_LEVEL and LOG_FORMAT as for the server (pretty on a terminal, JSON
 * lines otherwise), but on stderr, so that stdout carries only the command's result and can be
 * piped.
 */
export function createCliLogger(config: LogConfig): AppLogger {
  return AppLogger.create({ level: config.logLevel, format: config.logFormat, fd: 2 });
}
