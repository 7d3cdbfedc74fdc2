import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { TRAFFIC_SAMPLE_CAPACITY, TrafficSampler } from '../common/metrics/traffic-sampler';
import { ImpressionRecorder } from '../impressions/impression-recorder';
import { ImpressionsRepository } from '../impressions/impressions.repository';
import { daysBackSince } from '../impressions/online-period';
import { MoviesRepository } from '../movies/movies.repository';
import { LoadedModel, ModelRegistry } from '../recommendations/model-registry';
import { countReachableItems } from '../recommender';
import { ModelStore } from '../training/model-store/model-store';
import { CoverageResponseDto } from './dto/coverage-response.dto';
import { ModelHistoryResponseDto } from './dto/model-history-response.dto';
import { TrafficResponseDto } from './dto/traffic-response.dto';
import { toModelHistoryItem } from './model-history.mapper';

/**
 * The figures of the admin dashboard that no other route gives: the model history with its
 * training durations, catalog coverage, and this process's request rate and latency.
 */
@Injectable()
export class DashboardService {
  /** Reachable movies of the serving version, counted once per version (one pass over it). */
  private reachable: { version: number; movies: number } | undefined;

  constructor(
    private readonly store: ModelStore,
    private readonly registry: ModelRegistry,
    private readonly movies: MoviesRepository,
    private readonly impressions: ImpressionsRepository,
    private readonly recorder: ImpressionRecorder,
    private readonly sampler: TrafficSampler,
    private readonly clock: Clock,
  ) {}

  async modelHistory(limit: number): Promise<ModelHistoryResponseDto> {
    const [[newestFirst], serving] = await Promise.all([
      this.store.findPage(0, limit),
      this.store.findServing(),
    ]);
    const servingVersion = serving?.version ?? null;
    return {
      items: newestFirst.reverse().map((version) => toModelHistoryItem(version, servingVersion)),
    };
  }

  async coverage(days: number): Promise<CoverageResponseDto> {
    // What this process showed a moment ago counts too.
    await this.recorder.flush();
    const [catalogMovies, shownMovies] = await Promise.all([
      this.movies.countAll(),
      this.impressions.countMoviesShown(daysBackSince(this.clock.date(), days)),
    ]);
    const loaded = this.registry.get();
    const metrics = loaded?.info.metrics;
    return {
      days,
      catalogMovies,
      modelVersion: loaded?.version ?? null,
      modelMovies: loaded?.model.itemIds.length ?? 0,
      reachableMovies: loaded ? this.reachableMovies(loaded) : 0,
      shownMovies,
      offline:
        metrics?.model && metrics.popularity
          ? { model: metrics.model.coverage, popularity: metrics.popularity.coverage }
          : null,
    };
  }

  traffic(): TrafficResponseDto {
    return {
      intervalSeconds: this.sampler.intervalSeconds,
      capacity: TRAFFIC_SAMPLE_CAPACITY,
      points: this.sampler.recent(),
    };
  }

  private reachableMovies(loaded: LoadedModel): number {
    if (this.reachable?.version !== loaded.version) {
      this.reachable = {
        version: loaded.version,
        movies: countReachableItems(loaded.model.neighbours),
      };
    }
    return this.reachable.movies;
  }
}
