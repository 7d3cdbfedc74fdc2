import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ImpressionsModule } from '../impressions/impressions.module';
import { TrainingModule } from '../training/training.module';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';

/**
 * A/B experiments between stored model versions: the admin routes and the results. Serving
 * them (loading the variants' models, assigning users) is recommendations/' job, which reads
 * the running experiment through the exported repository.
 */
@Module({
  imports: [AuthModule, ImpressionsModule, TrainingModule],
  controllers: [ExperimentsController],
  providers: [ExperimentsRepository, ExperimentsService],
  exports: [ExperimentsRepository],
})
export class ExperimentsModule {}
