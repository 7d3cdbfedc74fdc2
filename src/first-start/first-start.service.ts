import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DatasetLoadsRepository } from '../datasets/dataset-loads.repository';
import { loadDemoDataAtStartUp } from '../datasets/demo/demo-data-at-start-up';
import { MoviesRepository } from '../movies/movies.repository';
import { ModelStore } from '../training/model-store/model-store';
import { ModelSyncService } from '../recommendations/model-sync.service';
import { TrainingService } from '../training/training.service';

/**
 * The zero-setup first start: on an empty embedded database (DEMO_DATA on, no DATABASE_URL),
 * loads the bundled demo catalog and trains before the server listens, so a newcomer's first
 * requests get real recommendations. Also trains when the demo is loaded but no model was
 * stored (a first start interrupted half-way); not once an import replaced the demo (training
 * a large import would hold the start for minutes: `npm run train` does it). An empty catalog
 * is announced with how to fill it. Nothing else happens on later starts.
 */
@Injectable()
export class FirstStartService {
  private readonly logger = new Logger(FirstStartService.name);

  constructor(
    private readonly training: TrainingService,
    private readonly store: ModelStore,
    private readonly modelSync: ModelSyncService,
    private readonly movies: MoviesRepository,
    private readonly datasetLoads: DatasetLoadsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(databaseUrl: string): Promise<void> {
    const demo = await loadDemoDataAtStartUp(this.config, databaseUrl);
    if (demo?.loaded) {
      this.logger.log('demo data loaded', {
        movies: demo.movies,
        users: demo.users,
        ratings: demo.ratings,
        durationMs: demo.durationMs,
      });
    }
    if ((await this.movies.findTrendingIds(1)).length === 0) {
      this.logger.warn(this.emptyCatalogAdvice());
      return;
    }
    if (!demo || !(await this.datasetLoads.isDemo())) return;
    if (await this.store.findServing()) return;
    this.logger.log('first start: training the demo model before serving');
    const outcome = await this.training.train({ force: false, trigger: 'first-start' });
    if (outcome.status === 'failed') {
      this.logger.warn('first-start training failed; popularity serves until a retrain', {
        error: outcome.error,
      });
    }
    await this.modelSync.sync();
  }

  /** One line: how to load movies, with the demo only where it can load. */
  private emptyCatalogAdvice(): string {
    const importing = 'import a MovieLens folder with `npm run import:movielens -- <dir>`';
    if (this.config.database.url !== undefined) {
      return `the catalog is empty: ${importing} (the bundled demo catalog loads only into the embedded database, without DATABASE_URL)`;
    }
    return `the catalog is empty: ${importing}, or restart with DEMO_DATA=true for the bundled demo catalog`;
  }
}
