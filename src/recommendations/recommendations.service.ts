import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../common/errors/app-error';
import { MovieResponseDto } from '../movies/dto/movie-response.dto';
import { MovieCatalog } from '../movies/movie-catalog';
import { UnknownGenreError } from '../movies/unknown-genre.error';
import {
  ItemFilter,
  RecommendationList,
  SimilarItems,
  UserItem,
  recommendForUser,
  similarItems,
  toScoreScale,
} from '../recommender';
import { similarToUnseenItem } from '../recommender/cold-item';
import { RecommendationsQueryDto, SimilarQueryDto } from './dto/recommendations-query.dto';
import { SessionRecommendationsDto } from './dto/session-recommendations.dto';
import {
  RecommendationsResponseDto,
  SimilarMoviesResponseDto,
} from './dto/recommendation-response.dto';
import { LoadedModel } from './model-registry';
import { ServedModel, ServingModels } from './serving-models';
import { Clock } from '../common/clock/clock';
import { UnseenFeedback, UserFeedback, feedbackForModel, seenOrDismissed } from './user-feedback';
import { MAX_UNSEEN_MOVIES, featuresOf, standInsFor } from './stand-ins';
import { UserFeedbackReader } from './user-feedback.reader';
import { ImpressionRecorder } from '../impressions/impression-recorder';
import { ImpressionSurface } from '../impressions/impression';

/** A list before it is named, and its variant said, and recorded as shown. */
type Unnamed<T> = Omit<T, 'recommendationId' | 'variant'>;

/** What shapes a list, whoever asks: a user (query string) or a visitor (body). */
type ListOptions = Pick<RecommendationsQueryDto, 'limit' | 'genre' | 'explain'>;

/**
 * Serves recommendations from the model in the registry and the user's feedback read fresh at
 * every request, so a rating or dismissal made a moment ago changes the next list without a
 * retrain. With no trained model yet, the popularity column serves. While an experiment runs,
 * a signed-in user's lists come from their variant's model (ServingModels decides, from memory).
 */
@Injectable()
export class RecommendationsService {
  constructor(
    private readonly models: ServingModels,
    private readonly feedback: UserFeedbackReader,
    private readonly catalog: MovieCatalog,
    private readonly clock: Clock,
    private readonly impressions: ImpressionRecorder,
  ) {}

  /**
   * `userId` null: a user we know nothing of yet (an app's user before its first feedback),
   * who gets the cold-start list a new account gets.
   */
  async forUser(
    userId: number | null,
    query: RecommendationsQueryDto,
  ): Promise<RecommendationsResponseDto> {
    const served = this.models.forUser(userId);
    const list = await this.fromFeedback(await this.feedback.read(userId), query, served);
    return this.shown(list, 'user', userId, served);
  }

