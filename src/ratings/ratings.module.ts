import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MoviesModule } from '../movies/movies.module';
import { Rating } from './rating.entity';
import { RatingsController } from './ratings.controller';
import { RatingsRepository } from './ratings.repository';
import { RatingsService } from './ratings.service';

/** Explicit feedback. Exports RatingsRepository (reads) and RatingsService (writes). */
@Module({
  imports: [TypeOrmModule.forFeature([Rating]), AuthModule, MoviesModule],
  controllers: [RatingsController],
  providers: [RatingsRepository, RatingsService],
  exports: [RatingsRepository, RatingsService],
})
export class RatingsModule {}
