import { JSON_SHAPE_LIMITS, jsonShapeViolation, JsonShapeLimits } from './json-shape';

const limits: JsonShapeLimits = { maxDepth: 3, maxKeysPerObject: 2, maxValues: 6 };
const check = (text: string, with_: JsonShapeLimits = limits): string | null =>
  jsonShapeViolation(Buffer.from(text, 'utf8'), with_);

describe('jsonShapeViolation', () => {
  it('accepts bodies within the limits', () => {
    expect(check('{"a":{"b":[1,2]},"c":"x"}')).toBeNull();
    expect(check('[[[]]]')).toBeNull();
    expect(check('{}')).toBeNull();
    expect(check('')).toBeNull();
  });

  it('accepts the API bodies as they are sent', () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({
      userId: `u${i}`,
      movieId: i + 1,
      rating: 4.5,
      at: '2026-01-31T20:15:00.000Z',
    }));
    const bodies = [
      { email: 'ada@example.com', password: 'correct horse battery staple' },
      { title: 'Toy Story', overview: 'é'.repeat(10000), releaseYear: 1995, genres: ['A', 'B'] },
      { events },
    ];
    for (const body of bodies) expect(check(JSON.stringify(body), JSON_SHAPE_LIMITS)).toBeNull();
  });

  it('refuses nesting past maxDepth, objects and arrays alike', () => {
    expect(check('{"a":{"b":{"c":1}}}')).toBeNull();
    expect(check('{"a":{"b":{"c":{}}}}')).toMatch(/nested more than 3 levels deep/);
    expect(check('[[[[]]]]')).toMatch(/nested more than 3 levels deep/);
  });

  it('refuses an object with more than maxKeysPerObject keys, counting each object apart', () => {
    expect(check('{"a":1,"b":{"c":1,"d":2}}')).toBeNull();
    expect(check('{"a":1,"b":2,"c":3}')).toMatch(/an object with more than 2 keys/);
    expect(check('{"a":{"b":1,"c":2,"d":3}}')).toMatch(/an object with more than 2 keys/);
  });

  it('counts object members and array elements together against maxValues', () => {
    expect(check('[1,2,3,4,5,6]')).toBeNull();
    expect(check('[1,2,3,4,5,6,7]')).toMatch(/more than 6 values/);
    // 2 members + 5 elements
    expect(check('{"a":[1,2,3],"b":[[],[]]}')).toMatch(/more than 6 values/);
    expect(check('[[],[],[],[],[],[]]')).toBeNull();
  });

  it('ignores structure inside strings, escaped quotes included', () => {
    expect(check('{"a":"{{{{[[[[:,:,:,\\"{{{{"}')).toBeNull();
    expect(check('{"a\\"{{{{":"\\\\"}')).toBeNull();
    expect(check('["\\"]]]]", "x"]')).toBeNull();
  });

  it('ignores multi-byte characters, whatever their bytes', () => {
    expect(check('{"名前":"映画{[","b":"🎬"}')).toBeNull();
  });

  it('refuses a NUL character in a value or a key, and nothing that only looks like one', () => {
    expect(check('{"a":"x\\u0000y"}')).toMatch(/NUL character/);
    expect(check('{"a\\u0000":1}')).toMatch(/NUL character/);
    expect(check('{"a":"\\\\u0000"}')).toBeNull(); // a backslash, then the text u0000
    expect(check('{"a":"\\u00001"}')).toMatch(/NUL character/);
    expect(check('{"a":"\\u0001"}')).toBeNull();
  });

  it('stops at the first violation of a huge body', () => {
    const manyKeys = `{${Array.from({ length: 80000 }, (_, i) => `"k${i}":1`).join(',')}}`;
    const deep = '['.repeat(20000) + ']'.repeat(20000);
    expect(jsonShapeViolation(Buffer.from(manyKeys))).toMatch(/more than 100 keys/);
    expect(jsonShapeViolation(Buffer.from(deep))).toMatch(/more than 16 levels/);
  });
});
