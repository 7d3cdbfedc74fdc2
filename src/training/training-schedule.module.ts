import { Module } from '@nestjs/common';
import { TrainingModule } from './training.module';
import { TrainingScheduler } from './training.scheduler';

/** The nightly retrain, for the server only (the `npm run train` job is a one-off). */
@Module({
  imports: [TrainingModule],
  providers: [TrainingScheduler],
})
export class TrainingScheduleModule {}
