import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { InvalidInputError, NotFoundError } from '../common/errors/app-error';
import { Page } from '../common/pagination/page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { DismissalsService } from '../dismissals/dismissals.service';
import {
  DismissalResponseDto,
  DismissedMovieResponseDto,
} from '../dismissals/dto/dismissal-response.dto';
import { HistoryQueryDto } from '../history/dto/history-query.dto';
import { RecordWatchDto } from '../history/dto/record-watch.dto';
import {
  HistoryPageResponseDto,
  WatchEventResponseDto,
} from '../history/dto/watch-event-response.dto';
import { HistoryService } from '../history/history.service';
import { MoviesRepository } from '../movies/movies.repository';
import { RatedMovieResponseDto, RatingResponseDto } from '../ratings/dto/rating-response.dto';
import { RatingsService } from '../ratings/ratings.service';
import { RecommendationsQueryDto } from '../recommendations/dto/recommendations-query.dto';
import { RecommendationsResponseDto } from '../recommendations/dto/recommendation-response.dto';
import { RecommendationsService } from '../recommendations/recommendations.service';
import { AppUsersRepository } from './app-users.repository';

/**
 * What an app does for one of its users, by the app's own id: the accounts' services called
 * with the user id that id maps to, so strategies, filters, explanations and freshness are the
 * same. A user is created by its first write; reads of a user not seen yet answer as for a new
 * account (the cold-start list, empty lists), never 404.
 */
@Injectable()
export class AppUsersService {
  private readonly logger = new Logger(AppUsersService.name);

  constructor(
    private readonly users: AppUsersRepository,
    private readonly movies: MoviesRepository,
    private readonly recommendations: RecommendationsService,
    private readonly ratings: RatingsService,
    private readonly history: HistoryService,
    private readonly dismissals: DismissalsService,
    private readonly clock: Clock,
  ) {}

  async recommend(
    appUserId: string,
    query: RecommendationsQueryDto,
  ): Promise<RecommendationsResponseDto> {
    return this.recommendations.forUser(await this.users.findId(appUserId), query);
  }

  async rate(appUserId: string, movieId: number, rating: number): Promise<RatingResponseDto> {
    return this.ratings.upsert(await this.userForWrite(appUserId, movieId), movieId, rating);
  }

  async listRatings(appUserId: string, query: PageQueryDto): Promise<Page<RatedMovieResponseDto>> {
    const userId = await this.users.findId(appUserId);
    if (userId === null) return { items: [], total: 0, page: query.page, limit: query.limit };
    return this.ratings.listForUser(userId, query);
  }

  async deleteRating(appUserId: string, movieId: number): Promise<void> {
    const userId = await this.users.findId(appUserId);
    if (userId === null)
      throw new NotFoundError(`User ${appUserId} has not rated movie ${movieId}`);
    await this.ratings.delete(userId, movieId);
  }

  async recordWatch(appUserId: string, body: RecordWatchDto): Promise<WatchEventResponseDto> {
    // Checked before the user is made, so that refused input creates nothing.
    if (body.watchedAt !== undefined && Date.parse(body.watchedAt) > this.clock.now()) {
      throw new InvalidInputError('watchedAt must not be in the future');
    }
    return this.history.record(await this.userForWrite(appUserId, body.movieId), body);
  }

  async listHistory(appUserId: string, query: HistoryQueryDto): Promise<HistoryPageResponseDto> {
    const userId = await this.users.findId(appUserId);
    if (userId === null) return { items: [], nextCursor: null };
    return this.history.list(userId, query);
  }

  async dismiss(appUserId: string, movieId: number): Promise<DismissalResponseDto> {
    return this.dismissals.dismiss(await this.userForWrite(appUserId, movieId), movieId);
  }

  async listDismissals(
    appUserId: string,
    query: PageQueryDto,
  ): Promise<Page<DismissedMovieResponseDto>> {
    const userId = await this.users.findId(appUserId);
    if (userId === null) return { items: [], total: 0, page: query.page, limit: query.limit };
    return this.dismissals.listForUser(userId, query);
  }

  async undoDismissal(appUserId: string, movieId: number): Promise<void> {
    const userId = await this.users.findId(appUserId);
    if (userId === null) {
      throw new NotFoundError(`User ${appUserId} has not dismissed movie ${movieId}`);
    }
    await this.dismissals.undo(userId, movieId);
  }

  /** Erases the user and everything of theirs; erasing an unknown user is done already. */
  async erase(appUserId: string): Promise<void> {
    if (await this.users.delete(appUserId)) this.logger.log('app user erased', { appUserId });
  }

  /**
   * The user to write feedback for, created at its first feedback. An unknown movie is a 404
   * before anything is made (the foreign key still guards a movie deleted in between).
   */
  private async userForWrite(appUserId: string, movieId: number): Promise<number> {
    if (!(await this.movies.findExistingIds([movieId])).has(movieId)) {
      throw new NotFoundError(`Movie ${movieId} does not exist`);
    }
    const ids = await this.users.ensureIds([appUserId]);
    return ids.get(appUserId)!;
  }
}