  /**
   * Recommendations for a visitor from the movies they picked, stored nowhere: a pick with a
   * rating counts as that rating, one without as a finished watch (a like). Unknown movies are
   * a 404 naming them, as rating one is.
   */
  async forSession(body: SessionRecommendationsDto): Promise<RecommendationsResponseDto> {
    const ids = [...new Set(body.items.map((item) => item.movieId))];
    const known = await this.catalog.responses(ids);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new NotFoundError(
        `Movie${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 10).join(', ')} ` +
          `${unknown.length > 1 ? 'do' : 'does'} not exist`,
      );
    }
    const atSeconds = this.clock.nowSeconds();
    const feedback: UserFeedback = { ratings: [], watches: [], dismissals: [] };
    for (const { movieId, rating } of body.items) {
      if (rating === undefined) feedback.watches.push({ movieId, value: 1, atSeconds });
      else feedback.ratings.push({ movieId, value: rating, atSeconds });
    }
    const served = this.models.main();
    return this.shown(await this.fromFeedback(feedback, body, served), 'session', null, served);
  }

  private async fromFeedback(
    feedback: UserFeedback,
    query: ListOptions,
    { loaded }: ServedModel,
  ): Promise<Unnamed<RecommendationsResponseDto>> {
    if (!loaded) return this.popularityFallback(feedback, query);
    const filter = await this.genreFilter(loaded, query.genre);
    const { userItems, unseen } = feedbackForModel(loaded.itemIndex, feedback, MAX_UNSEEN_MOVIES);
    const standIns = await this.standIns(loaded, unseen);
    const list: RecommendationList = filter.none
      ? {
          strategy: userItems.length + standIns.length > 0 ? 'collaborative' : 'popularity',
          items: [],
        }
      : recommendForUser(loaded.model, [...userItems, ...standIns], {
          limit: query.limit,
          now: this.clock.nowSeconds(),
          exclude: userItems.map((u) => u.item),
          filter: filter.filter,
          explain: query.explain,
        });
    const itemIds = list.items.map((r) => loaded.model.itemIds[r.item]);
    const reasonIds = query.explain
      ? list.items.flatMap((r) => r.reasons.map((reason) => loaded.model.itemIds[reason.item]))
      : [];
    const byId = await this.moviesById([...itemIds, ...reasonIds]);
    return {
      modelVersion: loaded.version,
      strategy: list.strategy,
      items: list.items
        .filter((r) => byId.has(loaded.model.itemIds[r.item]))
        .map((r) => ({
          movie: byId.get(loaded.model.itemIds[r.item])!,
          score: round(r.score),
          ...(query.explain && {
            reasons: r.reasons
              .filter((reason) => byId.has(loaded.model.itemIds[reason.item]))
              .map((reason) => {
                const movieId = loaded.model.itemIds[reason.item];
                return { movieId, title: byId.get(movieId)!.title, weight: round(reason.weight) };
              }),
          }),
        })),
    };
  }

  /**
   * Feedback on movies added after the model's training counts through stand-ins, the known
   * movies most like them by content (stand-ins.ts); the movies themselves are outside the model,
   * so never recommended.
   */
  private async standIns(
    loaded: LoadedModel,
    unseen: readonly UnseenFeedback[],
  ): Promise<UserItem[]> {
    if (unseen.length === 0) return [];
    const movies = await this.catalog.responses(unseen.map((u) => u.movieId));
    return standInsFor(loaded, unseen, movies);
  }

  /**
   * Movies like `movieId`; for a signed-in user (`userId`), never one they dismissed.
   */
  async similar(
    movieId: number,
    query: SimilarQueryDto,
    userId?: number,
  ): Promise<SimilarMoviesResponseDto> {
    const served = this.models.forUser(userId);
    const list = await this.similarList(movieId, query, served.loaded, userId);
    return this.shown(list, 'similar', userId ?? null, served);
  }

  /**
   * Names a list with a new recommendationId, says its variant, and records it as shown (off
   * the request path: ImpressionRecorder only buffers). Empty lists showed nothing and are not
   * recorded.
   */
  private shown<T extends Unnamed<RecommendationsResponseDto | SimilarMoviesResponseDto>>(
    list: T,
    surface: ImpressionSurface,
    userId: number | null,
    served: ServedModel,
  ): T & { recommendationId: string; variant: string | null } {
    const recommendationId = randomUUID();
    if (list.items.length > 0) {
      this.impressions.record({
        recommendationId,
        userId,
        surface,
        modelVersion: list.modelVersion,
        experimentId: served.experimentId,
        variant: served.variant,
        strategy: list.strategy,
        movieIds: list.items.map((item) => item.movie.id),
        shownAt: this.clock.date(),
      });
    }
    return { recommendationId, ...list, variant: served.variant };
  }

  private async similarList(
    movieId: number,
    query: SimilarQueryDto,
    loaded: LoadedModel | undefined,
    userId?: number,
  ): Promise<Unnamed<SimilarMoviesResponseDto>> {
    const dismissed =
      userId === undefined ? new Set<number>() : await this.feedback.dismissedMovies(userId);
    const index = loaded?.itemIndex.get(movieId);
    if (!loaded || index === undefined) {
      return this.similarOutsideModel(movieId, query, loaded, dismissed);
    }
    // The movie and its neighbours in one read; the movie may be gone since training.
    const found = similarItems(loaded.model, index, query.limit, notDismissed(loaded, dismissed));
    const ids = found.items.map((s) => loaded.model.itemIds[s.item]).filter((id) => id !== movieId);
    const byId = await this.moviesById([movieId, ...ids]);
    if (!byId.has(movieId)) throw new NotFoundError(`Movie ${movieId} does not exist`);
    return this.similarResponse(loaded, found, byId, movieId);
  }

  /** A movie added after training gets content neighbours; with no model, popularity. */
  private async similarOutsideModel(
    movieId: number,
    query: SimilarQueryDto,
    loaded: LoadedModel | undefined,
    dismissed: ReadonlySet<number>,
  ): Promise<Unnamed<SimilarMoviesResponseDto>> {
    const movie = (await this.catalog.responses([movieId])).get(movieId);
    if (!movie) throw new NotFoundError(`Movie ${movieId} does not exist`);
    if (!loaded) {
      const popular = await this.mostPopular(query.limit, [movieId, ...dismissed], undefined);
      const best = popular[0]?.popularity ?? 0;
      return {
        modelVersion: null,
        strategy: 'popularity',
        items: popular.map((m) => ({
          movie: m,
          score: round(toScoreScale(m.popularity, best)),
        })),
      };
    }
    const found = similarToUnseenItem(
      loaded.model,
      featuresOf(loaded.genreBit, movie),
      query.limit,
      notDismissed(loaded, dismissed),
    );
    const byId = await this.moviesById(found.items.map((s) => loaded.model.itemIds[s.item]));
    return this.similarResponse(loaded, found, byId, movieId);
  }

  private similarResponse(
    loaded: LoadedModel,
    found: SimilarItems,
    byId: Map<number, MovieResponseDto>,
    movieId: number,
  ): Unnamed<SimilarMoviesResponseDto> {
    return {
      modelVersion: loaded.version,
      strategy: found.strategy,
      items: found.items
        .map((s) => ({ id: loaded.model.itemIds[s.item], score: s.score }))
        .filter(({ id }) => id !== movieId && byId.has(id))
        .map(({ id, score }) => ({ movie: byId.get(id)!, score: round(score) })),
    };
  }

  private async popularityFallback(
    feedback: UserFeedback,
    query: ListOptions,
  ): Promise<Unnamed<RecommendationsResponseDto>> {
    if (query.genre) await this.assertGenreExists(query.genre);
    const seen = seenOrDismissed(feedback);
    const movies = await this.mostPopular(query.limit, seen, query.genre);
    // The scale's best candidate is the most popular unseen movie of any genre.
    const [top] = query.genre ? await this.mostPopular(1, seen, undefined) : movies;
    return {
      modelVersion: null,
      strategy: 'popularity',
      items: movies.map((m) => ({
        movie: m,
        score: round(toScoreScale(m.popularity, top?.popularity ?? 0)),
        ...(query.explain && { reasons: [] }),
      })),
    };
  }

  /** The genre's bit in the model; a genre the catalog has but the model lacks matches nothing. */
  private async genreFilter(
    loaded: LoadedModel,
    genre: string | undefined,
  ): Promise<{ filter?: ItemFilter; none: boolean }> {
    if (!genre) return { none: false };
    const bit = loaded.genreBit.get(genre.toLowerCase());
    if (bit !== undefined) return { filter: { genreMask: 1 << bit }, none: false };
    await this.assertGenreExists(genre);
    return { none: true };
  }

  /** The most popular movies (from the indexed column) that are not in `exclude`. */
  private async mostPopular(
    limit: number,
    exclude: number[],
    genre: string | undefined,
  ): Promise<MovieResponseDto[]> {
    const excluded = new Set(exclude);
    const ids = await this.catalog.trendingIds(limit + excluded.size, genre);
    return this.catalog.responsesInOrder(ids.filter((id) => !excluded.has(id)).slice(0, limit));
  }

  private async assertGenreExists(genre: string): Promise<void> {
    if (!(await this.catalog.genreExists(genre))) throw new UnknownGenreError(genre);
  }

  private moviesById(ids: number[]): Promise<Map<number, MovieResponseDto>> {
    return this.catalog.responses([...new Set(ids)]);
  }
}

/** Lets through every item but the user's dismissed movies. */
function notDismissed(loaded: LoadedModel, dismissed: ReadonlySet<number>): ItemFilter | undefined {
  if (dismissed.size === 0) return undefined;
  return { allow: (item) => !dismissed.has(loaded.model.itemIds[item]) };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
