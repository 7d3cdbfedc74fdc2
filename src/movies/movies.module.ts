import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuthModule } from '../auth/auth.module';
import { Genre } from './genre.entity';
import { GenresController } from './genres.controller';
import { Movie } from './movie.entity';
import { MoviesController } from './movies.controller';
import { MoviesRepository } from './movies.repository';
import { MoviesService } from './movies.service';

/**
 * The catalog. Exports MoviesRepository and MoviesService (findResponses) so ratings, history
 * and recommendations return movies in the contract's shape (see also `toMovieResponse`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Movie, Genre]), AuthModule, ApiKeysModule],
  controllers: [GenresController, MoviesController],
  providers: [MoviesRepository, MoviesService],
  exports: [MoviesRepository, MoviesService],
})
export class MoviesModule {}
