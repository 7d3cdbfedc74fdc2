import { TopK } from './top-k';

describe('TopK', () => {
  it('keeps the k highest scores, best first', () => {
    const heap = new TopK(3);
    [5, 1, 9, 3, 7, 2].forEach((score, index) => heap.push(index, score));
    expect(heap.drain()).toEqual([
      { index: 2, score: 9 },
      { index: 4, score: 7 },
      { index: 0, score: 5 },
    ]);
  });

  it('ranks equal scores by lower index whatever the push order', () => {
    const heap = new TopK(2);
    heap.push(8, 1);
    heap.push(3, 1);
    heap.push(5, 1);
    expect(heap.drain().map((entry) => entry.index)).toEqual([3, 5]);
  });

  it('reports -Infinity as threshold until full, then the lowest kept score', () => {
    const heap = new TopK(2);
    heap.push(0, 4);
    expect(heap.threshold).toBe(-Infinity);
    heap.push(1, 6);
    expect(heap.threshold).toBe(4);
  });

  it('drains into typed arrays at an offset and can be reused after clear', () => {
    const heap = new TopK(2);
    heap.push(1, 0.5);
    heap.push(2, 0.25);
    const indexes = new Int32Array(4);
    const scores = new Float32Array(4);
    expect(heap.drainInto(indexes, scores, 2)).toBe(2);
    expect(Array.from(indexes)).toEqual([0, 0, 1, 2]);
    expect(Array.from(scores)).toEqual([0, 0, 0.5, 0.25]);
    heap.push(7, 1);
    heap.clear();
    expect(heap.size).toBe(0);
  });

  it('keeps nothing with capacity 0', () => {
    const heap = new TopK(0);
    heap.push(1, 1);
    expect(heap.drain()).toEqual([]);
  });
});
