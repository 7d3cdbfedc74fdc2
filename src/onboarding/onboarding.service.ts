import { Injectable } from '@nestjs/common';
import { MovieResponseDto } from '../movies/dto/movie-response.dto';
import { MovieCatalog } from '../movies/movie-catalog';
import { diversePicks } from './diverse-picks';

/** How many of the most popular movies the onboarding list is chosen from, per movie asked. */
const CANDIDATES_PER_PICK = 10;

/**
 * The movies a new user is offered to pick from, so that their first list is personal rather
 * than popular: well known (the most popular movies of the catalog, as of the last training)
 * and spread across genres (diversePicks).
 */
@Injectable()
export class OnboardingService {
  constructor(private readonly catalog: MovieCatalog) {}

  async movies(limit: number): Promise<{ items: MovieResponseDto[] }> {
    const ids = await this.catalog.trendingIds(limit * CANDIDATES_PER_PICK);
    return { items: diversePicks(await this.catalog.responsesInOrder(ids), limit) };
  }
}
