import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { MoviesModule } from '../movies/movies.module';
import { HistoryController } from './history.controller';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { WatchEvent } from './watch-event.entity';

/**
 * Implicit feedback. Exports HistoryRepository, through which recommendations and training read
 * watches, and HistoryService, through which apps (src/apps) write them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WatchEvent]), AuthModule, MoviesModule],
  controllers: [HistoryController],
  providers: [HistoryRepository, HistoryService],
  exports: [HistoryRepository, HistoryService],
})
export class HistoryModule {}
