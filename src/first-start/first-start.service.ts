import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { loadDemoDataAtStartUp } from '../datasets/demo/demo-data-at-start-up';
import { ModelStore } from '../training/model-store/model-store';
import { ModelSyncService } from '../recommendations/model-sync.service';
import { TrainingService } from '../training/training.service';

/**
 * The zero-setup first start: on an empty embedded database (DEMO_DATA on, no DATABASE_URL),
 * loads the bundled demo catalog and trains before the server listens, so a newcomer's first
 * requests get real recommendations. Also trains when the demo was loaded but no model was
 * stored (a first start interrupted half-way). Nothing happens on later starts.
 */
@Injectable()
export class FirstStartService {
  private readonly logger = new Logger(FirstStartService.name);

  constructor(
    private readonly training: TrainingService,
    private readonly store: ModelStore,
    private readonly modelSync: ModelSyncService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(databaseUrl: string): Promise<void> {
    const demo = await loadDemoDataAtStartUp(this.config, databaseUrl);
    if (!demo) return;
    if (demo.loaded) {
      this.logger.log('demo data loaded', {
        movies: demo.movies,
        users: demo.users,
        ratings: demo.ratings,
        durationMs: demo.durationMs,
      });
    }
    if (await this.store.findNewestReady()) return;
    this.logger.log('first start: training the demo model before serving');
    const outcome = await this.training.train({ force: false, trigger: 'first-start' });
    if (outcome.status === 'failed') {
      this.logger.warn('first-start training failed; popularity serves until a retrain', {
        error: outcome.error,
      });
    }
    await this.modelSync.sync();
  }
}
