import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConflictError, NotFoundError } from '../../common/errors/app-error';
import { Page, pageOf } from '../../common/pagination/page';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ModelVersionResponseDto } from '../dto/model-version-response.dto';
import { ModelStore } from './model-store';
import { hasArtifact, toModelVersionResponse } from './model-version.mapper';
import { versionsToDelete } from './retention-rule';

/**
 * The model history and what an operator does with it: list the versions, serve an earlier
 * ready one (a rollback every server follows through the model channel), and apply the
 * retention policy. A rollback holds until the next training that passes the quality gate
 * (weighed against the rolled-back version): that one serves, as every new good version does.
 */
@Injectable()
export class ModelVersionsService {
  private readonly logger = new Logger(ModelVersionsService.name);

  constructor(
    private readonly store: ModelStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: { page: number; limit: number }): Promise<Page<ModelVersionResponseDto>> {
    const [[rows, total], serving] = await Promise.all([
      this.store.findPage((query.page - 1) * query.limit, query.limit),
      this.store.findServing(),
    ]);
    const servingVersion = serving?.version ?? null;
    return pageOf(
      rows.map((row) => toModelVersionResponse(row, servingVersion)),
      total,
      query,
    );
  }

  /** Makes `version` the serving one on every server. Serving it already changes nothing. */
  async serve(version: number): Promise<ModelVersionResponseDto> {
    return this.store.withServingLock(async (manager) => {
      const row = await this.store.findOne(manager, version);
      if (!row) throw new NotFoundError(`Model version ${version} does not exist`);
      if (row.status !== 'ready') {
        throw new ConflictError(
          `Model version ${version} is ${row.status}: only a ready version can serve`,
        );
      }
      if (!hasArtifact(row)) {
        throw new ConflictError(
          `Model version ${version} no longer has its artifact (retention deleted it): serve a kept version or retrain`,
        );
      }
      const serving = await this.store.findServing(manager);
      if (serving?.version !== version) {
        await this.store.promote(manager, version);
        this.logger.log('model version promoted by an admin', {
          newVersion: version,
          oldVersion: serving?.version ?? null,
        });
      }
      return toModelVersionResponse(row, version);
    });
  }

  /**
   * Deletes the bytes of every version the retention rule does not keep (see versionsToDelete),
   * under the serving lock so no rollback picks a version whose bytes are going.
   */
  async applyRetention(): Promise<number[]> {
    const deleted = await this.store.withServingLock(async (manager) => {
      const versions = await this.store.findAll(manager);
      const inExperiment = new Set(await this.store.findExperimentVersions(manager));
      const doomed = versionsToDelete(
        versions.map((v) => ({
          ...v,
          hasArtifact: hasArtifact(v),
          inExperiment: inExperiment.has(v.version),
        })),
        this.config.training.retainFailed,
      );
      await this.store.deleteArtifacts(manager, doomed);
      return doomed;
    });
    if (deleted.length > 0) {
      this.logger.log('old model artifacts deleted', {
        versions: deleted,
        keepFailed: this.config.training.retainFailed,
      });
    }
    return deleted;
  }
}
