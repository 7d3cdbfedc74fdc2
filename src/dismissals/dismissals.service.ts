import { EntityManager } from 'typeorm';
import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError } from '../common/errors/app-error';
import { Page, pageOf } from '../common/pagination/page';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ReadYourWrites } from '../database/read-your-writes';
import { MoviesService } from '../movies/movies.service';
import { DismissalResponseDto, DismissedMovieResponseDto } from './dto/dismissal-response.dto';
import { BulkDismissalRows, DismissalsRepository } from './dismissals.repository';

/**
 * "Not interested": what a user asked never to be shown again. Recommendations read these
 * through DismissalsRepository at every request, so a dismissal takes effect at once.
 */
@Injectable()
export class DismissalsService {
  private readonly logger = new Logger(DismissalsService.name);

  constructor(
    private readonly dismissals: DismissalsRepository,
    private readonly movies: MoviesService,
    private readonly reads: ReadYourWrites,
  ) {}

  async dismiss(userId: number, movieId: number): Promise<DismissalResponseDto> {
    const row = await this.dismissals.upsert(userId, movieId);
    this.reads.wrote(userId);
    this.logger.debug('movie dismissed', { userId, movieId });
    return { movieId: row.movieId, dismissedAt: row.dismissedAt.toISOString() };
  }

  async undo(userId: number, movieId: number): Promise<void> {
    if (!(await this.dismissals.delete(userId, movieId))) {
      throw new NotFoundError(`You have not dismissed movie ${movieId}`);
    }
    this.reads.wrote(userId);
  }

  async listForUser(userId: number, query: PageQueryDto): Promise<Page<DismissedMovieResponseDto>> {
    const { rows, total } = await this.dismissals.findPageForUser(
      userId,
      (query.page - 1) * query.limit,
      query.limit,
    );
    const items = await this.movies.withMovies(rows, (row, movie) => ({
      movie,
      dismissedAt: row.dismissedAt.toISOString(),
    }));
    return pageOf(items, total, query);
  }

  /** Many at once, in the caller's transaction (apps' batch feedback): see the repository. */
  insertMany(rows: BulkDismissalRows, manager: EntityManager): Promise<void> {
    return this.dismissals.insertMany(rows, manager);
  }
}
