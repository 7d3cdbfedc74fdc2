import { parentPort, workerData } from 'node:worker_threads';
import { SparseRows } from '../sparse-rows';
import { ItemKnnOptions } from './item-knn-options';
import { ItemFactors, computeNeighbourBlock } from './neighbour-block';

/** What the pool sends once when it starts this worker (arrays in SharedArrayBuffers). */
export interface NeighbourWorkerData {
  byUser: SparseRows;
  byItem: SparseRows;
  factors: ItemFactors;
  options: ItemKnnOptions;
}

/** One job: compute the rows of [itemStart, itemEnd). */
export interface NeighbourJob {
  itemStart: number;
  itemEnd: number;
}

// Thin adapter: receive a range, call the pure core, post the block back transferring buffers.
const data = workerData as NeighbourWorkerData;
parentPort?.on('message', (job: NeighbourJob) => {
  const block = computeNeighbourBlock(
    data.byUser,
    data.byItem,
    job.itemStart,
    job.itemEnd,
    data.options,
    data.factors,
  );
  parentPort?.postMessage(block, [block.indptr.buffer, block.indices.buffer, block.weights.buffer]);
});
