import { EntityManager } from 'typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError } from '../common/errors/app-error';
import { MoviesService } from '../movies/movies.service';
import { HistoryQueryDto } from './dto/history-query.dto';
import { RecordWatchDto } from './dto/record-watch.dto';
import { HistoryPageResponseDto, WatchEventResponseDto } from './dto/watch-event-response.dto';
import { decodeHistoryCursor, encodeHistoryCursor } from './history-cursor';
import { BulkWatchRows, HistoryRepository } from './history.repository';
import { Clock } from '../common/clock/clock';
import { ReadYourWrites } from '../database/read-your-writes';

@Injectable()
export class HistoryService {
  private readonly logger = new Logger(HistoryService.name);

  constructor(
    private readonly history: HistoryRepository,
    private readonly movies: MoviesService,
    private readonly clock: Clock,
    private readonly reads: ReadYourWrites,
  ) {}

  async record(userId: number, body: RecordWatchDto): Promise<WatchEventResponseDto> {
    const watchedAt = body.watchedAt === undefined ? null : new Date(body.watchedAt);
    if (watchedAt && watchedAt.getTime() > this.clock.now()) {
      throw new InvalidInputError('watchedAt must not be in the future');
    }
    const row = await this.history.insert(
      userId,
      body.movieId,
      watchedAt,
      body.progress ?? 1,
      body.recommendationId ?? null,
    );
    this.reads.wrote(userId);
    this.logger.debug('watch recorded', { userId, movieId: body.movieId });
    return {
      id: row.id,
      movieId: row.movieId,
      watchedAt: row.watchedAt.toISOString(),
      progress: row.progress,
    };
  }

  async list(userId: number, query: HistoryQueryDto): Promise<HistoryPageResponseDto> {
    const before = query.before === undefined ? null : decodeHistoryCursor(query.before);
    if (query.before !== undefined && !before) {
      throw new InvalidInputError('before is not a valid cursor: pass a nextCursor unchanged');
    }
    // One row more than asked tells whether another page exists.
    const rows = await this.history.findPageForUser(userId, query.limit + 1, before);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: await this.movies.withMovies(page, (row, movie) => ({
        id: row.id,
        movie,
        watchedAt: row.watchedAt.toISOString(),
        progress: row.progress,
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeHistoryCursor({ watchedAt: last.cursorAt, id: last.id })
          : null,
    };
  }

  /** Many at once, in the caller's transaction (apps' batch feedback): see the repository. */
  insertMany(rows: BulkWatchRows, manager: EntityManager): Promise<void> {
    return this.history.insertMany(rows, manager);
  }
}
