import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MoviesModule } from '../movies/movies.module';
import { Dismissal } from './dismissal.entity';
import { DismissalsController } from './dismissals.controller';
import { DismissalsRepository } from './dismissals.repository';
import { DismissalsService } from './dismissals.service';

/**
 * "Not interested" feedback, apart from ratings: it has no value, never enters training, and
 * also filters similar lists. Exports DismissalsRepository for recommendations' reads and
 * DismissalsService for apps' writes.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Dismissal]), AuthModule, MoviesModule],
  controllers: [DismissalsController],
  providers: [DismissalsRepository, DismissalsService],
  exports: [DismissalsRepository, DismissalsService],
})
export class DismissalsModule {}
