import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { formatPrettyMessage } from './pretty-message';

/**
 * Turns pino's JSON lines into readable ones before they reach `destination`:
 * `[14:03:12.345] INFO: [Bootstrap] ready docs=http://localhost:3000/docs port=3000`.
 *
 * pino-pretty draws the time (local, to the millisecond) and the level with its colour; our
 * formatter draws the rest (pino-pretty would print the fields as JSON or one per line, not as
 * key=value). We call its prettyFactory in this thread rather than run it as a pino transport:
 * a transport formats in a worker thread or through stream buffers, so lines written just before
 * process.exit() could be lost, while here every line is formatted and written synchronously.
 */
export function prettyDestination(
  destination: DestinationStream,
  colors: boolean,
): DestinationStream {
  const prettify = prettyFactory({
    colorize: colors,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
    // Fields, errors and stacks are all drawn by formatPrettyMessage.
    hideObject: true,
    messageFormat: (log, _messageKey, _levelLabel, extras) =>
      formatPrettyMessage(log, extras.colors),
  });
  return {
    write(line: string): void {
      const pretty = prettify(line);
      if (pretty) destination.write(pretty);
    },
  };
}
