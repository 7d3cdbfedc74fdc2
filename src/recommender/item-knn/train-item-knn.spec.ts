import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createSeededRandom } from '../seeded-random';
import { trainItemKnn } from './train-item-knn';

/** 40 users with 12 random items each out of 300 (several blocks of 256 items). */
function randomInput(): Parameters<typeof trainItemKnn>[0] {
  const random = createSeededRandom(9);
  const users: number[] = [];
  const items: number[] = [];
  for (let u = 0; u < 40; u++) {
    const picked = new Set<number>();
    while (picked.size < 12) picked.add(Math.floor(random() * 300));
    for (const item of picked) {
      users.push(u);
      items.push(item);
    }
  }
  return {
    nUsers: 40,
    nItems: 300,
    interactions: {
      users: Int32Array.from(users),
      items: Int32Array.from(items),
      values: Float32Array.from(users, () => 1),
      timestamps: new Float64Array(users.length),
    },
  };
}

// The worker script exists only in the compiled build; under ts-jest trainItemKnn runs in-thread.
const compiledModule = join(__dirname, '../../../dist/src/recommender/item-knn/train-item-knn.js');
const whenBuilt = existsSync(compiledModule) ? it : it.skip;

describe('trainItemKnn', () => {
  whenBuilt('computes on worker threads the same table as in this thread', async () => {
    const compiled = (await import(compiledModule)) as typeof import('./train-item-knn');
    const input = randomInput();
    const options = { minSupport: 1 };
    const inThread = await trainItemKnn(input, options, { workers: 0 });
    const onWorkers = await compiled.trainItemKnn(input, options, { workers: 2 });
    expect(inThread.indptr[300]).toBeGreaterThan(0);
    expect(Array.from(onWorkers.indptr)).toEqual(Array.from(inThread.indptr));
    expect(Array.from(onWorkers.indices)).toEqual(Array.from(inThread.indices));
    expect(Array.from(onWorkers.values)).toEqual(Array.from(inThread.values));
  });
});
