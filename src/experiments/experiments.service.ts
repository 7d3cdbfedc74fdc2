import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictError, InvalidInputError, NotFoundError } from '../common/errors/app-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImpressionRecorder } from '../impressions/impression-recorder';
import { ImpressionsRepository } from '../impressions/impressions.repository';
import { ModelStore } from '../training/model-store/model-store';
import { hasArtifact } from '../training/model-store/model-version.mapper';
import { CreateExperimentDto } from './dto/create-experiment.dto';
import { ExperimentResponseDto } from './dto/experiment-response.dto';
import { Experiment, ExperimentVariant } from './experiment';
import { toExperimentResponse } from './experiment.mapper';
import { ExperimentsRepository } from './experiments.repository';
import { resolveShares } from './variant-assignment';

/** How many experiments the list shows, newest first (each is read with its results). */
const LISTED_EXPERIMENTS = 20;

/**
 * A/B experiments: start one (one at a time), read its results, stop it. Starting and stopping
 * only write the database; every server process follows through the experiments channel
 * (ExperimentSyncService) and assigns users to variants from memory.
 */
@Injectable()
export class ExperimentsService {
  private readonly logger = new Logger(ExperimentsService.name);

  constructor(
    private readonly experiments: ExperimentsRepository,
    private readonly store: ModelStore,
    private readonly impressions: ImpressionsRepository,
    private readonly recorder: ImpressionRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Starts an experiment. Under the serving lock, so that retention cannot delete a variant's
   * bytes in between (it keeps every running experiment's versions) and two starts are one
   * after the other: the second finds the first running and is refused, naming it.
   */
  async start(body: CreateExperimentDto): Promise<ExperimentResponseDto> {
    const variants = validVariants(body);
    const experiment = await this.store.withServingLock(async (manager) => {
      const running = await this.experiments.findRunning(manager);
      if (running) {
        throw new ConflictError(
          `Experiment ${running.id} "${running.name}" is running: stop it ` +
            `(DELETE /v1/admin/experiments/${running.id}) before starting another`,
        );
      }
      const versions = [...new Set(variants.map((v) => v.modelVersion))];
      const rows = await this.store.findVersions(versions, manager);
      for (const version of versions) {
        const row = rows.find((r) => r.version === version);
        if (!row) throw new NotFoundError(`Model version ${version} does not exist`);
        if (row.status !== 'ready') {
          throw new ConflictError(
            `Model version ${version} is ${row.status}: only a ready version can be a variant`,
          );
        }
        if (!hasArtifact(row)) {
          throw new ConflictError(
            `Model version ${version} no longer has its artifact (retention deleted it): ` +
              'choose a kept version or retrain',
          );
        }
      }
      return this.experiments.insert(manager, body.name, variants);
    });
    this.logger.log('experiment started', {
      experimentId: experiment.id,
      variants: experiment.variants.map((v) => `${v.name}=${v.modelVersion}`),
    });
    return this.withResults(experiment);
  }

  async list(): Promise<{ items: ExperimentResponseDto[] }> {
    const experiments = await this.experiments.findRecent(LISTED_EXPERIMENTS);
    await this.recorder.flush();
    const items: ExperimentResponseDto[] = [];
    // One at a time: each reads the impressions of its own period.
    for (const experiment of experiments) items.push(await this.withResults(experiment, false));
    return { items };
  }

  async get(id: number): Promise<ExperimentResponseDto> {
    return this.withResults(await this.find(id));
  }

  /**
   * Stops the experiment (stopping a stopped one changes nothing) and answers its results. Its
   * lists go on converting within the attribution window, so later reads may count more.
   */
  async stop(id: number): Promise<ExperimentResponseDto> {
    if (!(await this.experiments.stop(id))) {
      throw new NotFoundError(`Experiment ${id} does not exist`);
    }
    const experiment = await this.find(id);
    this.logger.log('experiment stopped', { experimentId: id });
    return this.withResults(experiment);
  }

  private async find(id: number): Promise<Experiment> {
    const experiment = await this.experiments.findById(id);
    if (!experiment) throw new NotFoundError(`Experiment ${id} does not exist`);
    return experiment;
  }

  /** The experiment with its results, counting what this process showed a moment ago too. */
  private async withResults(experiment: Experiment, flush = true): Promise<ExperimentResponseDto> {
    if (flush) await this.recorder.flush();
    const windowHours = this.config.impressions.attributionWindowHours;
    const served = await this.impressions.experimentResults(experiment, windowHours);
    return toExperimentResponse(experiment, served, windowHours);
  }
}

/** The body's variants with their shares, or a 400 saying what to fix. */
function validVariants(body: CreateExperimentDto): ExperimentVariant[] {
  const names = body.variants.map((v) => v.name);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) {
    throw new InvalidInputError(`Variant names must be unique: "${repeated}" is given twice`);
  }
  const resolved = resolveShares(body.variants.map((v) => v.share));
  if ('problem' in resolved) throw new InvalidInputError(resolved.problem);
  return body.variants.map((v, i) => ({
    name: v.name,
    modelVersion: v.modelVersion,
    share: resolved.shares[i],
  }));
}
