import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { AuthModule } from '../auth/auth.module';
import { Genre } from './genre.entity';
import { GenresController } from './genres.controller';
import { Movie } from './movie.entity';
import { MovieCatalog } from './movie-catalog';
import { MoviesController } from './movies.controller';
import { MoviesRepository } from './movies.repository';
import { MoviesService } from './movies.service';
import { TitleSearchPool } from './title-search-pool';

/**
 * The catalog. Exports MoviesRepository, MoviesService and MovieCatalog (movies in the contract's
 * shape from memory) so ratings, history and recommendations return movies without a query.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Movie, Genre]), AuthModule, ApiKeysModule],
  controllers: [GenresController, MoviesController],
  providers: [MovieCatalog, MoviesRepository, MoviesService, TitleSearchPool],
  exports: [MovieCatalog, MoviesRepository, MoviesService],
})
export class MoviesModule {}
