import { Impression } from './impression';
import { ImpressionBuffer } from './impression-buffer';

function impression(n: number): Impression {
  return {
    recommendationId: `id-${n}`,
    userId: n,
    surface: 'user',
    modelVersion: 1,
    experimentId: null,
    variant: null,
    strategy: 'collaborative',
    movieIds: [n],
    shownAt: new Date(0),
  };
}

const ids = (batch: Impression[]): string[] => batch.map((i) => i.recommendationId);

describe('ImpressionBuffer', () => {
  it('holds at most its capacity, dropping and counting what comes past it', () => {
    const buffer = new ImpressionBuffer(2);
    expect([1, 2, 3].map((n) => buffer.add(impression(n)))).toEqual([true, true, false]);
    expect(buffer.dropped).toBe(1);
    expect(ids(buffer.take())).toEqual(['id-1', 'id-2']);
    expect(buffer.size).toBe(0);
  });

  it('takes a failed batch back in front of newer impressions, as far as room allows', () => {
    const buffer = new ImpressionBuffer(3);
    buffer.add(impression(1));
    buffer.add(impression(2));
    const failed = buffer.take();
    buffer.add(impression(3));
    buffer.add(impression(4));
    buffer.giveBack(failed);
    // Room for one of the two: the newer one is kept, the older dropped.
    expect(ids(buffer.take())).toEqual(['id-2', 'id-3', 'id-4']);
    expect(buffer.dropped).toBe(1);
  });
});
