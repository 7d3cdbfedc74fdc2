import { parentPort } from 'node:worker_threads';
import { TrainingJob, runTrainingJob } from './training-job';
import { errorMessage } from '../common/errors/error-message';

/**
 * Thin adapter: receive the job's typed arrays, run the core, post the artifact back with its
 * buffer transferred (not copied). Errors go back as messages, never as a crash of the server.
 */
parentPort?.once('message', (job: TrainingJob) => {
  runTrainingJob(job, () => performance.now()).then(
    (result) => {
      const transfer = [result.artifact.buffer as ArrayBuffer];
      parentPort?.postMessage({ ok: true, result }, transfer);
    },
    (error: unknown) => {
      parentPort?.postMessage({
        ok: false,
        error: errorMessage(error),
      });
    },
  );
});
