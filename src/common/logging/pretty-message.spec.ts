import { formatFields, formatPrettyMessage, formatValue } from './pretty-message';

const plain = { yellow: (text: string): string => text, gray: (text: string): string => text };

describe('formatPrettyMessage', () => {
  it('writes the context, the message and the fields as key=value', () => {
    const line = formatPrettyMessage(
      {
        level: 30,
        time: '2026-01-01T00:00:00.000Z',
        pid: 7,
        context: 'Bootstrap',
        docs: 'http://localhost:3000/docs',
        port: 3000,
        msg: 'ready',
      },
      plain,
    );
    expect(line).toBe('[Bootstrap] ready docs=http://localhost:3000/docs port=3000');
  });

  it('flattens nested fields with dotted keys', () => {
    const line = formatPrettyMessage(
      {
        requestId: 'req-1',
        req: { method: 'GET', path: '/v1/movies' },
        res: { statusCode: 200 },
        durationMs: 3,
        msg: 'request completed',
      },
      plain,
    );
    expect(line).toBe(
      'request completed requestId=req-1 req.method=GET req.path=/v1/movies res.statusCode=200 durationMs=3',
    );
  });

  it('keeps one event on one line: newlines and escape codes in the message are escaped', () => {
    expect(formatPrettyMessage({ msg: 'first\nsecond \u001b[31mred' }, plain)).toBe(
      'first\\nsecond \\u001b[31mred',
    );
  });

  it('puts an error stack on indented lines below the line', () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at handler (a.js:1:1)' };
    const line = formatPrettyMessage(
      { context: 'AllExceptionsFilter', msg: 'unhandled error', path: '/x', err },
      plain,
    );
    expect(line).toBe(
      '[AllExceptionsFilter] unhandled error path=/x\n    Error: boom\n        at handler (a.js:1:1)',
    );
  });

  it('shows a stack string passed to error(message, stack) the same way', () => {
    expect(formatPrettyMessage({ msg: 'failed', stack: 'Error: x\n    at y' }, plain)).toBe(
      'failed\n    Error: x\n        at y',
    );
  });

  it('colours the context and the fields when given colours', () => {
    const colors = {
      yellow: (text: string): string => `<y>${text}</y>`,
      gray: (text: string): string => `<g>${text}</g>`,
    };
    expect(formatPrettyMessage({ context: 'Db', msg: 'up', port: 1 }, colors)).toBe(
      '<y>[Db]</y> up <g>port=1</g>',
    );
  });
});

describe('formatFields', () => {
  it('leaves out what pino writes itself and undefined values', () => {
    expect(
      formatFields({ level: 30, time: 1, pid: 2, hostname: 'h', msg: 'm', gone: undefined }),
    ).toBe('');
  });

  it('shows an empty object as {}', () => {
    expect(formatFields({ counts: {} })).toBe('counts={}');
  });
});

describe('formatValue', () => {
  it('leaves simple values bare', () => {
    expect(formatValue('ratings.csv')).toBe('ratings.csv');
    expect(formatValue(0.25)).toBe('0.25');
    expect(formatValue(false)).toBe('false');
    expect(formatValue(null)).toBe('null');
  });

  it('quotes values with spaces, quotes, = or control characters, escaping them', () => {
    expect(formatValue('ratings (bulk)')).toBe('"ratings (bulk)"');
    expect(formatValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(formatValue('a=b')).toBe('"a=b"');
    expect(formatValue('one\ntwo')).toBe('"one\\ntwo"');
    expect(formatValue('\u001b[2J')).toBe('"\\u001b[2J"');
    expect(formatValue('')).toBe('""');
  });

  it('writes arrays as JSON', () => {
    expect(formatValue(['a', 1])).toBe('["a",1]');
  });
});
