import pino from 'pino';
import { prettyDestination } from './pretty-destination';

/** A pino logger writing through prettyDestination into `lines`. */
function prettyLogger(colors: boolean): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = prettyDestination({ write: (text: string) => lines.push(text) }, colors);
  return { logger: pino({ base: { pid: 1 } }, destination), lines };
}

const ESCAPE = '\u001b';

describe('prettyDestination', () => {
  it('writes time, level, context, message and fields on one plain line', () => {
    const { logger, lines } = prettyLogger(false);
    logger.info({ context: 'Bootstrap', docs: 'http://localhost:3000/docs', port: 3000 }, 'ready');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[Bootstrap\] ready docs=http:\/\/localhost:3000\/docs port=3000\n$/,
    );
    expect(lines[0]).not.toContain(ESCAPE);
  });

  it('names each level', () => {
    const { logger, lines } = prettyLogger(false);
    logger.warn('degraded');
    logger.error('failed');
    expect(lines[0]).toMatch(/\] WARN: degraded\n$/);
    expect(lines[1]).toMatch(/\] ERROR: failed\n$/);
  });

  it('colours the level when colours are on', () => {
    const { logger, lines } = prettyLogger(true);
    logger.info('ready');
    expect(lines[0]).toContain(`${ESCAPE}[32mINFO${ESCAPE}[39m`);
  });

  it('shows a logged error with its stack below the line', () => {
    const { logger, lines } = prettyLogger(false);
    logger.error({ err: new Error('boom') }, 'unhandled error');
    const [first, second, third] = lines[0].split('\n');
    expect(first).toMatch(/\] ERROR: unhandled error$/);
    expect(second).toBe('    Error: boom');
    expect(third).toMatch(/^ {8}at /);
  });
});
