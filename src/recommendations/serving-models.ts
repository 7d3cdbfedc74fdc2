import { Injectable } from '@nestjs/common';
import { ExperimentRegistry } from './experiment-registry';
import { LoadedModel, ModelRegistry } from './model-registry';

/** The model that serves one request, and the experiment variant it stands for. */
export interface ServedModel {
  /** Undefined: no model is trained yet (popularity serves). */
  readonly loaded: LoadedModel | undefined;
  readonly experimentId: number | null;
  /** The variant's name; null outside experiments. */
  readonly variant: string | null;
}

/**
 * Who is served by which model: a signed-in user by their variant while an experiment runs,
 * everyone else (visitors, anonymous similar lists, an app's user not seen yet) by the serving
 * model with no variant, since only a user id gives an assignment that lasts.
 */
@Injectable()
export class ServingModels {
  constructor(
    private readonly models: ModelRegistry,
    private readonly experiments: ExperimentRegistry,
  ) {}

  forUser(userId: number | null | undefined): ServedModel {
    const assignment = userId == null ? undefined : this.experiments.assign(userId);
    if (!assignment) return this.main();
    return {
      loaded: assignment.variant.loaded,
      experimentId: assignment.experimentId,
      variant: assignment.variant.name,
    };
  }

  main(): ServedModel {
    return { loaded: this.models.get(), experimentId: null, variant: null };
  }
}
