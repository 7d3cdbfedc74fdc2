import { Injectable } from '@nestjs/common';
import { assignmentPoint, variantIndexAt } from '../experiments/variant-assignment';
import { LoadedModel } from './model-registry';

/** A variant as this process serves it: its model is in memory. */
export interface ServingVariant {
  readonly name: string;
  readonly modelVersion: number;
  readonly loaded: LoadedModel;
}

/** The running experiment with every variant's model loaded. Immutable. */
export interface RunningExperiment {
  readonly id: number;
  readonly name: string;
  readonly variants: readonly ServingVariant[];
  /** The variants' shares, in order (they add up to 1). */
  readonly shares: readonly number[];
}

/** Which variant of which experiment serves a user. */
export interface Assignment {
  readonly experimentId: number;
  readonly variant: ServingVariant;
}

/**
 * Holds the running experiment of this process, swapped in whole (one assignment) once every
 * variant's model is loaded, as ModelRegistry holds the serving model. `assign` reads only
 * memory: no database round trip on the request path.
 */
@Injectable()
export class ExperimentRegistry {
  private current: RunningExperiment | undefined;

  get(): RunningExperiment | undefined {
    return this.current;
  }

  /** Swaps `next` in (undefined: no experiment runs here); returns the one it replaced. */
  swap(next: RunningExperiment | undefined): RunningExperiment | undefined {
    const previous = this.current;
    this.current = next;
    return previous;
  }

  /** The variant a signed-in user is in, by the stable hash; undefined outside experiments. */
  assign(userId: number): Assignment | undefined {
    const running = this.current;
    if (!running) return undefined;
    const index = variantIndexAt(assignmentPoint(running.id, userId), running.shares);
    return { experimentId: running.id, variant: running.variants[index] };
  }
}
