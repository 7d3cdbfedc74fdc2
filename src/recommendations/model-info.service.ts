import { Injectable } from '@nestjs/common';
import { UnavailableError } from '../common/errors/app-error';
import { MoviesRepository } from '../movies/movies.repository';
import { ModelInfoResponseDto } from './dto/model-info-response.dto';
import { ModelRegistry } from './model-registry';
import { ModelStore } from '../training/model-store/model-store';
import { ModelVersion } from '../training/model-store/model-version.entity';
import { toTuningResponse } from '../training/model-store/model-version.mapper';
import { TrainingLock } from '../training/training-lock';

/** ModelInfo of the contract: the serving version, its quality beside popularity, the last training. */
@Injectable()
export class ModelInfoService {
  constructor(
    private readonly registry: ModelRegistry,
    private readonly store: ModelStore,
    private readonly lock: TrainingLock,
    private readonly movies: MoviesRepository,
  ) {}

  async describe(): Promise<ModelInfoResponseDto> {
    const serving = this.registry.get();
    const [newest, training] = await Promise.all([this.store.findNewest(), this.lock.isHeld()]);
    const lastTraining = newest && newest.status !== 'training' ? newest : null;
    if (!serving) {
      const anyMovie = await this.movies.findTrendingIds(1);
      if (anyMovie.length === 0) {
        throw new UnavailableError('No model and no catalog yet: import movies, then train', 30);
      }
      return {
        version: null,
        trainedAt: null,
        status: 'popularity-fallback',
        algorithm: null,
        counts: { users: 0, items: 0, ratings: 0 },
        params: {},
        tuning: null,
        metrics: null,
        trainingMs: null,
        isDemo: false,
        lastTraining: lastTraining && summarise(lastTraining),
        training,
      };
    }
    const info = serving.info;
    const metrics = info.metrics;
    return {
      version: info.version,
      trainedAt: info.trainedAt?.toISOString() ?? null,
      status: 'serving',
      algorithm: info.algorithm,
      counts: {
        users: serving.model.counts.users,
        items: serving.model.counts.items,
        ratings: serving.model.counts.interactions,
      },
      params: info.params,
      tuning: toTuningResponse(info.params),
      metrics: metrics.model
        ? {
            ...metrics.model,
            popularity: { ...metrics.popularity },
            ...(metrics.likedOnly && {
              likedOnly: {
                model: { ...metrics.likedOnly.model },
                popularity: { ...metrics.likedOnly.popularity },
              },
            }),
            evaluatedInteractions: metrics.evaluatedInteractions,
          }
        : null,
      trainingMs: info.timings?.totalMs ?? null,
      isDemo: info.isDemo,
      lastTraining: lastTraining && summarise(lastTraining),
      training,
    };
  }
}

function summarise(version: ModelVersion): NonNullable<ModelInfoResponseDto['lastTraining']> {
  const gate = version.metrics.gate;
  return {
    version: version.version,
    status: version.status,
    passedGate: gate?.passed ?? null,
    error: version.error,
    createdAt: version.createdAt.toISOString(),
  };
}
