import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Interactions } from '../interactions';
import { SparseRows } from '../sparse-rows';
import { ItemKnnOptions, resolveItemKnnOptions } from './item-knn-options';
import { capUserHistories } from './cap-histories';
import { buildRatingMatrices } from './item-vectors';
import { popularityRelabeling, relabelInteractions, restoreTable } from './relabel';
import { NeighbourBlock, computeItemFactors, computeNeighbourBlock } from './neighbour-block';
import { NeighbourJob, NeighbourWorkerData } from './neighbour-block.worker';

/** The interactions to learn from, with the sizes of the index spaces. */
export interface TrainingMatrixInput {
  nUsers: number;
  nItems: number;
  interactions: Interactions;
}

/** How to run the training: `workers` threads (0 = in this thread). */
export interface TrainingRuntime {
  workers: number;
}

/** Items per job: small enough to balance two threads, large enough to amortise messages. */
const BLOCK_ITEMS = 256;
const WORKER_FILE = join(__dirname, 'neighbour-block.worker.js');

/**
 * Trains the item-item neighbour table: caps heavy histories, renumbers items by popularity
 * (cache locality), builds the CSR views in shared memory, splits the item range into blocks
 * that `workers` threads compute (in this thread when the compiled worker script is absent, as
 * under ts-jest), then stitches the blocks and restores the item numbering.
 */
export async function trainItemKnn(
  input: TrainingMatrixInput,
  options: Partial<ItemKnnOptions> = {},
  runtime: TrainingRuntime = { workers: 0 },
): Promise<SparseRows> {
  const resolved = resolveItemKnnOptions(options);
  const useWorkers = runtime.workers > 0 && existsSync(WORKER_FILE);
  const { nUsers, nItems, interactions } = input;
  const memory = useWorkers ? 'shared' : 'local';
  const capped = capUserHistories(interactions, nUsers, resolved.maxUserItems);
  const relabeling = popularityRelabeling(capped.items, nItems);
  const { byUser, byItem } = buildRatingMatrices(
    relabelInteractions(capped, relabeling),
    nUsers,
    nItems,
    resolved.vectors,
    memory,
    resolved.userDamping,
  );
  const factors = computeItemFactors(byItem, resolved);
  const jobs: NeighbourJob[] = [];
  for (let start = 0; start < nItems; start += BLOCK_ITEMS) {
    jobs.push({ itemStart: start, itemEnd: Math.min(nItems, start + BLOCK_ITEMS) });
  }
  const blocks = useWorkers
    ? await runPool({ byUser, byItem, factors, options: resolved }, jobs, runtime.workers)
    : jobs.map((job) =>
        computeNeighbourBlock(byUser, byItem, job.itemStart, job.itemEnd, resolved, factors),
      );
  return restoreTable(stitchBlocks(blocks, nItems), relabeling);
}

/**
 * Runs the jobs on a pool of worker threads, each taking the next job when it is free. A worker
 * that fails or exits early fails the training and stops the others taking new jobs.
 */
async function runPool(
  data: NeighbourWorkerData,
  jobs: NeighbourJob[],
  nWorkers: number,
): Promise<NeighbourBlock[]> {
  const blocks: NeighbourBlock[] = [];
  let next = 0;
  let failed = false;
  const runWorker = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_FILE, { workerData: data });
      let done = false;
      const finish = (error?: Error): void => {
        if (done) return;
        done = true;
        failed ||= error !== undefined;
        void worker.terminate();
        if (error) reject(error);
        else resolve();
      };
      const sendNext = (): void => {
        if (next >= jobs.length || failed) return finish();
        worker.postMessage(jobs[next++]);
      };
      worker.on('message', (block: NeighbourBlock) => {
        blocks.push(block);
        sendNext();
      });
      worker.on('error', finish);
      worker.on('exit', (code) => finish(new Error(`Neighbour worker exited with code ${code}`)));
      sendNext();
    });
  const count = Math.max(1, Math.min(nWorkers, jobs.length));
  await Promise.all(Array.from({ length: count }, runWorker));
  return blocks;
}

/** Concatenates blocks (in any order) into one item x item CSR. */
export function stitchBlocks(blocks: NeighbourBlock[], nItems: number): SparseRows {
  const sorted = [...blocks].sort((a, b) => a.itemStart - b.itemStart);
  const indptr = new Int32Array(nItems + 1);
  let nnz = 0;
  for (const block of sorted) nnz += block.indices.length;
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let offset = 0;
  for (const block of sorted) {
    indices.set(block.indices, offset);
    values.set(block.weights, offset);
    for (let r = 0; r < block.itemEnd - block.itemStart; r++) {
      indptr[block.itemStart + r + 1] = offset + block.indptr[r + 1];
    }
    offset += block.indices.length;
  }
  return { nRows: nItems, nCols: nItems, indptr, indices, values };
}
